/**
 * `npm run train [-- --seed N] [-- --check]`: trains the topic model on the labelled sets of
 * bin/training-sets.ts and writes lambdas/analysis/data/topic-model.json. The same data and seed
 * give the same model; `--check` trains and fails if the committed file holds another.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureCount, modelFile, type TopicModelFile, unpackModel } from '../lambdas/analysis/topic-model';
import { TOPIC_IDS } from '../lambdas/analysis/topics';
import { DEFAULT_TRAIN_CONFIG, trainTopicModel } from '../lambdas/analysis/training/train-model';
import { readTrainingArticles, root, toExample, trainingFingerprint, trainingSets } from './training-sets';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const seedArg = flag('--seed');
if (seedArg !== undefined && !/^\d+$/.test(seedArg)) {
  console.error(`train: --seed must be a whole number, got "${seedArg}"`);
  process.exit(2);
}
const check = args.includes('--check');
const cfg = { ...DEFAULT_TRAIN_CONFIG, seed: seedArg ? Number(seedArg) : DEFAULT_TRAIN_CONFIG.seed };
const outPath = join(root, 'lambdas', 'analysis', 'data', 'topic-model.json');

let warnings = 0;
const articles = readTrainingArticles((msg) => {
  warnings++;
  console.warn(msg);
});
const examples = articles.map((a) => toExample(a, cfg.features, cfg.blindWeight));
const t0 = performance.now();
const { data } = trainTopicModel(examples, TOPIC_IDS, cfg);
const bySet = new Map<string, number>();
for (const a of articles) {
  const set = a.set.startsWith('corpus/')
    ? 'corpus'
    : a.set.startsWith('blind-writers/')
      ? 'blind-writers'
      : a.set;
  bySet.set(set, (bySet.get(set) ?? 0) + 1);
}
const perTopic = Object.fromEntries(
  TOPIC_IDS.map((t) => [t, articles.filter((a) => a.topics.includes(t)).length]),
);
data.trained = {
  seed: cfg.seed,
  data: trainingFingerprint(),
  articles: articles.length,
  sets: Object.fromEntries(bySet),
  corpusFiles: trainingSets().filter((s) => s.name.startsWith('corpus/')).length,
  positives: perTopic,
  config: { ...cfg, features: undefined },
  features: featureCount(data),
};
const file = modelFile(data);
const json = `${JSON.stringify(file, null, 1)}\n`;
const secs = ((performance.now() - t0) / 1000).toFixed(1);
// Compressed bytes may differ between zlib versions for the same model: compare what the committed
// file holds, and rewrite it only when that differs.
let committed: string | undefined;
try {
  committed = JSON.stringify(unpackModel(JSON.parse(readFileSync(outPath, 'utf8')) as TopicModelFile));
} catch {}
const same = committed === JSON.stringify(data);
if (check) {
  if (!same) {
    console.error(`train --check: ${outPath} differs from a fresh training run; run npm run train`);
    process.exit(1);
  }
  console.log(`train --check: ${outPath} matches a fresh training run`);
} else {
  if (!same) writeFileSync(outPath, json);
  console.log(
    `trained on ${articles.length} articles (${[...bySet].map(([k, v]) => `${k} ${v}`).join(', ')}) in ${secs} s; ` +
      `${featureCount(data)} features, ${(json.length / 1024).toFixed(1)} KiB -> ${outPath}${same ? ' (unchanged)' : ''}`,
  );
  const sec = data.secondary;
  if (sec) console.log(`second-topic thresholds: ${(sec.thresholds ?? [sec.threshold]).join(' ')}`);
}
if (warnings) console.warn(`${warnings} line(s) left out, see above`);
