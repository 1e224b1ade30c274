/**
 * Topics of one article from the trained model.
 *
 * Steps: split the body into sentences; collect feature occurrences (features.ts) and the phrase
 * table's scores (topic-scores.ts); score and calibrate per topic (topic-model.ts); pick 1-3
 * topics; for each, keep as evidence the body sentence whose features weigh most for it.
 */
import { sentenceSpans } from '../shared/sentences';
import type { TopicScore } from '../shared/types';
import {
  countFeatures,
  DEFAULT_FEATURE_OPTIONS,
  type FeatureOptions,
  featureVector,
  type Occurrences,
  occurrences,
  type PairKeys,
  sentenceIndexer,
} from './features';
import type { Token } from './tokenize';
import type { TopicModel } from './topic-model';
import { type PhraseEvidence, phraseEvidence } from './topic-scores';

/** An article as the topic model reads it: tokens of title and body, and the body text. */
export interface TopicInput {
  title: readonly Token[];
  body: readonly Token[];
  /** The text the body tokens were cut from (their offsets point into it). */
  bodyText: string;
}

/** Longest evidence sentence kept, in characters; longer ones are cut at a word. */
export const EVIDENCE_MAX_CHARS = 320;

interface Prepared {
  rules: PhraseEvidence;
  occ: Occurrences;
  spans: Array<[number, number]>;
}

function prepare(input: TopicInput, opts: FeatureOptions, pairs?: PairKeys): Prepared {
  const spans = sentenceSpans(input.bodyText);
  const occ = occurrences(input.title, input.body, sentenceIndexer(spans), opts, pairs);
  return { rules: phraseEvidence(input.title, input.body), occ, spans };
}

/** The feature vector and feature occurrences of an article, as training sees them. */
export function topicFeatures(
  input: TopicInput,
  opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): { vector: Map<string, number>; occ: Occurrences } {
  const p = prepare(input, opts);
  return { vector: featureVector(countFeatures(p.occ), p.rules, opts), occ: p.occ };
}

/** 1-3 topics, most probable first, each with its probability and evidence sentence. */
export function classifyTopics(input: TopicInput, model: TopicModel): TopicScore[] {
  if (!input.title.some((t) => t.word) && !input.body.some((t) => t.word)) return [];
  const p = prepare(input, model.options, model.pairKey);
  const tally = model.tally(p.occ);
  const probs = model.calibrate(model.scoreTally(tally, p.rules));
  const picked = model.pick(probs, model.usesLeanings ? model.leaningsOf(p.occ, tally.rows) : undefined);
  const evidence = evidenceSentences(p, tally.rows, model, picked, input.bodyText);
  return picked.map((t, i) => {
    const out: TopicScore = { id: model.topics[t]!, score: Math.round(probs[t]! * 1000) / 1000 };
    if (evidence[i]) out.evidence = evidence[i];
    return out;
  });
}

/** For each topic, the body sentence whose feature occurrences add the most weight to it. */
function evidenceSentences(
  p: Prepared,
  rows: Int32Array,
  model: TopicModel,
  topics: readonly number[],
  text: string,
): Array<string | undefined> {
  if (p.spans.length === 0) return topics.map(() => undefined);
  // A loop, not map(): see TopicModel.calibrate.
  const sums: Float64Array[] = [];
  for (let j = 0; j < topics.length; j++) sums.push(new Float64Array(p.spans.length));
  const { sentences } = p.occ;
  for (let i = 0; i < rows.length; i++) {
    const s = sentences[i]!;
    const r = rows[i]!;
    if (s < 0 || r < 0) continue;
    for (let j = 0; j < topics.length; j++) sums[j]![s]! += model.weightAt(r, topics[j]!);
  }
  return sums.map((sum) => {
    let best = -1;
    for (let s = 0; s < sum.length; s++) if (sum[s]! > 0 && (best < 0 || sum[s]! > sum[best]!)) best = s;
    if (best < 0) return undefined;
    const [a, b] = p.spans[best]!;
    return clip(text.slice(a, b).replace(/\s+/g, ' '));
  });
}

function clip(s: string): string {
  if (s.length <= EVIDENCE_MAX_CHARS) return s;
  const cut = s.slice(0, EVIDENCE_MAX_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > EVIDENCE_MAX_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}
