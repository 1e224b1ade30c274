import { describe, expect, it } from 'vitest';
import { cutArticle } from '../../../lambdas/analysis/article-cut';
import { buildGazetteer } from '../../../lambdas/analysis/gazetteer';
import { tokenize } from '../../../lambdas/analysis/tokenize';
import { TokenTrie } from '../../../lambdas/analysis/trie';

describe('gazetteer', () => {
  const gaz = buildGazetteer();
  const states = gaz.actors.filter((a) => a.type === 'state');

  it('holds every UN member and observer plus Taiwan and Kosovo, Greenland, and states that are no more', () => {
    const curated = new Set([
      'Soviet Union',
      'Yugoslavia',
      'Czechoslovakia',
      'East Germany',
      'West Germany',
      'South Vietnam',
      'North Vietnam',
      'Greenland',
    ]);
    expect(states.filter((a) => !curated.has(a.name)).length).toBe(197);
    for (const s of ['Soviet Union', 'Yugoslavia', 'East Germany']) expect(gaz.byName.has(s)).toBe(true);
    for (const s of ['Taiwan', 'Kosovo', 'Palestine', 'Vatican City', 'United States'])
      expect(gaz.byName.has(s)).toBe(true);
  });

  it('holds hundreds of people and organisations with unique ids', () => {
    expect(gaz.actors.filter((a) => a.type === 'person').length).toBeGreaterThan(450);
    expect(gaz.actors.filter((a) => a.type === 'organization').length).toBeGreaterThan(300);
    expect(new Set(gaz.actors.map((a) => a.id)).size).toBe(gaz.actors.length);
  });
});

describe('TokenTrie', () => {
  it('prefers the longest phrase', () => {
    const trie = new TokenTrie<string>((t) => t.key);
    trie.add(['UN'], 'un');
    trie.add(['UN', 'Security', 'Council'], 'unsc');
    const m = trie.scan(tokenize('The U.N. Security Council met.'));
    expect(m.map((x) => x.values[0])).toEqual(['unsc']);
  });
});

describe('cutArticle', () => {
  it('drops the footer, the bio and everything after them', () => {
    const paras = cutArticle(
      'Body one is long enough.\n\nKyle Anzalone is the opinion editor of Antiwar.com.\n\nKim spilled the beans to Ping.',
    );
    expect(paras).toEqual(['Body one is long enough.']);
  });

  it('drops an unmarked trailing run of short comments', () => {
    const long = 'word '.repeat(50).trim();
    const paras = cutArticle(
      `${long}\n\n${long}\n\n${long}\n\nAsk Egypt and Lebanon what bread costs now.\n\nErdogan is the only grown-up here.`,
    );
    expect(paras).toHaveLength(3);
  });
});
