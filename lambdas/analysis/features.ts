/**
 * The topic model's features, the same at training and at run time: stemmed content words and
 * pairs of adjacent content words within a sentence, from the title (counted `titleWeight` times)
 * and the body, plus one feature per topic from the hand-written phrase table
 * (./data/topic-phrases.json, see topic-scores.ts).
 *
 * A document is the log of each feature's count, divided by the Euclidean length of its word
 * features (pairs left out of the length), so long and short articles weigh alike; phrase-table
 * features are the log of the topic's phrase score, scaled, and are not normalised.
 */
import type { Token } from './tokenize';
import type { PhraseEvidence } from './topic-scores';

export interface FeatureOptions {
  /** How many times a title word counts. */
  titleWeight: number;
  /** Scale of the phrase-table score features (0: none). */
  ruleScale: number;
  /** Scale of the phrase-table paragraph-coverage features (0: none). */
  paragraphScale: number;
  /** Emit the arms-moving feature (ARMS_MOVE) for a sentence that names equipment and its changing hands. */
  armsMove?: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  titleWeight: 3,
  ruleScale: 0.25,
  paragraphScale: 0,
  armsMove: true,
};

/**
 * Prefix of the phrase-table features: `@s3` is the phrase score of TOPIC_IDS[3], `@p3` the
 * number of paragraphs with one of its phrases.
 */
export const RULE_PREFIX = '@';

// Function words and the words every article in this domain uses; neither tells topics apart.
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each few for from further had ' +
    'has have having he her here hers herself him himself his how i if in into is it its itself just ' +
    'me more most my myself no nor not now of off on once only or other our ours out over own same she ' +
    'should so some such than that the their theirs them themselves then there these they this those ' +
    'through to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours yourself s t said says say told according mr ms mrs dr one two three year years ' +
    'week weeks month months day days monday tuesday wednesday thursday friday saturday sunday last next ' +
    'new first since yet still even well may might must shall us'
  ).split(' '),
);

/**
 * A sentence that names military equipment and a verb or noun of its changing hands ("took
 * delivery of the first armed drones", "agreed to buy 12 frigates", "handed over two patrol
 * boats") adds this feature, once per sentence: weapons change hands whatever their make is called,
 * and a story about something else often tells it in one sentence. A state buying for its own forces
 * ("ordered", "procurement", "acquisition") is defense spending, and "export" is as often export
 * controls, so those words are not in it. Keyed as a pair, so it does not count in a document's
 * length and run time finds it among the pairs the model has weights for.
 */
export const ARMS_MOVE: readonly [string, string] = ['#arms', '#move'];
const EQUIPMENT = new Set(
  (
    'weapon weapons arms missile missiles rocket rockets drone drones uav uavs tank tanks howitzer howitzers ' +
    'artillery shell shells ammunition munition munitions rifle rifles jet jets fighter fighters aircraft ' +
    'helicopter helicopters frigate frigates corvette corvettes destroyer destroyers submarine submarines ' +
    'warship warships boat boats interceptor interceptors launcher launchers radar radars bomb bombs ' +
    'torpedo torpedoes armoured armored gunboat gunboats'
  ).split(' '),
);
const CHANGES_HANDS = new Set(
  (
    'sell sells selling sold sale sales buy buys buying bought purchase purchases purchased purchasing ' +
    'deliver delivers delivered delivering delivery deliveries supplied supplying shipment shipments ' +
    'transfer transfers transferred donate donated donates donation handed handover gift gifted'
  ).split(' '),
);

const stems = new Map<string, string>();
const STEM_CACHE_MAX = 50_000;

/** A light suffix stripper: plural, past and gerund forms share a stem ("sanctions", "sanctioned"). */
export function stem(word: string): string {
  const hit = stems.get(word);
  if (hit !== undefined) return hit;
  const out = stripSuffix(word);
  if (stems.size < STEM_CACHE_MAX) stems.set(word, out);
  return out;
}

function stripSuffix(word: string): string {
  let w = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:ches|shes|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4 && !w.endsWith('eed')) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const n = w.length;
  if (n > 3 && w[n - 1] === w[n - 2] && !/[lsz]/.test(w[n - 1]!)) return w.slice(0, -1);
  return w;
}

