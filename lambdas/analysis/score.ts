/**
 * Scoring of predictions against a labelled set, ported from ../shared/analysis/score.mjs so
 * tests can score our own set: micro precision/recall/F1 for actors (name or alias, and type)
 * and topics (optional topics neither rewarded nor penalised).
 */
import type { ActorType } from '../shared/types';

export interface GoldArticle {
  id: string;
  title: string;
  html?: string;
  text?: string;
  actors: Array<{ name: string; type: ActorType; aliases?: string[] }>;
  topics: string[];
  topics_optional?: string[];
}

export interface Prediction {
  id: string;
  actors: Array<{ name: string; type?: string }>;
  topics: Array<{ id: string } | string>;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface ScoreReport {
  articles: number;
  missing: number;
  actors: Prf;
  topics: Prf;
  /** Per article: gold actors missed, predicted actors extra, topics wanted and got. */
  details: Array<{
    id: string;
    missed: string[];
    extra: string[];
    topicsGold: string[];
    topicsGot: string[];
  }>;
}

/** Lenient on case, accents, dots, a leading "the" and a leading US prefix, as score.mjs. */
export function normName(s: string): string {
  return String(s)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '')
    .replace(/^(us|united states) (?=\S)/, '');
}

export function score(gold: GoldArticle[], predictions: Prediction[]): ScoreReport {
  const pred = new Map(predictions.map((p) => [p.id, p]));
  const tally = { actors: { tp: 0, fp: 0, fn: 0 }, topics: { tp: 0, fp: 0, fn: 0 } };
  let missing = 0;
  const details: ScoreReport['details'] = [];
  for (const g of gold) {
    const p = pred.get(g.id);
    if (!p) missing++;
    const left = [...(p?.actors ?? [])];
    const missed: string[] = [];
    for (const a of g.actors) {
      const names = new Set([a.name, ...(a.aliases ?? [])].map(normName));
      const i = left.findIndex((x) => names.has(normName(x.name)) && (!x.type || x.type === a.type));
      if (i >= 0) {
        tally.actors.tp++;
        left.splice(i, 1);
      } else {
        tally.actors.fn++;
        missed.push(a.name);
      }
    }
    tally.actors.fp += left.length;
    const want = new Set(g.topics);
    const optional = new Set(g.topics_optional ?? []);
    const got = new Set((p?.topics ?? []).map((t) => (typeof t === 'string' ? t : t.id)));
    for (const t of got) {
      if (want.has(t)) tally.topics.tp++;
      else if (!optional.has(t)) tally.topics.fp++;
    }
    for (const t of want) if (!got.has(t)) tally.topics.fn++;
    details.push({
      id: g.id,
      missed,
      extra: left.map((x) => x.name),
      topicsGold: [...want],
      topicsGot: [...got],
    });
  }
  return { articles: gold.length, missing, actors: prf(tally.actors), topics: prf(tally.topics), details };
}

function prf({ tp, fp, fn }: { tp: number; fp: number; fn: number }): Prf {
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  const round = (x: number) => +x.toFixed(3);
  return { precision: round(p), recall: round(r), f1: round((2 * p * r) / (p + r || 1)) };
}

export interface TopicTally extends Prf {
  topic: string;
  /** Articles whose gold topics include it. */
  support: number;
  tp: number;
  fp: number;
  fn: number;
}

/**
 * Precision and recall of each topic, counted as the scorer counts them: an optional topic
 * predicted is neither a true nor a false positive.
 */
export function perTopic(
  gold: ReadonlyArray<Pick<GoldArticle, 'topics' | 'topics_optional'>>,
  got: ReadonlyArray<readonly string[]>,
  topics: readonly string[],
): TopicTally[] {
  return topics.map((topic) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let support = 0;
    gold.forEach((g, i) => {
      const want = g.topics.includes(topic);
      const has = got[i]?.includes(topic) ?? false;
      if (want) support++;
      if (want && has) tp++;
      else if (want) fn++;
      else if (has && !(g.topics_optional ?? []).includes(topic)) fp++;
    });
    return { topic, support, tp, fp, fn, ...prf({ tp, fp, fn }) };
  });
}
