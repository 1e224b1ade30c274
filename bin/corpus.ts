/**
 * `npm run corpus -- DIR [--json] [--slowest N]`: parses and cleans every file under DIR the way
 * ingestion does, without fetching, and prints how each ended: articles, an empty feed, or a
 * classified error. Anything else is a crash and makes the exit status 1. When DIR has a
 * MANIFEST.tsv (file, ..., format_guess, ..., note), files not marked "invalid on purpose" and in a
 * feed format are the well-formed set whose ingest rate is reported.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeFeed } from '../lambdas/feeds/decode';
import { FeedDecodeError, FeedParseError } from '../lambdas/feeds/errors';
import { buildCandidates, DEFAULT_INGEST_OPTIONS } from '../lambdas/feeds/ingest';
import { parseFeed } from '../lambdas/feeds/parse';

interface Outcome {
  file: string;
  outcome: string;
  items: number;
  ms: number;
  maxArticleBytes: number;
  error?: string;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) out.push(...walk(p));
    else if (st.isFile()) out.push(p);
  }
  return out;
}

// "xml-other" files are XML but not feeds (<note>, ...): not counted as feeds that should ingest.
const FEED_FORMATS = /^(rss|atom|json|jsonfeed)/;

function readManifest(dir: string): Map<string, { format: string; note: string }> | undefined {
  const p = join(dir, 'MANIFEST.tsv');
  if (!existsSync(p)) return undefined;
  const rows = readFileSync(p, 'utf8').split('\n').slice(1).filter(Boolean);
  const m = new Map<string, { format: string; note: string }>();
  for (const r of rows) {
    const cols = r.split('\t');
    m.set(cols[0]!, { format: cols[4] ?? '', note: cols[6] ?? '' });
  }
  return m;
}

async function runFile(path: string, root: string, now: Date): Promise<Outcome> {
  const file = relative(root, path);
  const bytes = readFileSync(path);
  const t0 = performance.now();
  try {
    const decoded = decodeFeed(bytes);
    const feed = await parseFeed(decoded.text, { maxItems: DEFAULT_INGEST_OPTIONS.maxItemsPerFeed });
    const url = `https://corpus.invalid/${encodeURI(file)}`;
    const candidates = buildCandidates(feed, { url, outlet: 'corpus' }, url, now, DEFAULT_INGEST_OPTIONS);
    const maxArticleBytes = candidates.reduce(
      (m, c) => Math.max(m, Buffer.byteLength(JSON.stringify(c.article))),
      0,
    );
    return {
      file,
      outcome: candidates.length ? 'articles' : 'empty',
      items: candidates.length,
      ms: performance.now() - t0,
      maxArticleBytes,
    };
  } catch (err) {
    const ms = performance.now() - t0;
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    if (err instanceof FeedParseError || err instanceof FeedDecodeError) {
      return { file, outcome: err.kind, items: 0, ms, maxArticleBytes: 0, error };
    }
    return { file, outcome: 'crash', items: 0, ms, maxArticleBytes: 0, error };
  }
}

export async function runCorpus(
  dir: string,
): Promise<{ results: Outcome[]; summary: Record<string, unknown> }> {
  const manifest = readManifest(dir);
  const files = walk(dir).filter((f) => !/^(MANIFEST\.tsv|README\.md)$/.test(relative(dir, f)));
  const now = new Date();
  const results: Outcome[] = [];
  for (const f of files) results.push(await runFile(f, dir, now));

  const counts: Record<string, number> = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  const summary: Record<string, unknown> = {
    files: results.length,
    outcomes: counts,
    crashes: results.filter((r) => r.outcome === 'crash').map((r) => ({ file: r.file, error: r.error })),
    totalMs: Math.round(results.reduce((s, r) => s + r.ms, 0)),
    maxArticleBytes: results.reduce((m, r) => Math.max(m, r.maxArticleBytes), 0),
  };
  if (manifest) {
    const wellFormed = results.filter((r) => {
      const m = manifest.get(r.file);
      return m && FEED_FORMATS.test(m.format) && !/invalid on purpose|instead of feed/i.test(m.note);
    });
    const ingested = wellFormed.filter((r) => r.outcome === 'articles' || r.outcome === 'empty');
    const broken = results.filter((r) => /invalid on purpose/i.test(manifest.get(r.file)?.note ?? ''));
    summary.wellFormed = {
      files: wellFormed.length,
      ingested: ingested.length,
      withArticles: wellFormed.filter((r) => r.outcome === 'articles').length,
      rate: wellFormed.length ? Number((ingested.length / wellFormed.length).toFixed(3)) : null,
      failed: wellFormed
        .filter((r) => !ingested.includes(r))
        .map((r) => ({ file: r.file, outcome: r.outcome, error: r.error })),
    };
    summary.brokenOnPurpose = {
      files: broken.length,
      classifiedErrors: broken.filter(
        (r) => r.outcome !== 'crash' && r.outcome !== 'articles' && r.outcome !== 'empty',
      ).length,
      readAnyway: broken.filter((r) => r.outcome === 'articles' || r.outcome === 'empty').length,
    };
  }
  return { results, summary };
}

async function main() {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir || !existsSync(dir)) {
    console.error('usage: npm run corpus -- DIR [--json] [--slowest N]');
    process.exit(2);
  }
  const slowestIdx = args.indexOf('--slowest');
  const slowestN = slowestIdx >= 0 ? Number(args[slowestIdx + 1] ?? 10) : 10;
  const { results, summary } = await runCorpus(dir);
  const slowest = [...results]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, slowestN)
    .map((r) => ({ file: r.file, ms: Math.round(r.ms), outcome: r.outcome, items: r.items }));
  if (args.includes('--json')) {
    console.log(JSON.stringify({ ...summary, slowest }, null, 2));
  } else {
    console.log(
      `files: ${summary.files}  total: ${summary.totalMs} ms  largest article: ${summary.maxArticleBytes} B`,
    );
    console.log('outcomes:', summary.outcomes);
    console.log('crashes:', (summary.crashes as unknown[]).length, summary.crashes);
    if (summary.wellFormed) console.log('well-formed:', summary.wellFormed);
    if (summary.brokenOnPurpose) console.log('broken on purpose:', summary.brokenOnPurpose);
    console.log('slowest:');
    for (const s of slowest)
      console.log(`  ${String(s.ms).padStart(6)} ms  ${s.outcome.padEnd(12)} ${s.items}  ${s.file}`);
  }
  process.exit((summary.crashes as unknown[]).length ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('corpus.ts')) {
  await main();
}