const pairs = new Map<string, Map<string, string>>();
let pairCount = 0;
const PAIR_CACHE_MAX = 200_000;

/**
 * The key of a word pair, "war power". Cached, so a pair seen before is the same string object:
 * no new string per article, and map lookups compare pointers.
 */
export function pairKey(a: string, b: string): string {
  let inner = pairs.get(a);
  const hit = inner?.get(b);
  if (hit !== undefined) return hit;
  const key = `${a} ${b}`;
  if (pairCount < PAIR_CACHE_MAX) {
    if (!inner) {
      inner = new Map();
      pairs.set(a, inner);
    }
    // A flat copy, not the concatenation's rope.
    const flat = key.concat();
    inner.set(b, flat);
    pairCount++;
    return flat;
  }
  return key;
}

/**
 * The feature occurrences of one article: keys in text order, with their sentence (-1 for the
 * title, whose occurrences count `titleWeight` times).
 */
export interface Occurrences {
  keys: string[];
  /** Per occurrence: its stem's number (stemId) for a word, -1 for a pair. */
  stemIds: number[];
  sentences: number[];
  /** Unit of each occurrence: 0 the title, then the body paragraph's number (1, 2, ...). */
  units: number[];
  titleWeight: number;
}

/**
 * Feature occurrences of the title and body tokens. `sentenceOf` gives a body token's sentence
 * index from its offset (see sentenceIndexer).
 */
/**
 * The key of a pair of stems, or undefined to leave the pair out; given also the stems' numbers
 * (stemId), which may be -1.
 */
export type PairKeys = (
  first: string,
  second: string,
  firstId: number,
  secondId: number,
) => string | undefined;

/**
 * `pairs` gives each pair's key: every pair at training time; at run time only the pairs the
 * model has weights for, since a pair it lacks changes no score (pairs do not count in the
 * length the word features are divided by).
 */
export function occurrences(
  title: readonly Token[],
  body: readonly Token[],
  sentenceOf: (offset: number) => number,
  opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
  pairs: PairKeys = pairKey,
): Occurrences {
  const out: Occurrences = { keys: [], stemIds: [], sentences: [], units: [], titleWeight: opts.titleWeight };
  const move = opts.armsMove ? pairs(ARMS_MOVE[0], ARMS_MOVE[1], -1, -1) : undefined;
  scan(title, () => -1, out, pairs, move);
  scan(body, sentenceOf, out, pairs, move);
  return out;
}

function scan(
  tokens: readonly Token[],
  sentenceOf: (offset: number) => number,
  out: Occurrences,
  pairs: PairKeys,
  move?: string,
) {
  let prev: string | undefined;
  let prevId = -1;
  let prevSentence = -2;
  // Per sentence, for ARMS_MOVE: 1 equipment named, 2 its changing hands, 4 the feature added.
  let seen = 0;
  for (const t of tokens) {
    if (!t.word) {
      // A clause break ends a pair; commas and hyphens do not.
      if (t.text !== ',' && t.text !== "'s" && t.text !== '’s') prev = undefined;
      continue;
    }
    const f = wordFeature(t.lower);
    if (f === undefined) continue;
    const s = sentenceOf(t.start);
    if (s !== prevSentence) {
      prev = undefined;
      seen = 0;
    }
    prevSentence = s;
    if (move !== undefined && seen < 3) {
      seen |= f.arms;
      if (seen === 3) {
        seen = 7;
        out.keys.push(move);
        out.stemIds.push(-1);
        out.sentences.push(s);
        out.units.push(t.para);
      }
    }
    const k = f.stem;
    out.keys.push(k);
    out.stemIds.push(f.id);
    out.sentences.push(s);
    out.units.push(t.para);
    const pair = prev === undefined ? undefined : pairs(prev, k, prevId, f.id);
    if (pair !== undefined) {
      out.keys.push(pair);
      out.stemIds.push(-1);
      out.sentences.push(s);
      out.units.push(t.para);
    }
    prev = k;
    prevId = f.id;
  }
}

