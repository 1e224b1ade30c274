/**
 * Topic scores from weighted phrases kept as data (./data/topic-phrases.json): a phrase found in
 * the title counts TITLE_WEIGHT times; in the body each phrase counts at most PER_PHRASE_CAP
 * times, so one repeated word cannot carry an article. The main topic is the top score; others
 * follow when they reach RATIO of it, up to three.
 */
import type { TopicScore } from '../shared/types';
import phrases from './data/topic-phrases.json';
import { type Token, tokenize } from './tokenize';
import { TOPIC_IDS } from './topics';
import { TokenTrie } from './trie';

export const TOPIC_RULES = {
  titleWeight: 3,
  perPhraseCap: 3,
  /** Below this, an article gets no topic at all. */
  minScore: 4,
  /** A second or third topic needs this share of the main topic's score. */
  ratio: 0.25,
  maxTopics: 3,
};

interface Hit {
  topic: number;
  weight: number;
  phrase: number;
}

function buildTopicTrie(): TokenTrie<Hit> {
  const trie = new TokenTrie<Hit>((t) => t.lower);
  const table = phrases as Record<string, Record<string, number>>;
  let phraseId = 0;
  for (const [topic, list] of Object.entries(table)) {
    const ti = TOPIC_IDS.indexOf(topic as (typeof TOPIC_IDS)[number]);
    if (ti < 0) throw new Error(`topic-phrases.json: unknown topic id "${topic}"`);
    for (const [phrase, weight] of Object.entries(list)) {
      const wild = phrase.endsWith('*');
      const bare = wild ? phrase.slice(0, -1) : phrase;
      // Plain lower-case words split the same as tokenizing them, and faster at cold start.
      const keys = /^[a-z]+(?: [a-z]+)*$/.test(bare) ? bare.split(' ') : tokenize(bare).map((t) => t.lower);
      if (wild && keys.length) keys[keys.length - 1] += '*';
      trie.add(keys, { topic: ti, weight, phrase: phraseId++ });
    }
  }
  return trie;
}

const trie = buildTopicTrie();

/** Raw score per topic index. */
export function rawTopicScores(title: Token[], body: Token[]): number[] {
  const scores = new Array<number>(TOPIC_IDS.length).fill(0);
  for (const m of trie.scan(title)) {
    for (const h of m.values) scores[h.topic]! += h.weight * TOPIC_RULES.titleWeight;
  }
  const seen = new Map<number, number>();
  for (const m of trie.scan(body)) {
    for (const h of m.values) {
      const c = seen.get(h.phrase) ?? 0;
      if (c >= TOPIC_RULES.perPhraseCap) continue;
      seen.set(h.phrase, c + 1);
      scores[h.topic]! += h.weight;
    }
  }
  return scores;
}

export function pickTopics(scores: number[]): TopicScore[] {
  const ranked = scores
    .map((score, i) => ({ id: TOPIC_IDS[i]!, score }))
    .filter((t) => t.score > 0)
    .sort((a, b) => b.score - a.score);
  const top = ranked[0];
  if (!top || top.score < TOPIC_RULES.minScore) return [];
  return ranked
    .filter((t, i) => i === 0 || t.score >= TOPIC_RULES.ratio * top.score)
    .slice(0, TOPIC_RULES.maxTopics)
    .map((t) => ({ id: t.id, score: Math.round((t.score / top.score) * 1000) / 1000 }));
}
