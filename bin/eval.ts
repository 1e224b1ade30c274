/**
 * `npm run eval [-- --verbose] [-- --folds K] [-- --seed N] [-- --no-cv] [-- --no-blind] [-- --sets A,B] [-- --json FILE] [-- --show-held-out]`:
 * how well analysis does, on data it was trained on only through cross-validation.
 *
 * 1. k-fold cross-validation of the topic model on the training articles (bin/training-sets.ts):
 *    every article predicted by a model trained without it, scored over all of them, over the
 *    corpus and our own sets, over the blind writers' (the spent blind sets and
 *    training/blind-writers/), and over each spent blind set. Actor rules on the same articles.
 * 2. The sets never trained on, through the same path as the CLI (html -> cleanArticle ->
 *    analyze) with the shipped model: the held-out blind sets (HELD_OUT_BLIND: the odd halves of
 *    blind-8 and blind-9, blind-11 to blind-17), and dev and seed of ../shared/analysis. Headline figures come
 *    from the real score.mjs when it is there.
 * 3. The spent blind sets (SPENT_BLIND) through the same path: their actor figures measure rules
 *    tuned on them, and their topic figures are in-sample (the model was trained on them).
 *
 * Each part prints micro precision/recall/F1 for actors and topics, per-topic precision and
 * recall, and the worst misses (ids and topics only: the blind articles are not shown).
 * `--seed N` deals the cross-validation folds from another seed (how much a figure owes to one deal).
 * `--sets blind-3,dev` scores only the sets named (say, one whose misses may be read, and not
 * another whose per-article output must not be printed).
 * The held-out blind sets print their headline and per-topic figures only, never an article id,
 * unless `--show-held-out` is given: reading their misses spends them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRecord } from '../lambdas/analysis/analyze-jsonl';
import { type Prf, perTopic, type ScoreReport, score } from '../lambdas/analysis/score';
import { TOPIC_IDS } from '../lambdas/analysis/topics';
import { crossValidate } from '../lambdas/analysis/training/cross-validate';
import { DEFAULT_TRAIN_CONFIG } from '../lambdas/analysis/training/train-model';
import {
  HELD_OUT_BLIND,
  type LabelledArticle,
  type LabelledSet,
  readLabelled,
  readTrainingArticles,
  SPENT_BLIND,
  sharedAnalysisDir,
  toExample,
} from './training-sets';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const showHeldOut = args.includes('--show-held-out');
/** Blind sets whose per-article output nobody has read: scored by headline and per topic only. */
const HELD_OUT = new Set(HELD_OUT_BLIND.map((s) => s.name));
const foldsArg = args.includes('--folds') ? Number(args[args.indexOf('--folds') + 1]) : 5;
if (!Number.isInteger(foldsArg) || foldsArg < 2) {
  console.error('eval: --folds needs a whole number of at least 2');
  process.exit(2);
}
const seedArg = args.includes('--seed') ? args[args.indexOf('--seed') + 1] : undefined;
if (args.includes('--seed') && !/^\d+$/.test(seedArg ?? '')) {
  console.error(`eval: --seed needs a whole number, got "${seedArg ?? ''}"`);
  process.exit(2);
}
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const setsArg = args.includes('--sets') ? args[args.indexOf('--sets') + 1] : undefined;
if (args.includes('--sets') && !setsArg?.trim()) {
  console.error('eval: --sets needs a comma-separated list of set names (blind-3,dev,seed)');
  process.exit(2);
}
const onlySets = setsArg ? new Set(setsArg.split(',').map((s) => s.trim())) : undefined;
const shared = sharedAnalysisDir();
const scorer = shared ? join(shared, 'score.mjs') : undefined;
const tmp = mkdtempSync(join(tmpdir(), 'eval-'));
const summary: Record<string, unknown> = {};

const f3 = (x: number) => x.toFixed(3);
const prfLine = (p: Prf) => `P ${f3(p.precision)} R ${f3(p.recall)} F1 ${f3(p.f1)}`;