/**
 * What scan needs of a lower-cased word: its stem and the stem's number (stemId), and whether it
 * names equipment (1) or its changing hands (2).
 */
interface WordFeature {
  stem: string;
  id: number;
  arms: number;
}

/** A stop word, which is no feature. */
const NO_FEATURE: WordFeature = { stem: '', id: -1, arms: 0 };

const stemNumbers = new Map<string, number>();
const STEM_IDS_MAX = 200_000;

/**
 * A number for each stem met in this process (-1 past STEM_IDS_MAX), so the run-time model can
 * find a stem's row and count it in arrays instead of maps.
 */
function stemId(stem: string): number {
  let id = stemNumbers.get(stem);
  if (id === undefined) {
    if (stemNumbers.size >= STEM_IDS_MAX) return -1;
    id = stemNumbers.size;
    stemNumbers.set(stem, id);
  }
  return id;
}

/** Each lower-cased word met and what scan needs of it: one lookup per word, not five. */
const wordFeatures = new Map<string, WordFeature>();

function wordFeature(lower: string): WordFeature | undefined {
  if (lower.length < 2 || startsWithDigit(lower)) return undefined;
  let f = wordFeatures.get(lower);
  if (f === undefined) {
    f = STOPWORDS.has(lower) ? NO_FEATURE : wordFeatureOf(lower);
    if (wordFeatures.size < STEM_CACHE_MAX) wordFeatures.set(lower, f);
  }
  return f === NO_FEATURE ? undefined : f;
}

function wordFeatureOf(lower: string): WordFeature {
  const k = stem(lower);
  return { stem: k, id: stemId(k), arms: EQUIPMENT.has(lower) ? 1 : CHANGES_HANDS.has(lower) ? 2 : 0 };
}

function startsWithDigit(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Sentence index of a body offset, for offsets asked in increasing order (as tokens come). */
export function sentenceIndexer(spans: ReadonlyArray<readonly [number, number]>): (offset: number) => number {
  let i = 0;
  return (offset) => {
    while (i < spans.length - 1 && offset >= spans[i + 1]![0]) i++;
    return i;
  };
}

/** Whether a feature key is a pair of stems ("war power"). */
export function isPair(key: string): boolean {
  return key.includes(' ');
}

/** Words (not word pairs) per unit of `occ`: 0 the title, 1.. the paragraphs (secondary.ts's `leanings`). */
export function wordsPerUnit(occ: Occurrences): number[] {
  const words: number[] = [];
  for (let i = 0; i < occ.keys.length; i++) {
    const u = occ.units[i]!;
    if (!isPair(occ.keys[i]!)) words[u] = (words[u] ?? 0) + 1;
  }
  return words;
}

/** Counts per feature key. */
export function countFeatures(occ: Occurrences): Map<string, number> {
  const counts = new Map<string, number>();
  const { keys, sentences, titleWeight } = occ;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    counts.set(k, (counts.get(k) ?? 0) + (sentences[i]! < 0 ? titleWeight : 1));
  }
  return counts;
}

/**
 * The document vector: log counts over the Euclidean length of the word features, and the
 * phrase-table features. Every word counts in the length, whether or not the model knows it, so
 * training and run time agree; pairs do not, so run time can skip the pairs the model lacks.
 */
export function featureVector(
  counts: Map<string, number>,
  rules: PhraseEvidence,
  opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): Map<string, number> {
  const v = new Map<string, number>();
  let length = 0;
  for (const [k, c] of counts) if (!isPair(k)) length += Math.log1p(c) ** 2;
  const inv = length > 0 ? 1 / Math.sqrt(length) : 0;
  for (const [k, c] of counts) v.set(k, Math.log1p(c) * inv);
  for (let i = 0; i < rules.scores.length; i++) {
    const r = rules.scores[i]!;
    if (r > 0 && opts.ruleScale > 0) v.set(`${RULE_PREFIX}s${i}`, Math.log1p(r) * opts.ruleScale);
    const p = rules.paragraphs[i]!;
    if (p > 0 && opts.paragraphScale > 0) v.set(`${RULE_PREFIX}p${i}`, Math.log1p(p) * opts.paragraphScale);
  }
  return v;
}
