/**
 * The trained topic model at run time: one logistic regression per topic over the features of
 * features.ts, calibrated to a probability (Platt scaling fitted on held-out folds), and the rule
 * that turns probabilities into 1-3 topics: the most probable topic always, then others in order
 * of probability while each reaches its topic's threshold (chosen on held-out folds too).
 *
 * The weights are data (./data/topic-model.json, written by `npm run train`, see bin/train.ts; packed
 * as shipped-data.ts describes).
 */
import { type FeatureOptions, isPair, type Occurrences, RULE_PREFIX, wordsPerUnit } from './features';
import { type Leanings, leanings, pickWithSecondary, type SecondaryData } from './secondary';
import { packData, type ShippedData, unpackData } from './shipped-data';
import type { PhraseEvidence } from './topic-scores';
import { decodeVarints, encodeVarints } from './varint';

/**
 * The file data/topic-model.json: the model packed (shipped-data.ts), and beside it, readable, how
 * it was trained.
 */
export interface TopicModelFile extends ShippedData {
  trained?: Record<string, unknown>;
}

/** The model a model file holds. */
export function unpackModel(file: TopicModelFile): TopicModelData {
  const data = unpackData<TopicModelData>(file, 'topic model');
  return file.trained ? { ...data, trained: file.trained } : data;
}

/** The file that holds a model (bin/train.ts writes it). */
export function modelFile(data: TopicModelData): TopicModelFile {
  const { trained, ...rest } = data;
  const { format, data: packed } = packData(rest);
  return trained ? { format, trained, data: packed } : { format, data: packed };
}

/** What data/topic-model.json holds, unpacked. */
export interface TopicModelData {
  format: 4;
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
  /**
   * The features with weights, one row each. Rows 0..: the word and phrase-table features
   * (`words`, newline-joined). Then the word pairs, as numbers of stems: a stem's number is its
   * row among the words, or for a stem no word row has, words.length + its place in `pairStems`.
   */
  words: string;
  /** Stems that appear only inside pairs, newline-joined. */
  pairStems: string;
  /**
   * Base64 varints, two per pair row, pairs in order of their first stem's number then the
   * second's: the first stem's number less the previous pair's first; the second stem's number,
   * less the previous pair's second when the first is the same.
   */
  pairs: string;
  /**
   * Base64 bytes: which topics each row weighs, a bit per topic, low bit first, in ceil(topics / 8)
   * planes: every row's first byte (topics 0-7), then every row's second... Apart from the weights
   * (below), whose bytes brotli packs better in a stream of their own.
   */
  masks: string;
  /**
   * Base64 bytes: each row's weights in steps, one signed byte each, for the topics its mask names,
   * rows in order. Weights a byte cannot hold are in `exact`.
   */
  weights: string;
  /** Features with a weight beyond the packed range: key -> [topic index, weight, ...]. */
  exact: Record<string, number[]>;
  /** How the model was made: seed, sets and sizes, settings; not used at run time. */
  trained?: Record<string, unknown>;
}

/** How many distinct feature keys a model remembers for tally before it starts again. */
const KEY_IDS_MAX = 200_000;

/** log(1 + c) of the small whole counts almost every feature has. */
const LOG1P = Float64Array.from({ length: 64 }, (_, c) => Math.log1p(c));

/** An article's features as the run-time path counts them (TopicModel.tally). */
export interface Tally {
  /**
   * The row of each feature the model knows, in the order it first occurs, and its count
   * (`knownCounts[i]` is row `knownRows[i]`'s): two arrays rather than a map of some thousand
   * entries made per article.
   */
  knownRows: number[];
  knownCounts: number[];
  /** Euclidean length of the word features' log counts: what every feature is divided by. */
  length: number;
  /** The row of each occurrence, in the order of Occurrences.keys; -1 for a feature the model lacks. */
  rows: Int32Array;
}

export class TopicModelError extends Error {
  override name = 'TopicModelError';
}