function printPerTopic(gold: LabelledArticle[], got: string[][]) {
  const rows = perTopic(gold, got, TOPIC_IDS);
  console.log('  topic                  n   precision recall  f1');
  for (const r of rows) {
    // A topic the set never has nor gets has no precision or recall to show.
    const show = (x: number, has: boolean) => (has ? f3(x) : '  -  ');
    const predicted = r.tp + r.fp > 0;
    console.log(
      `  ${r.topic.padEnd(21)} ${String(r.support).padStart(3)}   ${show(r.precision, predicted)}     ${show(r.recall, r.support > 0)}   ${show(r.f1, predicted || r.support > 0)}`,
    );
  }
  return rows;
}

/** Articles with the most topic errors, then the most confident ones. */
function printMisses(gold: LabelledArticle[], got: string[][], probs: number[][] | undefined, limit: number) {
  const rows = gold
    .map((g, i) => {
      const opt = g.topics_optional ?? [];
      const missed = g.topics.filter((t) => !got[i]!.includes(t));
      const extra = got[i]!.filter((t) => !g.topics.includes(t) && !opt.includes(t));
      return { g, i, missed, extra, errors: missed.length + extra.length };
    })
    .filter((r) => r.errors > 0)
    .sort((a, b) => b.errors - a.errors || a.g.id.localeCompare(b.g.id));
  const p = (i: number, t: string) => (probs ? `(${f3(probs[i]![TOPIC_IDS.indexOf(t as never)]!)})` : '');
  console.log(
    `  worst misses (${rows.length} articles with a topic error${rows.length > limit ? `, first ${limit}` : ''}):`,
  );
  for (const r of rows.slice(0, limit)) {
    const opt = r.g.topics_optional?.length ? ` optional [${r.g.topics_optional.join(', ')}]` : '';
    console.log(
      `    ${r.g.id}: gold [${r.g.topics.join(', ')}]${opt} got [${got[r.i]!.map((t) => t + p(r.i, t)).join(', ')}]` +
        `${r.missed.length ? ` missed ${r.missed.map((t) => t + p(r.i, t)).join(', ')}` : ''}`,
    );
  }
  return rows
    .slice(0, limit)
    .map((r) => ({ id: r.g.id, gold: r.g.topics, got: got[r.i], missed: r.missed, extra: r.extra }));
}

function trainingArticles(withCv: boolean) {
  const articles = readTrainingArticles();
  console.log(`\n== training articles: ${articles.length} ==`);
  // Actor rules are not learnt: this is how they do on the training articles.
  const actors = score(
    articles,
    articles.map((a) => analyzeRecord(a as never) as never),
  );
  console.log(
    `  actors ${prfLine(actors.actors)}   (rules, not learnt; these articles may have shaped them)`,
  );
  if (verbose) printActorMisses(actors);
  summary.trainingActors = actors.actors;
  if (!withCv) return;
  const cfg = { ...DEFAULT_TRAIN_CONFIG, seed: seedArg ? Number(seedArg) : DEFAULT_TRAIN_CONFIG.seed };
  console.log(
    `\n== cross-validation: ${foldsArg} folds over ${articles.length} training articles, seed ${cfg.seed} ==`,
  );
  if (articles.length < foldsArg * 4) {
    console.log('  too few training articles, skipped');
    return;
  }
  const examples = articles.map((a) => toExample(a, cfg.features, cfg.blindWeight));
  const t0 = performance.now();
  const cv = crossValidate(examples, TOPIC_IDS, cfg, foldsArg);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const topics = score(
    articles,
    articles.map((a, i) => ({ id: a.id, actors: [], topics: cv.picked[i]! })),
  ).topics;
  console.log(`  topics ${prfLine(topics)}   (${secs} s)`);
  const part = (keep: (a: LabelledArticle) => boolean) => {
    const idx = articles.flatMap((a, i) => (keep(a) ? [i] : []));
    const got = idx.map((i) => ({ id: articles[i]!.id, actors: [], topics: cv.picked[i]! }));
    return {
      n: idx.length,
      topics: score(
        idx.map((i) => articles[i]!),
        got,
      ).topics,
    };
  };
  const bySource: Record<string, { n: number; topics: Prf }> = {
    'corpus and our own sets': part((a) => !a.blindWriter),
    'blind writers (all)': part((a) => !!a.blindWriter),
    '  written for training': part((a) => a.set.startsWith('blind-writers/')),
  };
  for (const s of SPENT_BLIND) bySource[`  ${s.name}`] = part((a) => a.set === s.name);
  for (const [name, r] of Object.entries(bySource))
    if (r.n) console.log(`    ${name.padEnd(34)} ${String(r.n).padStart(4)}   topics ${prfLine(r.topics)}`);
  const rows = printPerTopic(articles, cv.picked);
  const misses = printMisses(articles, cv.picked, cv.probs, verbose ? 200 : 15);
  summary.crossValidation = {
    articles: articles.length,
    folds: foldsArg,
    seed: cfg.seed,
    topics,
    bySource: Object.fromEntries(Object.entries(bySource).map(([k, v]) => [k.trim(), v])),
    actors: actors.actors,
    perTopic: rows,
    misses,
  };
}

