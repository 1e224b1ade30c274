/**
 * The trained topic model at run time: one logistic regression per topic over the features of
 * features.ts, calibrated to a probability (Platt scaling fitted on held-out folds), and the rule
 * that turns probabilities into 1-3 topics: the most probable topic always, then others in order
 * of probability while each reaches its topic's threshold (chosen on held-out folds too).
 *
 * The weights are data (./data/topic-model.json, written by `npm run train`, see bin/train.ts).
 */
import { type FeatureOptions, isPair, type Occurrences, RULE_PREFIX } from './features';
import { type Leanings, leanings, pickWithSecondary, type SecondaryData } from './secondary';
import type { PhraseEvidence } from './topic-scores';

/** The shape of data/topic-model.json. */
export interface TopicModelData {
  format: 2;
  /** Topic ids, in the order of every per-topic array below. */
  topics: string[];
  options: FeatureOptions;
  bias: number[];
  /** Per topic [a, b]: probability = 1 / (1 + exp(-(a * score + b))). */
  platt: Array<[number, number]>;
  /** Per topic: the probability a second or third topic needs (when `secondary` is absent). */
  thresholds: number[];
  /** The stage-two model for second and third topics (secondary.ts). */
  secondary?: SecondaryData;
  maxTopics: number;
  /** Unit of the packed weights: a packed value v is the weight v * step. */
  step: number;
  /** Feature keys in the order of `packed`, joined by newlines. */
  keys: string;
  /**
   * Base64 bytes: for each key, a count n, then n pairs of (topic index, weight in steps as a
   * signed byte). Weights a byte cannot hold are in `exact`.
   */
  packed: string;
  /** Features with a weight beyond the packed range: key -> [topic index, weight, ...]. */
  exact: Record<string, number[]>;
  /** How the model was made: seed, sets and sizes, settings; not used at run time. */
  trained?: Record<string, unknown>;
}

/** log(1 + c) of the small whole counts almost every feature has. */
const LOG1P = Float64Array.from({ length: 64 }, (_, c) => Math.log1p(c));

/** An article's features as the run-time path counts them (TopicModel.tally). */
export interface Tally {
  /** Count of each feature the model knows, by its weights. */
  known: Map<Float64Array, number>;
  /** Euclidean length of the word features' log counts: what every feature is divided by. */
  length: number;
  /** The weights of each occurrence, in the order of Occurrences.keys. */
  perOccurrence: Array<Float64Array | undefined>;
}

export class TopicModelError extends Error {
  override name = 'TopicModelError';
}

export class TopicModel {
  readonly topics: readonly string[];
  readonly options: FeatureOptions;
  private readonly weights = new Map<string, Float64Array>();
  private readonly ruleWeights: Array<Float64Array | undefined>;
  /** The pairs the model has weights for: first stem -> second stem -> the pair's key. */
  private readonly pairs = new Map<string, Map<string, string>>();

  /** The key of a pair of stems the model has weights for (features.ts PairKeys), else undefined. */
  readonly pairKey = (first: string, second: string): string | undefined =>
    this.pairs.get(first)?.get(second);
  private readonly paragraphWeights: Array<Float64Array | undefined>;