export class TopicModel {
  readonly topics: readonly string[];
  readonly options: FeatureOptions;
  /** Row of each feature key. */
  private readonly rowOf = new Map<string, number>();
  /** Weights, row by row: weight of row r for topic t at r * topics + t. */
  private readonly w: Float64Array;
  private readonly ruleRows: number[];
  private readonly paragraphRows: number[];
  /** Number of each stem pairs name that has no word row (word rows are their stems' numbers). */
  private readonly pairOnlyStems = new Map<string, number>();
  private readonly stemCount: number;
  /**
   * The pairs by their first stem's number: those of stem a are pairs pairsFrom[a] to pairsFrom[a + 1] - 1,
   * each pair's second stem number in pairSecond (increasing, as the file orders them); pair i is row
   * wordRows + i. Searched in arrays rather than a map: finding pairs is most of the run-time lookups.
   */
  private readonly pairsFrom: Int32Array;
  private readonly pairSecond: Int32Array;
  /** Each pair row's key, made on first use ("war power"). */
  private readonly pairKeys: Array<string | undefined>;
  private readonly wordRows: number;
  /** The second stem of the last pairKey call, and its number. */
  private lastStem: string | undefined;
  private lastStemNumber = -1;
  /**
   * Every feature key tally has met, numbered, and per number its row (-1: none) and whether it is a
   * word; then the tally that last gave the key a slot (keyStamp) and the slot. A tally looks each
   * occurrence up once here and makes no map of its own (its growth was a fifth of analysis's allocation).
   */
  private readonly keyIds = new Map<string, number>();
  private keyRow = new Int32Array(4096);
  private keyWord = new Uint8Array(4096);
  /** A word key's stem number (stemNumber), -1 for a pair. */
  private keyStem = new Int32Array(4096);
  /** By stemId (features.ts): 1 + the stem's key number, 0 if none yet. */
  private stemKeys = new Int32Array(4096);
  private keyStamp = new Int32Array(4096);
  private keySlot = new Int32Array(4096);
  private tallies = 0;

  /**
   * The key of a pair of stems the model has weights for (features.ts PairKeys), else undefined.
   * Pairs are found by their stems' numbers, so loading the model makes no string per pair.
   */
  readonly pairKey = (first: string, second: string, firstId = -1, secondId = -1): string | undefined => {
    // Pairs come in text order: this pair's first stem is most often the last one's second.
    const a = first === this.lastStem ? this.lastStemNumber : this.keyStem[this.keyIdOf(first, firstId)]!;
    const b = this.keyStem[this.keyIdOf(second, secondId)]!;
    this.lastStem = second;
    this.lastStemNumber = b;
    if (a < 0 || b < 0) return undefined;
    const i = this.pairIndex(a, b);
    if (i < 0) return undefined;
    const r = this.wordRows + i;
    let key = this.pairKeys[i];
    if (key === undefined) {
      key = `${first} ${second}`;
      this.pairKeys[i] = key;
      this.rowOf.set(key, r);
    }
    return key;
  };

