/**
 * The trained topic model at run time: one logistic regression per topic over the features of
 * features.ts, calibrated to a probability (Platt scaling fitted on held-out folds), and the rule
 * that turns probabilities into 1-3 topics: the most probable topic always, then others in order
 * of probability while each reaches its topic's threshold (chosen on held-out folds too).
 *
 * The weights are data (./data/topic-model.json, written by `npm run train`, see bin/train.ts).
 */
import type { FeatureOptions } from './features';

/** The shape of data/topic-model.json. */
export interface TopicModelData {
  format: 1;
  /** Topic ids, in the order of every per-topic array below. */
  topics: string[];
  options: FeatureOptions;
  /** Weights are stored as integers: the real weight is the integer divided by `scale`. */
  scale: number;
  bias: number[];
  /** Per topic [a, b]: probability = 1 / (1 + exp(-(a * score + b))). */
  platt: Array<[number, number]>;
  /** Per topic: the probability a second or third topic needs. */
  thresholds: number[];
  maxTopics: number;
  /** Feature key -> [topic index, integer weight, topic index, integer weight, ...]. */
  weights: Record<string, number[]>;
  /** How the model was made: seed, sets and sizes, settings; not used at run time. */
  trained?: Record<string, unknown>;
}

export class TopicModelError extends Error {
  override name = 'TopicModelError';
}

export class TopicModel {
  readonly topics: readonly string[];
  readonly options: FeatureOptions;
  private readonly weights = new Map<string, Float64Array>();

  constructor(private readonly data: TopicModelData) {
    if (data.format !== 1) throw new TopicModelError(`topic model: unknown format ${String(data.format)}`);
    const n = data.topics.length;
    for (const [name, arr] of [
      ['bias', data.bias],
      ['platt', data.platt],
      ['thresholds', data.thresholds],
    ] as const) {
      if (arr.length !== n)
        throw new TopicModelError(`topic model: "${name}" has ${arr.length} entries, not ${n}`);
    }
    this.topics = data.topics;
    this.options = data.options;
    for (const [key, pairs] of Object.entries(data.weights)) {
      const w = new Float64Array(n);
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        const t = pairs[i]!;
        if (t < 0 || t >= n) throw new TopicModelError(`topic model: feature "${key}" names topic ${t}`);
        w[t] = pairs[i + 1]! / data.scale;
      }
      this.weights.set(key, w);
    }
  }

  /** Per-topic weights of a feature, or undefined when the model does not use it. */
  weightsOf(key: string): Float64Array | undefined {
    return this.weights.get(key);
  }

  /** Raw linear scores (before calibration). */
  scores(vector: ReadonlyMap<string, number>): number[] {
    const s = [...this.data.bias];
    for (const [k, x] of vector) {
      const w = this.weights.get(k);
      if (!w) continue;
      for (let t = 0; t < s.length; t++) s[t]! += w[t]! * x;
    }
    return s;
  }

  /** Calibrated probability per topic. */
  probabilities(vector: ReadonlyMap<string, number>): number[] {
    return this.scores(vector).map((z, t) => {
      const [a, b] = this.data.platt[t]!;
      return 1 / (1 + Math.exp(-(a * z + b)));
    });
  }

  /** Topic indices picked from probabilities, most probable first. */
  pick(probs: readonly number[]): number[] {
    return pickTopics(probs, this.data.thresholds, this.data.maxTopics);
  }
}

/** The most probable topic, then others by probability while each reaches its threshold. */
export function pickTopics(
  probs: readonly number[],
  thresholds: readonly number[],
  maxTopics: number,
): number[] {
  const order = probs.map((_, i) => i).sort((a, b) => probs[b]! - probs[a]! || a - b);
  const out: number[] = [];
  for (const t of order) {
    if (out.length >= maxTopics) break;
    if (out.length === 0 || probs[t]! >= thresholds[t]!) out.push(t);
  }
  return out;
}