  constructor(private readonly data: TopicModelData) {
    if (data.format !== 2) throw new TopicModelError(`topic model: unknown format ${String(data.format)}`);
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
    const keys = data.keys ? data.keys.split('\n') : [];
    const bytes = Buffer.from(data.packed, 'base64');
    let at = 0;
    for (const key of keys) {
      const w = new Float64Array(n);
      const count = bytes[at++];
      if (count === undefined || at + 2 * count > bytes.length)
        throw new TopicModelError(`topic model: packed weights end before feature "${key}"`);
      for (let i = 0; i < count; i++) {
        const t = bytes[at++]!;
        const v = bytes[at++]!;
        if (t >= n) throw new TopicModelError(`topic model: feature "${key}" names topic ${t}`);
        w[t] = (v > 127 ? v - 256 : v) * data.step;
      }
      this.weights.set(key, w);
    }
    if (at !== bytes.length) throw new TopicModelError('topic model: packed weights longer than the keys');
    for (const [key, pairs] of Object.entries(data.exact)) {
      const w = this.weights.get(key) ?? new Float64Array(n);
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        const t = pairs[i]!;
        if (t < 0 || t >= n) throw new TopicModelError(`topic model: feature "${key}" names topic ${t}`);
        w[t] = pairs[i + 1]!;
      }
      this.weights.set(key, w);
    }
    for (const key of this.weights.keys()) {
      if (!isPair(key)) continue;
      const [a, b] = key.split(' ') as [string, string];
      let inner = this.pairs.get(a);
      if (!inner) {
        inner = new Map();
        this.pairs.set(a, inner);
      }
      inner.set(b, key);
    }
    this.ruleWeights = data.topics.map((_, i) => this.weights.get(`${RULE_PREFIX}s${i}`));
    this.paragraphWeights = data.topics.map((_, i) => this.weights.get(`${RULE_PREFIX}p${i}`));
  }

  /** Per-topic weights of a feature, or undefined when the model does not use it. */
  weightsOf(key: string): Float64Array | undefined {
    return this.weights.get(key);
  }

  /** Raw linear scores (before calibration) of a feature vector (features.ts featureVector). */
  scores(vector: ReadonlyMap<string, number>): number[] {
    const s = Float64Array.from(this.data.bias);
    const n = s.length;
    vector.forEach((x, k) => {
      const w = this.weights.get(k);
      if (w === undefined) return;
      for (let t = 0; t < n; t++) s[t]! += w[t]! * x;
    });
    return Array.from(s);
  }

  /**
   * One pass over an article's feature occurrences for the run-time path: each distinct feature's
   * count and weights, and the weights of each occurrence (for leanings and evidence).
   */
  tally(occ: Occurrences): Tally {
    const known = new Map<Float64Array, number>();
    const wordCounts = new Map<string, number>();
    const perOccurrence: Array<Float64Array | undefined> = new Array(occ.keys.length);
    const { keys, sentences, titleWeight } = occ;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const add = sentences[i]! < 0 ? titleWeight : 1;
      if (!isPair(k)) wordCounts.set(k, (wordCounts.get(k) ?? 0) + add);
      const w = this.weights.get(k);
      perOccurrence[i] = w;
      if (w !== undefined) known.set(w, (known.get(w) ?? 0) + add);
    }
    let length = 0;
    wordCounts.forEach((c) => {
      const x = c < LOG1P.length ? LOG1P[c]! : Math.log1p(c);
      length += x * x;
    });
    return { known, length: Math.sqrt(length), perOccurrence };
  }

  /**
   * The scores of scores(featureVector(...)) straight from a tally and the phrase evidence,
   * without building the vector. A unit test holds the two equal.
   */
  scoreTally(tally: Tally, rules: PhraseEvidence): number[] {
    const s = new Float64Array(this.data.bias.length);
    const n = s.length;
    tally.known.forEach((count, w) => {
      const x = count < LOG1P.length ? LOG1P[count]! : Math.log1p(count);
      for (let t = 0; t < n; t++) s[t]! += w[t]! * x;
    });
    const inv = tally.length > 0 ? 1 / tally.length : 0;
    for (let t = 0; t < n; t++) s[t] = this.data.bias[t]! + s[t]! * inv;
    const { ruleScale, paragraphScale } = this.options;
    for (let i = 0; i < rules.scores.length; i++) {
      const r = rules.scores[i]!;
      const ws = this.ruleWeights[i];
      if (r > 0 && ruleScale > 0 && ws) {
        const x = Math.log1p(r) * ruleScale;
        for (let t = 0; t < n; t++) s[t]! += ws[t]! * x;
      }
      const p = rules.paragraphs[i]!;
      const wp = this.paragraphWeights[i];
      if (p > 0 && paragraphScale > 0 && wp) {
        const x = Math.log1p(p) * paragraphScale;
        for (let t = 0; t < n; t++) s[t]! += wp[t]! * x;
      }
    }
    return Array.from(s);
  }

  /** Calibrated probability per topic from raw scores. */
  calibrate(scores: readonly number[]): number[] {
    return scores.map((z, t) => {
      const [a, b] = this.data.platt[t]!;
      return 1 / (1 + Math.exp(-(a * z + b)));
    });
  }

  /** Calibrated probability per topic of a feature vector. */
  probabilities(vector: ReadonlyMap<string, number>): number[] {
    return this.calibrate(this.scores(vector));
  }

  /** Topic indices picked from probabilities (and the title's and paragraphs' leanings), most probable first. */
  pick(probs: readonly number[], lean?: Leanings): number[] {
    if (this.data.secondary && lean)
      return pickWithSecondary(probs, lean, this.data.secondary, this.data.maxTopics);
    return pickTopics(probs, this.data.thresholds, this.data.maxTopics);
  }

  /**
   * The title's and paragraphs' leanings (secondary.ts) under this model's word weights; pass
   * the tally's per-occurrence weights when there is one.
   */
  leaningsOf(occ: Occurrences, perOccurrence?: ReadonlyArray<Float64Array | undefined>): Leanings {
    const n = this.topics.length;
    const sums: Array<Float64Array | undefined> = [];
    let units = 0;
    for (let i = 0; i < occ.keys.length; i++) {
      const u = occ.units[i]!;
      if (u > units) units = u;
      const w = perOccurrence ? perOccurrence[i] : this.weights.get(occ.keys[i]!);
      if (w === undefined) continue;
      let s = sums[u];
      if (!s) {
        s = new Float64Array(n);
        sums[u] = s;
      }
      for (let t = 0; t < n; t++) s[t]! += w[t]!;
    }
    sums.length = units + 1;
    return leanings(sums, n);
  }

  /** Whether picking uses the title's and paragraphs' leanings. */
  get usesLeanings(): boolean {
    return !!this.data.secondary;
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

/**
 * Packs per-feature weights (already multiples of `step`) into the shipped form: small weights as
 * signed bytes, the rest exactly. Zero weights are left out.
 */
export function packWeights(
  weights: ReadonlyMap<string, ArrayLike<number>>,
  step: number,
): Pick<TopicModelData, 'keys' | 'packed' | 'exact'> {
  const keys: string[] = [];
  const bytes: number[] = [];
  const exact: Record<string, number[]> = {};
  for (const [key, w] of weights) {
    if (key.includes('\n'))
      throw new TopicModelError(`topic model: feature key with a newline: ${JSON.stringify(key)}`);
    const small: number[] = [];
    const big: number[] = [];
    for (let t = 0; t < w.length; t++) {
      const x = w[t]!;
      if (x === 0) continue;
      const v = Math.round(x / step);
      if (v >= -128 && v <= 127 && Math.abs(v * step - x) < step / 2) small.push(t, v & 0xff);
      else big.push(t, x);
    }
    if (small.length) {
      keys.push(key);
      bytes.push(small.length / 2, ...small);
    }
    if (big.length) exact[key] = big;
  }
  return { keys: keys.join('\n'), packed: Buffer.from(bytes).toString('base64'), exact };
}