  constructor(private readonly data: TopicModelData) {
    if (data.format !== 4) throw new TopicModelError(`topic model: unknown format ${String(data.format)}`);
    const n = data.topics.length;
    for (const [name, arr] of [
      ['bias', data.bias],
      ['platt', data.platt],
      ['thresholds', data.thresholds],
    ] as const) {
      if (arr.length !== n)
        throw new TopicModelError(`topic model: "${name}" has ${arr.length} entries, not ${n}`);
    }
    if (n > 30) throw new TopicModelError(`topic model: ${n} topics; the packed form holds at most 30`);
    this.topics = data.topics;
    this.options = data.options;
    const words = data.words ? data.words.split('\n') : [];
    const extra = data.pairStems ? data.pairStems.split('\n') : [];
    const pairNums = decodeVarints(data.pairs, 'topic model: pairs');
    if (pairNums.length % 2) throw new TopicModelError('topic model: pairs hold an odd count of numbers');
    this.wordRows = words.length;
    this.stemCount = words.length + extra.length;
    const pairCount = pairNums.length / 2;
    const rows = words.length + pairCount;
    this.pairKeys = new Array(pairCount);
    for (let r = 0; r < words.length; r++) this.rowOf.set(words[r]!, r);
    for (let i = 0; i < extra.length; i++) this.pairOnlyStems.set(extra[i]!, words.length + i);
    this.pairsFrom = new Int32Array(this.stemCount + 1);
    this.pairSecond = new Int32Array(pairCount);
    let first = 0;
    let second = 0;
    let last = -1;
    for (let i = 0; i < pairCount; i++) {
      const step = pairNums[2 * i]!;
      first += step;
      second = step === 0 && i > 0 ? second + pairNums[2 * i + 1]! : pairNums[2 * i + 1]!;
      if (first >= this.stemCount || second >= this.stemCount)
        throw new TopicModelError(`topic model: pair ${i} names a stem the model lacks`);
      if (step === 0 && second <= last)
        throw new TopicModelError(`topic model: pair ${i} is out of order or repeated`);
      last = second;
      this.pairsFrom[first + 1]!++;
      this.pairSecond[i] = second;
    }
    for (let a = 0; a < this.stemCount; a++) this.pairsFrom[a + 1]! += this.pairsFrom[a]!;
    this.w = unpackWeights(data.masks, data.weights, rows, n, data.step);
    for (const [key, pairs] of Object.entries(data.exact)) {
      const r = this.rowOf.get(key) ?? this.pairRowOfKey(key);
      if (r === undefined)
        throw new TopicModelError(`topic model: exact weights of "${key}", which has no row`);
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        const t = pairs[i]!;
        if (t < 0 || t >= n) throw new TopicModelError(`topic model: feature "${key}" names topic ${t}`);
        this.w[r * n + t] = pairs[i + 1]!;
      }
    }
    this.ruleRows = data.topics.map((_, i) => this.rowOf.get(`${RULE_PREFIX}s${i}`) ?? -1);
    this.paragraphRows = data.topics.map((_, i) => this.rowOf.get(`${RULE_PREFIX}p${i}`) ?? -1);
  }

  /**
   * The number tally gives a key; for a stem with a stemId (features.ts), found by it in an array
   * once met, so that a word is looked up in no map for its pairs and its count.
   */
  private keyIdOf(key: string, stemId: number): number {
    if (stemId < 0) return this.keyIds.get(key) ?? this.newKey(key);
    if (stemId >= this.stemKeys.length) {
      const more = new Int32Array(Math.max(stemId + 1, this.stemKeys.length * 2));
      more.set(this.stemKeys);
      this.stemKeys = more;
    }
    let id = this.stemKeys[stemId]! - 1;
    if (id < 0) {
      id = this.keyIds.get(key) ?? this.newKey(key);
      this.stemKeys[stemId] = id + 1;
    }
    return id;
  }

  /** The index of the pair of stem numbers a and b among the pairs, or -1. */
  private pairIndex(a: number, b: number): number {
    let lo = this.pairsFrom[a]!;
    let hi = this.pairsFrom[a + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = this.pairSecond[mid]!;
      if (x === b) return mid;
      if (x < b) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** A stem's number: its word row, or its place after them among the stems only pairs use; -1 if none. */
  private stemNumber(stem: string): number {
    const r = this.rowOf.get(stem);
    if (r !== undefined && r < this.wordRows) return r;
    return this.pairOnlyStems.get(stem) ?? -1;
  }

  /** The row of a feature key, pairs included. */
  private rowOfKey(key: string): number | undefined {
    return this.rowOf.get(key) ?? this.pairRowOfKey(key);
  }

  private pairRowOfKey(key: string): number | undefined {
    if (!isPair(key)) return undefined;
    const space = key.indexOf(' ');
    return this.pairKey(key.slice(0, space), key.slice(space + 1)) === undefined
      ? undefined
      : this.rowOf.get(key);
  }

  /** Per-topic weights of a feature, or undefined when the model does not use it. */
  weightsOf(key: string): Float64Array | undefined {
    const r = this.rowOfKey(key);
    const n = this.topics.length;
    return r === undefined ? undefined : this.w.slice(r * n, r * n + n);
  }

  /** Weight of a row (Tally.rows) for a topic. */
  weightAt(row: number, topic: number): number {
    return this.w[row * this.topics.length + topic]!;
  }

  /** Raw linear scores (before calibration) of a feature vector (features.ts featureVector). */
  scores(vector: ReadonlyMap<string, number>): number[] {
    const s = Float64Array.from(this.data.bias);
    const n = s.length;
    const w = this.w;
    vector.forEach((x, k) => {
      const r = this.rowOfKey(k);
      if (r === undefined) return;
      for (let t = 0; t < n; t++) s[t]! += w[r * n + t]! * x;
    });
    return Array.from(s);
  }

  /**
   * One pass over an article's feature occurrences for the run-time path: each distinct feature's
   * count, and the row of each occurrence (for leanings and evidence).
   */
  tally(occ: Occurrences): Tally {
    const { keys, stemIds, sentences, titleWeight } = occ;
    const rows = new Int32Array(keys.length);
    if (this.keyIds.size > KEY_IDS_MAX || this.tallies >= 0x7fffffff) this.forgetKeys();
    const stamp = ++this.tallies;
    // Each distinct key once, in the order it first occurs: its number and its count. The sums below
    // run in that order, as over maps filled in text order.
    const slotKey: number[] = [];
    const slotCount: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const add = sentences[i]! < 0 ? titleWeight : 1;
      const id = this.keyIdOf(k, stemIds[i]!);
      if (this.keyStamp[id] === stamp) slotCount[this.keySlot[id]!]! += add;
      else {
        this.keyStamp[id] = stamp;
        this.keySlot[id] = slotKey.length;
        slotKey.push(id);
        slotCount.push(add);
      }
      rows[i] = this.keyRow[id]!;
    }
    const knownRows: number[] = [];
    const knownCounts: number[] = [];
    let length = 0;
    for (let slot = 0; slot < slotKey.length; slot++) {
      const id = slotKey[slot]!;
      const c = slotCount[slot]!;
      const row = this.keyRow[id]!;
      // Each slot's key is distinct, and so is its row: one entry per row.
      if (row >= 0) {
        knownRows.push(row);
        knownCounts.push(c);
      }
      if (this.keyWord[id]) {
        const x = c < LOG1P.length ? LOG1P[c]! : Math.log1p(c);
        length += x * x;
      }
    }
    return { knownRows, knownCounts, length: Math.sqrt(length), rows };
  }

  /** Numbers a feature key tally has not met: its row and whether it is a word. */
  private newKey(key: string): number {
    // Before the key takes its number: finding a pair's row numbers its stems (pairKey).
    const row = this.rowOfKey(key) ?? -1;
    const word = !isPair(key);
    const id = this.keyIds.size;
    if (id === this.keyRow.length) {
      const grow = <A extends Int32Array | Uint8Array>(a: A, b: A): A => {
        b.set(a);
        return b;
      };
      const size = id * 2;
      this.keyRow = grow(this.keyRow, new Int32Array(size));
      this.keyWord = grow(this.keyWord, new Uint8Array(size));
      this.keyStem = grow(this.keyStem, new Int32Array(size));
      this.keyStamp = grow(this.keyStamp, new Int32Array(size));
      this.keySlot = grow(this.keySlot, new Int32Array(size));
    }
    this.keyRow[id] = row;
    this.keyWord[id] = word ? 1 : 0;
    this.keyStem[id] = word ? this.stemNumber(key) : -1;
    this.keyStamp[id] = 0;
    this.keyIds.set(key, id);
    return id;
  }

  /** Starts the key numbers again (a process that met more keys than KEY_IDS_MAX). */
  private forgetKeys(): void {
    this.keyIds.clear();
    this.stemKeys.fill(0);
    this.keyStamp.fill(0);
    this.tallies = 0;
  }

  /**
   * The scores of scores(featureVector(...)) straight from a tally and the phrase evidence,
   * without building the vector. A unit test holds the two equal.
   */
  scoreTally(tally: Tally, rules: PhraseEvidence): number[] {
    const s = new Float64Array(this.data.bias.length);
    const n = s.length;
    const w = this.w;
    const { knownRows, knownCounts } = tally;
    for (let i = 0; i < knownRows.length; i++) {
      const r = knownRows[i]!;
      const count = knownCounts[i]!;
      const x = count < LOG1P.length ? LOG1P[count]! : Math.log1p(count);
      for (let t = 0; t < n; t++) s[t]! += w[r * n + t]! * x;
    }
    const inv = tally.length > 0 ? 1 / tally.length : 0;
    for (let t = 0; t < n; t++) s[t] = this.data.bias[t]! + s[t]! * inv;
    const { ruleScale, paragraphScale } = this.options;
    for (let i = 0; i < rules.scores.length; i++) {
      const r = rules.scores[i]!;
      const row = this.ruleRows[i]!;
      if (r > 0 && ruleScale > 0 && row >= 0) {
        const x = Math.log1p(r) * ruleScale;
        for (let t = 0; t < n; t++) s[t]! += w[row * n + t]! * x;
      }
      const p = rules.paragraphs[i]!;
      const prow = this.paragraphRows[i]!;
      if (p > 0 && paragraphScale > 0 && prow >= 0) {
        const x = Math.log1p(p) * paragraphScale;
        for (let t = 0; t < n; t++) s[t]! += w[prow * n + t]! * x;
      }
    }
    return Array.from(s);
  }

  /** Calibrated probability per topic from raw scores. */
  calibrate(scores: readonly number[]): number[] {
    // A loop, not map(): map's array is holey in the interpreter and packed once V8 has compiled
    // the caller, and every function reading probabilities was thrown away and compiled again.
    const probs: number[] = [];
    for (let t = 0; t < scores.length; t++) {
      const [a, b] = this.data.platt[t]!;
      probs.push(1 / (1 + Math.exp(-(a * scores[t]! + b))));
    }
    return probs;
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
   * the tally's rows when there is one.
   */
  leaningsOf(occ: Occurrences, rows?: Int32Array): Leanings {
    const sums: Array<Float64Array | undefined> = [];
    const units = this.unitSums(occ, rows, sums);
    sums.length = units + 1;
    return leanings(sums, this.topics.length, wordsPerUnit(occ));
  }

  /**
   * Adds each occurrence's weights to its unit's sums; returns the last unit. The loop is a function
   * of its own so that V8's code for it, compiled while the loop runs, holds no code after the loop
   * that has not run yet: such code fell back to the interpreter on every call (about 400 times in
   * a fresh process's first 2,000 articles).
   */
  private unitSums(
    occ: Occurrences,
    rows: Int32Array | undefined,
    sums: Array<Float64Array | undefined>,
  ): number {
    const n = this.topics.length;
    const w = this.w;
    let units = 0;
    for (let i = 0; i < occ.keys.length; i++) {
      const u = occ.units[i]!;
      if (u > units) units = u;
      const r = rows ? rows[i]! : (this.rowOfKey(occ.keys[i]!) ?? -1);
      if (r < 0) continue;
      let s = sums[u];
      if (!s) {
        s = new Float64Array(n);
        sums[u] = s;
      }
      for (let t = 0; t < n; t++) s[t]! += w[r * n + t]!;
    }
    return units;
  }

  /** Whether picking uses the title's and paragraphs' leanings. */
  get usesLeanings(): boolean {
    return !!this.data.secondary;
  }
}

/** The weights of `masks` and `weights` (TopicModelData), row by row: weight of row r for topic t at r * topics + t. */
function unpackWeights(
  masks: string,
  weights: string,
  rows: number,
  topics: number,
  step: number,
): Float64Array {
  const w = new Float64Array(rows * topics);
  const planes = Buffer.from(masks, 'base64');
  const bytes = Buffer.from(weights, 'base64');
  const maskBytes = Math.ceil(topics / 8);
  if (planes.length !== rows * maskBytes)
    throw new TopicModelError(`topic model: masks hold ${planes.length} bytes, not ${rows * maskBytes}`);
  const end = bytes.length;
  let at = 0;
  for (let r = 0; r < rows; r++) {
    let mask = 0;
    for (let k = 0; k < maskBytes; k++) mask |= planes[k * rows + r]! << (8 * k);
    if (mask >>> topics) throw new TopicModelError(`topic model: row ${r} names a topic past the last`);
    const base = r * topics;
    // One pass per weight: the lowest set bit, then clear it.
    while (mask) {
      const t = 31 - Math.clz32(mask & -mask);
      mask &= mask - 1;
      if (at >= end) throw new TopicModelError(`topic model: weights end at row ${r} of ${rows}`);
      const v = bytes[at++]!;
      w[base + t] = (v > 127 ? v - 256 : v) * step;
    }
  }
  if (at !== end) throw new TopicModelError('topic model: weights longer than the rows');
  return w;
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
 * Packs per-feature weights (already multiples of `step`) into the shipped form (TopicModelData):
 * word rows in the order given, then pair rows in order of their stems' numbers; small weights as
 * signed bytes, the rest exactly. Zero weights are left out, and features with none.
 */
export function packWeights(
  weights: ReadonlyMap<string, ArrayLike<number>>,
  step: number,
): Pick<TopicModelData, 'words' | 'pairStems' | 'pairs' | 'masks' | 'weights' | 'exact'> {
  const words: string[] = [];
  const pairKeys: Array<[string, string, string]> = [];
  for (const [key, w] of weights) {
    if (!Array.prototype.some.call(w, (x: number) => x !== 0)) continue;
    if (key.includes('\n'))
      throw new TopicModelError(`topic model: feature key with a newline: ${JSON.stringify(key)}`);
    if (!isPair(key)) {
      words.push(key);
      continue;
    }
    const parts = key.split(' ');
    if (parts.length !== 2 || !parts[0] || !parts[1])
      throw new TopicModelError(
        `topic model: a pair key is two stems and a space, not ${JSON.stringify(key)}`,
      );
    pairKeys.push([key, parts[0], parts[1]]);
  }
  const stemNumber = new Map(words.map((k, i) => [k, i]));
  const pairStems: string[] = [];
  const numberOf = (stem: string) => {
    let i = stemNumber.get(stem);
    if (i === undefined) {
      i = words.length + pairStems.length;
      pairStems.push(stem);
      stemNumber.set(stem, i);
    }
    return i;
  };
  const pairs = pairKeys
    .map(([key, a, b]) => ({ key, a: numberOf(a), b: numberOf(b) }))
    .sort((x, y) => x.a - y.a || x.b - y.b);
  const pairNums: number[] = [];
  let prev = 0;
  let prevB = 0;
  for (const [i, p] of pairs.entries()) {
    pairNums.push(p.a - prev, p.a === prev && i > 0 ? p.b - prevB : p.b);
    prev = p.a;
    prevB = p.b;
  }
  const masks: number[][] = [];
  const bytes: number[] = [];
  const exact: Record<string, number[]> = {};
  for (const key of [...words, ...pairs.map((p) => p.key)]) {
    const w = weights.get(key)!;
    const mask = new Array<number>(Math.ceil(w.length / 8)).fill(0);
    const small: number[] = [];
    const big: number[] = [];
    for (let t = 0; t < w.length; t++) {
      const x = w[t]!;
      if (x === 0) continue;
      const v = Math.round(x / step);
      if (v >= -128 && v <= 127 && Math.abs(v * step - x) < step / 2) {
        mask[t >> 3]! |= 1 << (t & 7);
        small.push(v & 0xff);
      } else big.push(t, x);
    }
    masks.push(mask);
    bytes.push(...small);
    if (big.length) exact[key] = big;
  }
  const planes = Array.from({ length: masks[0]?.length ?? 0 }, (_, k) => masks.map((m) => m[k]!)).flat();
  return {
    words: words.join('\n'),
    pairStems: pairStems.join('\n'),
    pairs: encodeVarints(pairNums),
    masks: Buffer.from(planes).toString('base64'),
    weights: Buffer.from(bytes).toString('base64'),
    exact,
  };
}

/** How many features (rows) a model has. */
export function featureCount(data: Pick<TopicModelData, 'words' | 'pairs'>): number {
  const words = data.words ? data.words.split('\n').length : 0;
  return words + decodeVarints(data.pairs, 'topic model: pairs').length / 2;
}
