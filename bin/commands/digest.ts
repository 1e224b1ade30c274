/** `cli digest`: compose and send (or with --dry-run, preview) the digest of a date. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderArchive, runDigest } from '../../lambdas/digest/run-digest';
import { selectionKey } from '../../lambdas/subscribers/links';
import { digestDeps } from '../local/deps';
import type { CommandContext } from './spec';

export async function run({
  rt,
  log,
  args,
}: CommandContext<{ date?: string; dryRun: boolean; json: boolean }>): Promise<number> {
  const { date, dryRun, json } = args;
  const deps = digestDeps(rt, log);
  const report = await runDigest(deps, { date, dryRun });
  const previews: string[] = [];
  if (dryRun) {
    const dir = join(process.cwd(), '.local', 'preview');
    mkdirSync(dir, { recursive: true });
    const write = (topics: string[], html: string) => {
      const path = join(dir, `${report.date}-${selectionKey(topics) || 'all'}.html`);
      writeFileSync(path, html);
      previews.push(path);
    };
    for (const p of report.previews ?? []) write(p.topics, p.html);
    // Nothing new would go out (already sent, say): show the day as its archive page instead, one
    // per topic selection on the list, so the operator still sees what readers got.
    if (previews.length === 0) {
      const selections = new Map<string, string[]>();
      for (const s of await rt.store.subscribers.listByStatus('confirmed'))
        selections.set(selectionKey(s.topics), s.topics);
      for (const topics of selections.values()) {
        const page = await renderArchive(deps, report.date, topics);
        if (page) write(topics, page.html);
      }
    }
  }
  if (json) {
    const { previews: _omit, ...rest } = report;
    process.stdout.write(`${JSON.stringify(dryRun ? { ...rest, previewFiles: previews } : rest)}\n`);
    return 0;
  }
  console.log(
    `digest ${report.date}: ${report.subscribers} subscribers, ${report.sent} sent, ${report.skipped} skipped, ${report.failed} failed`,
  );
  for (const p of previews) console.log(`preview: ${p}`);
  if (rt.outboxDir && !dryRun && report.sent > 0) console.log(`messages written to ${rt.outboxDir}`);
  return report.failed > 0 ? 1 : 0;
}
