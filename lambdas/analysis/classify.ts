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
  sentenceIndexer,
} from './features';
import type { Token } from './tokenize';
import type { TopicModel } from './topic-model';
import { rawTopicScores } from './topic-scores';

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
  vector: Map<string, number>;
  occ: Occurrences;
  spans: Array<[number, number]>;
}

function prepare(input: TopicInput, opts: FeatureOptions): Prepared {
  const spans = sentenceSpans(input.bodyText);
  const occ = occurrences(input.title, input.body, sentenceIndexer(spans), opts);
  const rules = rawTopicScores(input.title as Token[], input.body as Token[]);
  return { vector: featureVector(countFeatures(occ), rules, opts), occ, spans };
}

/** The feature vector of an article, as training sees it. */
export function topicVector(input: TopicInput, opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS) {
  return prepare(input, opts).vector;
}

/** 1-3 topics, most probable first, each with its probability and evidence sentence. */
export function classifyTopics(input: TopicInput, model: TopicModel): TopicScore[] {
  if (!input.title.some((t) => t.word) && !input.body.some((t) => t.word)) return [];
  const p = prepare(input, model.options);
  const probs = model.probabilities(p.vector);
  return model.pick(probs).map((t) => {
    const out: TopicScore = { id: model.topics[t]!, score: Math.round(probs[t]! * 1000) / 1000 };
    const evidence = evidenceSentence(p, t, model, input.bodyText);
    if (evidence) out.evidence = evidence;
    return out;
  });
}

/** The body sentence whose feature occurrences add the most weight to topic `t`. */
function evidenceSentence(p: Prepared, t: number, model: TopicModel, text: string): string | undefined {
  if (p.spans.length === 0) return undefined;
  const sums = new Float64Array(p.spans.length);
  const { keys, sentences } = p.occ;
  for (let i = 0; i < keys.length; i++) {
    const s = sentences[i]!;
    if (s < 0) continue;
    const w = model.weightsOf(keys[i]!);
    if (w) sums[s]! += w[t]!;
  }
  let best = -1;
  for (let s = 0; s < sums.length; s++) if (sums[s]! > 0 && (best < 0 || sums[s]! > sums[best]!)) best = s;
  if (best < 0) return undefined;
  const [a, b] = p.spans[best]!;
  return clip(text.slice(a, b).replace(/\s+/g, ' '));
}

function clip(s: string): string {
  if (s.length <= EVIDENCE_MAX_CHARS) return s;
  const cut = s.slice(0, EVIDENCE_MAX_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > EVIDENCE_MAX_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}
