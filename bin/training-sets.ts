/**
 * The labelled sets training and evaluation read, and how a labelled line becomes a training
 * example (the same path as the `analyze` command: html -> cleanArticle -> readArticle -> features).
 *
 * Trained on: the corpus under training/corpus/, the sets written for training under the blind
 * writers' brief (training/blind-writers/), our own labelled.jsonl and holdout.jsonl, and the
 * spent blind sets (SPENT_BLIND: blind sets whose articles and misses sessions have read, written by
 * separate writers under the blind brief; an article of theirs weighs TrainConfig.blindWeight).
 * Never trained on: the held-out blind sets (HELD_OUT_BLIND: blind-11, -12, -13 and later, and the odd halves
 * of blind-8 and blind-9) and ../shared/analysis (dev, seed).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArticle } from '../lambdas/analysis/article';
import { topicFeatures } from '../lambdas/analysis/classify';
import type { FeatureOptions } from '../lambdas/analysis/features';
import { recordInput } from '../lambdas/analysis/record';
import type { GoldArticle } from '../lambdas/analysis/score';
import { isTopicId } from '../lambdas/analysis/topics';
import type { TrainingExample } from '../lambdas/analysis/training/train-model';

export const root = join(import.meta.dirname, '..');

/** ../shared/analysis beside the checkout; a worktree one level deeper looks one level up. */
export function sharedAnalysisDir(): string | undefined {
  const candidates = [
    process.env.ANALYSIS_SHARED_DIR,
    join(root, '..', 'shared', 'analysis'),
    join(root, '..', '..', 'shared', 'analysis'),
  ];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

export interface LabelledSet {
  name: string;
  path: string;
  /** Only the articles whose id ends in an even (or odd) number. */
  half?: 'even' | 'odd';
  /**
   * Written under the blind writers' brief (a spent blind set, or training/blind-writers/), not for the
   * training corpus: its articles weigh TrainConfig.blindWeight.
   */
  blindWriters?: boolean;
}

const blindDir = join(root, 'test', 'fixtures', 'blind');

/**
 * Blind sets that are spent: their articles and the analyzer's misses on them have been read, so they
 * no longer measure anything unseen, and they are trained on. Blind-8's and blind-9's even halves were
 * read; their odd halves were not and stay held out (HELD_OUT_BLIND).
 */
export const SPENT_BLIND: readonly LabelledSet[] = [
  ...['blind', 'blind-2', 'blind-3', 'blind-4', 'blind-5', 'blind-6', 'blind-7', 'blind-10'].map((name) => ({
    name,
    path: join(blindDir, `${name}.jsonl`),
    blindWriters: true,
  })),
  { name: 'blind-8-even', path: join(blindDir, 'blind-8.jsonl'), half: 'even', blindWriters: true },
  { name: 'blind-9-even', path: join(blindDir, 'blind-9.jsonl'), half: 'even', blindWriters: true },
];

/** Blind sets never trained on: scored by `npm run eval`, headline and per topic only. */
export const HELD_OUT_BLIND: readonly LabelledSet[] = [
  { name: 'blind-8-odd', path: join(blindDir, 'blind-8.jsonl'), half: 'odd' },
  { name: 'blind-9-odd', path: join(blindDir, 'blind-9.jsonl'), half: 'odd' },
  { name: 'blind-11', path: join(blindDir, 'blind-11.jsonl') },
  { name: 'blind-12', path: join(blindDir, 'blind-12.jsonl') },
  { name: 'blind-13', path: join(blindDir, 'blind-13.jsonl') },
  { name: 'blind-14', path: join(blindDir, 'blind-14.jsonl') },
  { name: 'blind-15', path: join(blindDir, 'blind-15.jsonl') },
  { name: 'blind-16', path: join(blindDir, 'blind-16.jsonl') },
  { name: 'blind-17', path: join(blindDir, 'blind-17.jsonl') },
];

/** Every set we train on, corpus files in name order. */
export function trainingSets(): LabelledSet[] {
  const dir = join(root, 'training', 'corpus');
  const corpus = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => ({ name: `corpus/${f.replace(/\.jsonl$/, '')}`, path: join(dir, f) }))
    : [];
  // Written for training under the blind writers' brief: they weigh as a blind writer's articles do.
  const bwDir = join(root, 'training', 'blind-writers');
  const blindStyle: LabelledSet[] = existsSync(bwDir)
    ? readdirSync(bwDir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => ({
          name: `blind-writers/${f.replace(/\.jsonl$/, '')}`,
          path: join(bwDir, f),
          blindWriters: true,
        }))
    : [];
  const own = join(root, 'test', 'fixtures', 'analysis');
  return [
    ...corpus,
    ...blindStyle,
    { name: 'labelled', path: join(own, 'labelled.jsonl') },
    { name: 'holdout', path: join(own, 'holdout.jsonl') },
    ...SPENT_BLIND,
  ];
}

