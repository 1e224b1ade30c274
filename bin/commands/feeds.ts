/** `cli feeds list|check`: each feed's polling state, or one fetch that stores nothing. */
import type { CommandContext } from './spec';

export async function run({
  rt,
  log,
  args,
}: CommandContext<{ sub: 'list' | 'check'; url: string; json: boolean }>): Promise<number> {
  if (args.sub === 'check') {
    const [{ checkFeed }, { ingestDeps }] = await Promise.all([
      import('../../lambdas/feeds/ingest'),
      import('../local/deps'),
    ]);
    const result = await checkFeed(ingestDeps(rt, log), args.url);
    if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  const states = await rt.store.feeds.list();
  const configured = rt.config.feeds.filter((f) => !states.some((s) => s.url === f.url));
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ feeds: states, neverFetched: configured.map((f) => f.url) })}\n`,
    );
    return 0;
  }
  for (const s of states) {
    const status = s.disabled ? `disabled (${s.disabledReason ?? ''})` : (s.lastStatus ?? 'never');
    const err = s.lastErrorKind ? ` ${s.lastErrorKind}` : '';
    const validators = [s.etag && `etag ${s.etag}`, s.lastModified && `last-modified ${s.lastModified}`]
      .filter(Boolean)
      .join(', ');
    console.log(
      `${s.url}\n  status ${status}${err}, errors in a row ${s.consecutiveErrors}, next attempt ${s.nextAttemptAt}` +
        (validators ? `\n  ${validators}` : ''),
    );
  }
  for (const f of configured) console.log(`${f.url}\n  never fetched`);
  return 0;
}
