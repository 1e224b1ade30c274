/**
 * The hand-written phrase table (./data/topic-phrases.json) as evidence for the topic model: per
 * topic, the weighted phrase score (a title phrase counts `titleWeight` times; a body phrase at
 * most `perPhraseCap` times, so one repeated word cannot carry an article) and the number of body
 * paragraphs with a phrase of the topic (a topic is labelled when a paragraph is about it).
 */
import phrases from './data/topic-phrases.json';
import { type Token, tokenize } from './tokenize';
import { TOPIC_IDS } from './topics';
import { TokenTrie } from './trie';

export const TOPIC_RULES = {
  titleWeight: 3,
  perPhraseCap: 3,
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

export interface PhraseEvidence {
  /** Weighted phrase score per topic index. */
  scores: number[];
  /** Body paragraphs with at least one phrase of the topic, per topic index. */
  paragraphs: number[];
}

/** Phrase scores and paragraph coverage per topic index. */
export function phraseEvidence(title: readonly Token[], body: readonly Token[]): PhraseEvidence {
  const scores = new Array<number>(TOPIC_IDS.length).fill(0);
  const paragraphs = new Array<number>(TOPIC_IDS.length).fill(0);
  for (const m of trie.scan(title)) {
    for (const h of m.values) scores[h.topic]! += h.weight * TOPIC_RULES.titleWeight;
  }
  const seen = new Map<number, number>();
  const lastPara = new Array<number>(TOPIC_IDS.length).fill(-1);
  for (const m of trie.scan(body)) {
    const para = body[m.start]!.para;
    for (const h of m.values) {
      if (lastPara[h.topic] !== para && h.weight >= 1) {
        lastPara[h.topic] = para;
        paragraphs[h.topic]!++;
      }
      const c = seen.get(h.phrase) ?? 0;
      if (c >= TOPIC_RULES.perPhraseCap) continue;
      seen.set(h.phrase, c + 1);
      scores[h.topic]! += h.weight;
    }
  }
  return { scores, paragraphs };
}
