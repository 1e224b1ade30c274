/**
 * `npm run eval`: runs analyze over our labelled sets (test/fixtures/analysis/, and the blind set in
 * test/fixtures/blind/) and,
 * when present, ../shared/analysis/dev.jsonl and seed.jsonl, through the same path as the CLI
 * (html -> cleanArticle -> text -> analyze). Prints the scores of the real score.mjs when it is
 * there, else of our port; `--verbose` lists misses and extras per article.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRecord } from '../lambdas/analysis/analyze-jsonl';
import { type GoldArticle, score } from '../lambdas/analysis/score';

const root = join(import.meta.dirname, '..');
const shared = join(root, '..', 'shared', 'analysis');
const verbose = process.argv.includes('--verbose');
const sets: Array<[string, string]> = [
  ['own', join(root, 'test', 'fixtures', 'analysis', 'labelled.jsonl')],
  ['holdout', join(root, 'test', 'fixtures', 'analysis', 'holdout.jsonl')],
  // Written without sight of the analyzer's data or rules: the honest figure for unseen articles.
  // Never tune against it.
  ['blind', join(root, 'test', 'fixtures', 'blind', 'blind.jsonl')],
  ['dev', join(shared, 'dev.jsonl')],
  ['seed', join(shared, 'seed.jsonl')],
];
const scorer = join(shared, 'score.mjs');
const out = mkdtempSync(join(tmpdir(), 'eval-'));

for (const [name, path] of sets) {
  if (!existsSync(path)) {
    console.log(`${name}: ${path} not found, skipped`);
    continue;
  }
  const gold = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GoldArticle);
  const preds = gold.map((g) => analyzeRecord(g as never));
  const predPath = join(out, `${name}.pred.jsonl`);
  writeFileSync(predPath, preds.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const ours = score(gold, preds as never);
  if (existsSync(scorer)) {
    const args = [scorer, path, predPath, ...(verbose ? ['--verbose'] : [])];
    const res = execFileSync(process.execPath, args, { encoding: 'utf8' }).trim();
    console.log(`${name} (score.mjs):\n${res}`);
  } else {
    console.log(
      `${name}: ${JSON.stringify({ articles: ours.articles, actors: ours.actors, topics: ours.topics })}`,
    );
    if (verbose) {
      for (const d of ours.details) {
        if (d.missed.length || d.extra.length || d.topicsGold.join() !== d.topicsGot.join()) console.log(d);
      }
    }
  }
}
