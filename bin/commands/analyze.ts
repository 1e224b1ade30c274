/** `cli analyze`: JSON Lines of articles in, actors and topics out; needs no store. */
import { createReadStream, createWriteStream } from 'node:fs';
import { analyzeJsonl } from '../../lambdas/analysis/analyze-jsonl';
import type { CommandContext } from './spec';

export async function run({ log, args }: CommandContext<{ in?: string; out?: string }>): Promise<number> {
  const input = args.in ? createReadStream(args.in) : process.stdin;
  const output = args.out ? createWriteStream(args.out) : process.stdout;
  const result = await analyzeJsonl(input, output, log);
  if (args.out) await new Promise<void>((resolve) => output.end(() => resolve()));
  if (result.errors > 0)
    console.error(`analyze: ${result.errors} of ${result.lines} lines had errors (see "error")`);
  return 0;
}
