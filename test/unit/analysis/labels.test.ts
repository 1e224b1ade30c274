import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalNames,
  type GoldActor,
  labelledFiles,
  normalizeActors,
  normalizeFile,
} from '../../../training/normalize-labels';
import { repo } from './helpers';

const canonical = canonicalNames();
const line = (actors: GoldActor[], html = '<p>Text.</p>') => ({ id: 't-1', title: 'T', html, actors });

describe('label conventions (training/normalize-labels.ts)', () => {
  it('labels a spelling the gazetteer knows under the canonical name, keeping the spelling as an alias', () => {
    const l = line([{ name: 'Sergei Shoigu', type: 'person', aliases: ['Shoigu'] }]);
    expect(normalizeActors(l, canonical)).toEqual(['"Sergei Shoigu" -> "Sergey Shoigu"']);
    expect(l.actors).toEqual([
      { name: 'Sergey Shoigu', type: 'person', aliases: ['Shoigu', 'Sergei Shoigu'] },
    ]);
  });

  it('merges two labels that are one actor', () => {
    const l = line([
      { name: 'Pentagon', type: 'organization', aliases: [] },
      { name: 'Defense Department', type: 'organization', aliases: ['DoD'] },
    ]);
    normalizeActors(l, canonical);
    expect(l.actors).toEqual([
      { name: 'Pentagon', type: 'organization', aliases: ['DoD', 'Defense Department'] },
    ]);
  });

  it('makes "the Biden administration" an alias of the United States, organisation or person alike', () => {
    const org = line([{ name: 'Biden administration', type: 'organization', aliases: [] }]);
    normalizeActors(org, canonical);
    expect(org.actors).toEqual([{ name: 'United States', type: 'state', aliases: ['Biden administration'] }]);
    const person = line(
      [
        { name: 'Joe Biden', type: 'person', aliases: ['Biden'] },
        { name: 'United States', type: 'state', aliases: ['US'] },
      ],
      "<p>The Biden administration approved the sale. The Biden administration's envoy left.</p>",
    );
    normalizeActors(person, canonical);
    expect(person.actors).toEqual([
      { name: 'United States', type: 'state', aliases: ['US', 'Biden administration'] },
    ]);
  });

  it('keeps a president the article names as a person', () => {
    const l = line(
      [{ name: 'Joe Biden', type: 'person', aliases: ['Biden'] }],
      '<p>President Joe Biden spoke. The Biden administration approved the sale.</p>',
    );
    expect(normalizeActors(l, canonical)).toEqual([]);
  });

  it("rewrites only the labels, in the line's own JSON layout", () => {
    const compact = JSON.stringify(line([{ name: 'DR Congo', type: 'state', aliases: [] }]));
    const spaced = compact.replace(/","/g, '", "').replace(/":/g, '": ').replace(/,"/g, ', "');
    for (const text of [compact, spaced]) {
      const out = normalizeFile(text, canonical);
      expect(out.changes).toHaveLength(1);
      expect(JSON.parse(out.text).actors[0].name).toBe('Democratic Republic of the Congo');
      expect(out.text.startsWith(text.slice(0, text.indexOf('actors')))).toBe(true);
    }
  });

  it('finds nothing to change in our labelled sets (run npm run labels when this fails)', () => {
    for (const path of labelledFiles(repo)) {
      const { changes } = normalizeFile(readFileSync(path, 'utf8'), canonical);
      expect(changes.map((c) => `${c.id}: ${c.what.join('; ')}`)).toEqual([]);
    }
  });
});