export class LabelledSetError extends Error {
  override name = 'LabelledSetError';
}

export interface LabelledArticle extends GoldArticle {
  set: string;
  topics_optional: string[];
  /** From a spent blind set (LabelledSet.blindWriters). */
  blindWriter?: boolean;
}

/** Whether an id's trailing number is even; an id without one counts as even. */
function inHalf(id: string, half: 'even' | 'odd' | undefined): boolean {
  if (!half) return true;
  const n = Number(/(\d+)$/.exec(id)?.[1] ?? 0);
  return (n % 2 === 0) === (half === 'even');
}

/**
 * Reads a labelled JSON Lines file. A bad line is reported (file, line, what) through `warn` and
 * left out; the rest is read.
 */
export function readLabelled(
  set: LabelledSet,
  warn: (msg: string) => void = console.warn,
): LabelledArticle[] {
  const out: LabelledArticle[] = [];
  readFileSync(set.path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${set.path}:${i + 1}`;
      try {
        const rec = JSON.parse(line) as Partial<LabelledArticle>;
        if (typeof rec.id !== 'string' || !rec.id) throw new LabelledSetError('missing "id"');
        if (typeof rec.title !== 'string') throw new LabelledSetError('missing "title"');
        if (typeof rec.html !== 'string' && typeof rec.text !== 'string')
          throw new LabelledSetError('needs "html" or "text"');
        if (!Array.isArray(rec.topics) || rec.topics.length < 1 || rec.topics.length > 3)
          throw new LabelledSetError('"topics" must list 1 to 3 topic ids');
        const optional = rec.topics_optional ?? [];
        for (const t of [...rec.topics, ...optional])
          if (!isTopicId(t)) throw new LabelledSetError(`unknown topic id "${t}"`);
        if (!Array.isArray(rec.actors)) throw new LabelledSetError('missing "actors"');
        if (!inHalf(rec.id, set.half)) return;
        out.push({
          ...(rec as LabelledArticle),
          topics_optional: optional,
          set: set.name,
          ...(set.blindWriters ? { blindWriter: true } : {}),
        });
      } catch (err) {
        warn(`${where}: ${err instanceof Error ? err.message : String(err)}; line left out`);
      }
    });
  return out;
}

/** A labelled article as the trainer sees it; a blind writer's article weighs `blindWeight`. */
export function toExample(a: LabelledArticle, opts: FeatureOptions, blindWeight = 1): TrainingExample {
  const { title, text } = recordInput(a as never);
  const { vector, occ } = topicFeatures(readArticle({ title, text }), opts);
  return {
    id: a.id,
    vector,
    occ,
    topics: a.topics,
    optional: a.topics_optional.filter((t) => !a.topics.includes(t)),
    ...(a.blindWriter && blindWeight !== 1 ? { weight: blindWeight } : {}),
  };
}

/** All training articles, ids unique (a repeated id is reported and left out). */
export function readTrainingArticles(warn: (msg: string) => void = console.warn): LabelledArticle[] {
  const seen = new Set<string>();
  const out: LabelledArticle[] = [];
  for (const set of trainingSets()) {
    if (!existsSync(set.path)) continue;
    for (const a of readLabelled(set, warn)) {
      if (seen.has(a.id)) {
        warn(`${set.path}: id "${a.id}" repeats an earlier article; left out`);
        continue;
      }
      seen.add(a.id);
      out.push(a);
    }
  }
  return out;
}

/**
 * A digest of everything a training run reads (the phrase table's and the sets' bytes, in order),
 * stored in the model so a test can tell when the shipped model is older than its data.
 */
export function trainingFingerprint(): string {
  const h = createHash('sha256');
  // The phrase table's scores are features too.
  h.update('topic-phrases\n');
  h.update(readFileSync(join(root, 'lambdas', 'analysis', 'data', 'topic-phrases.json')));
  for (const set of trainingSets()) {
    if (!existsSync(set.path)) continue;
    h.update(`${set.name}\n`);
    h.update(readFileSync(set.path));
  }
  return h.digest('hex').slice(0, 16);
}
