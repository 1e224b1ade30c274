/**
 * Second and third topics. The labelling rule is that a topic belongs to an article when its
 * headline or at least a paragraph is about it; a topic the text only brushes against does not.
 * So besides the topic's calibrated probability, a small logistic regression (trained on held-out
 * folds, see training/train-model.ts) looks at how many paragraphs, and whether the title, lean
 * to the topic more than to any other, by the same word weights the topic model uses, and how
 * strongly its strongest paragraph speaks for it (a second topic is often one paragraph of a story
 * about something else, which leans to the main topic by its other words).
 */

/** Stage-two weights, in the order of secondaryFeatures. */
export interface SecondaryData {
  weights: number[];
  bias: number;
  /** Probability a second or third topic needs. */
  threshold: number;
  /** Per topic, when chosen topic by topic: the probability that topic needs instead. */
  thresholds?: number[];
}

/** Which topic each unit (the title, then each body paragraph) leans to, counted per topic. */
export interface Leanings {
  /** The topic the title leans to, or -1. */
  title: number;
  /** Body paragraphs leaning to each topic. */
  paragraphs: number[];
  /** Body paragraphs. */
  total: number;
  /** Per topic, the highest summed weight of one body paragraph (0 if none is positive). */
  peak: number[];
  /**
   * Per topic, the highest summed weight of one body paragraph over the square root of its word
   * count (at least PARAGRAPH_FLOOR): how strongly a paragraph speaks for the topic whatever its
   * length, as the document features are normalised (0 if none is positive).
   */
  density: number[];
}

/** Fewest words a paragraph's density is divided as: a three-word heading does not spike. */
export const PARAGRAPH_FLOOR = 12;

/**
 * Leanings from per-unit weight sums: `sums[u][t]` is the summed weight for topic t of the
 * feature occurrences of unit u (0 the title, 1.. the paragraphs). A unit leans to its highest
 * positive topic.
 */
export function leanings(
  sums: ReadonlyArray<ArrayLike<number> | undefined>,
  topics: number,
  words?: ArrayLike<number>,
): Leanings {
  const out: Leanings = {
    title: -1,
    paragraphs: new Array<number>(topics).fill(0),
    total: 0,
    peak: new Array<number>(topics).fill(0),
    density: new Array<number>(topics).fill(0),
  };
  sums.forEach((s, u) => {
    if (u > 0) out.total++;
    if (!s) return;
    if (u > 0) {
      const inv = 1 / Math.sqrt(Math.max(PARAGRAPH_FLOOR, words?.[u] ?? 0));
      for (let t = 0; t < topics; t++) {
        if (s[t]! > out.peak[t]!) out.peak[t] = s[t]!;
        if (s[t]! * inv > out.density[t]!) out.density[t] = s[t]! * inv;
      }
    }
    let best = -1;
    for (let t = 0; t < topics; t++) if (s[t]! > 0 && (best < 0 || s[t]! > s[best]!)) best = t;
    if (best < 0) return;
    if (u === 0) out.title = best;
    else out.paragraphs[best]!++;
  });
  return out;
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
};

/** Features of candidate topic t beside the main topic `main`. */
export function secondaryFeatures(
  t: number,
  main: number,
  probs: readonly number[],
  lean: Leanings,
): number[] {
  const paras = lean.paragraphs[t]!;
  return [
    logit(probs[t]!),
    Math.log1p(paras),
    lean.total > 0 ? paras / lean.total : 0,
    lean.title === t ? 1 : 0,
    logit(probs[main]!),
    Math.log1p(lean.peak[t] ?? 0),
    lean.density[t] ?? 0,
  ];
}

export function secondaryProbability(x: readonly number[], d: SecondaryData): number {
  let z = d.bias;
  for (let i = 0; i < x.length; i++) z += d.weights[i]! * x[i]!;
  return 1 / (1 + Math.exp(-z));
}

/** The most probable topic, then others by their stage-two probability while it reaches the threshold. */
export function pickWithSecondary(
  probs: readonly number[],
  lean: Leanings,
  d: SecondaryData,
  maxTopics: number,
): number[] {
  let main = 0;
  for (let t = 1; t < probs.length; t++) if (probs[t]! > probs[main]!) main = t;
  // Loops rather than map and filter: their inlined forms met a new kind of array (none passing, say)
  // in a fresh process and made V8 recompile this function twice.
  const others: Array<{ t: number; p: number }> = [];
  for (let t = 0; t < probs.length; t++) {
    if (t === main) continue;
    const p = secondaryProbability(secondaryFeatures(t, main, probs, lean), d);
    if (p >= (d.thresholds?.[t] ?? d.threshold)) others.push({ t, p });
  }
  others.sort((a, b) => b.p - a.p || a.t - b.t);
  const out = [main];
  for (const c of others.slice(0, maxTopics - 1)) out.push(c.t);
  return out;
}
