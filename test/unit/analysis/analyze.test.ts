import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../lambdas/analysis/index';
import { TOPIC_IDS } from '../../../lambdas/analysis/topics';
import { repo } from './helpers';

// The real antiwar.com article with its bio line and reader comments (../shared/seed), copied
// as a fixture so the test runs without the shared folder.
const seedText = readFileSync(join(repo, 'test', 'fixtures', 'analysis', 'seed-article.txt'), 'utf8');
const seedTitle = 'Kim Jong Un Concludes Six-Day Visit to Russia';
const names = (text: string, title = 'Untitled') =>
  analyze({ title, text }).actors.map((a) => `${a.type}:${a.name}`);

describe('analyze on the seed article', () => {
  const result = analyze({ title: seedTitle, text: seedText });
  const got = new Set(result.actors.map((a) => `${a.type}:${a.name}`));

  it('finds all ten people of the reporting under canonical names', () => {
    for (const p of [
      'Kim Jong Un',
      'Vladimir Putin',
      'Joe Biden',
      'Alexander Kozlov',
      'Dmitry Peskov',
      'Kang Sun Nam',
      'Matthew Miller',
      'Mark Milley',
      'Yoon Suk Yeol',
      'Sergey Shoigu',
    ]) {
      expect(got).toContain(`person:${p}`);
    }
  });

  it('finds all seven states of the reporting', () => {
    for (const s of ['North Korea', 'Russia', 'United States', 'Ukraine', 'South Korea', 'Japan', 'China']) {
      expect(got).toContain(`state:${s}`);
    }
  });

  it('takes nothing from the bio line or the reader comments', () => {
    for (const bad of ['Iran', 'Taiwan', 'Ping', 'Kyle Anzalone', 'Antiwar.com', 'Libertarian Institute']) {
      expect([...got].some((g) => g.endsWith(`:${bad}`))).toBe(false);
    }
  });

  it('gives Vladimir Putin his Wikidata id', () => {
    expect(result.actors.find((a) => a.name === 'Vladimir Putin')?.id).toBe('Q7747');
  });

  it('gives one to three known topics, main topic first', () => {
    expect(result.topics.length).toBeGreaterThanOrEqual(1);
    expect(result.topics.length).toBeLessThanOrEqual(3);
    for (const t of result.topics) expect(TOPIC_IDS).toContain(t.id);
    expect(['military-cooperation', 'diplomacy']).toContain(result.topics[0]!.id);
  });
});

describe('analyze on names the gazetteer lacks', () => {
  it('strips titles and keeps the name when a role precedes it', () => {
    const got = names('Ukrainian Deputy Defense Minister Oksana Hrytsenko said the talks would resume.');
    expect(got).toContain('person:Oksana Hrytsenko');
    expect(got).toContain('state:Ukraine');
  });

  it('resolves a bare surname to the full name used earlier in the article', () => {
    const r = analyze({
      title: 'x',
      text: 'Envoy Marta Kovalenko arrived on Monday.\n\nKovalenko said the talks would go on.',
    });
    expect(r.actors.find((a) => a.name === 'Marta Kovalenko')?.mentions).toBe(2);
    expect(r.actors.some((a) => a.name === 'Kovalenko')).toBe(false);
  });

  it('does not garble hyphenated pairs or titles into names', () => {
    const got = names(
      'After the Putin-Kim meeting, Supreme Leader Kim Jong Un left. Leader Kim Jong Un waved.',
    );
    expect(got).toContain('person:Vladimir Putin');
    expect(got).toContain('person:Kim Jong Un');
    expect(got.some((g) => /Leader|Putin-Kim|Kim Jong$/.test(g))).toBe(false);
  });

  it('finds an organisation from its head word and names a ministry after its state', () => {
    const got = names(
      "Researchers at the Kyiv School of Economics disagreed. Russia's Defense Ministry said otherwise.",
    );
    expect(got).toContain('organization:Kyiv School of Economics');
    expect(got).toContain('organization:Russian Defense Ministry');
  });
});

describe('analyze mention counts', () => {
  it('counts each mention once, title included', () => {
    const r = analyze({ title: 'Putin and Kim', text: 'Vladimir Putin met Kim Jong Un. Kim smiled.' });
    expect(r.actors.find((a) => a.name === 'Vladimir Putin')?.mentions).toBe(2);
    expect(r.actors.find((a) => a.name === 'Kim Jong Un')?.mentions).toBe(3);
  });
});

describe('analyze on states', () => {
  it('counts a capital standing for its government but not a place after "in"', () => {
    expect(names('Moscow said the offer stood.')).toContain('state:Russia');
    expect(names('Yoon was in Vilnius for a summit.')).not.toContain('state:Lithuania');
  });

  it('counts a demonym as its state', () => {
    expect(names('Iranian officials denied the report.')).toContain('state:Iran');
  });

  it('does not read "US" out of the word "us"', () => {
    expect(names('Let us hope the talks go well.')).not.toContain('state:United States');
  });
});
