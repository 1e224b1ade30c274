/** `cli serve`: the subscription pages and the archive on localhost until Ctrl-C. */
import { serveSite } from '../local/serve';
import type { CommandContext } from './spec';

export async function run({ rt, log, args }: CommandContext<{ port: number }>): Promise<number> {
  await serveSite(rt, args.port, log);
  return 0;
}