function printActorMisses(r: ScoreReport) {
  for (const d of r.details) {
    if (d.missed.length || d.extra.length)
      console.log(`    ${d.id}: actors missed [${d.missed.join('; ')}] extra [${d.extra.join('; ')}]`);
  }
}

function testSet(set: LabelledSet, trained = false) {
  const { name, path } = set;
  if (onlySets && !onlySets.has(name)) return;
  if (!existsSync(path)) {
    console.log(`\n== ${name}: ${path} not found, skipped ==`);
    return;
  }
  const gold = readLabelled(set);
  console.log(
    `\n== ${name}: ${gold.length} articles, ${trained ? 'trained on (topics in-sample; cross-validation above scores them held out)' : 'never trained on'} ==`,
  );
  const preds = gold.map(
    (g) =>
      analyzeRecord(g as never) as { id: string; actors: []; topics: Array<{ id: string; score: number }> },
  );
  const predPath = join(tmp, `${name}.pred.jsonl`);
  writeFileSync(predPath, `${preds.map((p) => JSON.stringify(p)).join('\n')}\n`);
  // score.mjs reads the whole file: a half set is written out as the half.
  const goldPath = set.half ? join(tmp, `${name}.gold.jsonl`) : path;
  if (set.half) writeFileSync(goldPath, `${gold.map((g) => JSON.stringify(g)).join('\n')}\n`);
  const ours = score(gold, preds);
  let headline: unknown = { actors: ours.actors, topics: ours.topics };
  if (scorer && existsSync(scorer)) {
    const res = execFileSync(process.execPath, [scorer, goldPath, predPath], { encoding: 'utf8' }).trim();
    headline = JSON.parse(res.split('\n').at(-1)!);
    const h = headline as { actors: Prf; topics: Prf };
    console.log(`  score.mjs: topics ${prfLine(h.topics)}   actors ${prfLine(h.actors)}`);
  } else
    console.log(
      `  (score.mjs not found; our port) topics ${prfLine(ours.topics)}   actors ${prfLine(ours.actors)}`,
    );
  if (trained) {
    // In-sample topics say nothing; the actor misses of a spent set may be read.
    if (verbose) printActorMisses(ours);
    summary[name] = { articles: gold.length, trainedOn: true, headline };
    return;
  }
  const got = preds.map((p) => p.topics.map((t) => t.id));
  const probs = undefined;
  const rows = printPerTopic(gold, got);
  if (HELD_OUT.has(name) && !showHeldOut) {
    console.log(
      '  (held out: per-article misses not printed; --show-held-out prints them and spends the set)',
    );
    summary[name] = { articles: gold.length, headline, perTopic: rows, misses: [] };
    return;
  }
  const misses = printMisses(gold, got, probs, verbose ? 200 : 10);
  if (verbose) printActorMisses(ours);
  summary[name] = { articles: gold.length, headline, perTopic: rows, misses };
}

trainingArticles(!args.includes('--no-cv'));
if (onlySets) console.log(`\n(--sets: scoring only ${[...onlySets].join(', ')})`);
if (!args.includes('--no-blind')) {
  // Written without sight of the model, data or phrase tables, and never trained or tuned on.
  for (const set of HELD_OUT_BLIND) testSet(set);
}
if (shared) {
  testSet({ name: 'dev', path: join(shared, 'dev.jsonl') });
  testSet({ name: 'seed', path: join(shared, 'seed.jsonl') });
} else console.log('\n../shared/analysis not found: dev and seed skipped');
// Spent: read, tuned on, and now trained on.
if (!args.includes('--no-blind')) for (const set of SPENT_BLIND) testSet(set, true);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(summary, null, 2)}\n`);
