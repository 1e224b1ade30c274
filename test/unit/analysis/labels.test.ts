import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addNamedStates,
  applyTopicJudgments,
  canonicalMinistries,
  canonicalNames,
  type GoldActor,
  labelledFiles,
  ministryLabel,
  normalizeActors,
  normalizeFile,
  topicJudgments,
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
    const judgments = topicJudgments(repo);
    for (const path of labelledFiles(repo)) {
      const { changes } = normalizeFile(readFileSync(path, 'utf8'), canonical, judgments);
      expect(changes.map((c) => `${c.id}: ${c.what.join('; ')}`)).toEqual([]);
    }
  });
});

describe('second-topic judgments', () => {
  const l = (topics: string[], optional?: string[]) => ({
    id: 'x',
    title: 'T',
    actors: [],
    topics: [...topics],
    ...(optional ? { topics_optional: [...optional] } : {}),
  });

  it('adds a judged topic, or makes it optional when the article has three', () => {
    const two = l(['sanctions', 'nuclear'], ['diplomacy']);
    expect(applyTopicJudgments(two, [{ id: 'x', topic: 'diplomacy', change: 'add' }])).toEqual([
      'topic diplomacy added',
    ]);
    expect(two.topics).toEqual(['sanctions', 'nuclear', 'diplomacy']);
    expect(two.topics_optional).toEqual([]);
    const three = l(['sanctions', 'nuclear', 'dissent']);
    applyTopicJudgments(three, [{ id: 'x', topic: 'diplomacy', change: 'add' }]);
    expect(three.topics).toHaveLength(3);
    expect(three.topics_optional).toEqual(['diplomacy']);
  });

  it('moves a second topic the article only touches to topics_optional, never the main topic', () => {
    const line = l(['peace-talks', 'diplomacy']);
    applyTopicJudgments(line, [{ id: 'x', topic: 'diplomacy', change: 'optional' }]);
    expect(line.topics).toEqual(['peace-talks']);
    expect(line.topics_optional).toEqual(['diplomacy']);
    const main = l(['diplomacy', 'sanctions']);
    expect(applyTopicJudgments(main, [{ id: 'x', topic: 'diplomacy', change: 'optional' }])).toEqual([]);
  });

  it('judges only articles that exist in our sets', () => {
    const ids = new Set(
      labelledFiles(repo).flatMap((p) =>
        readFileSync(p, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((x) => (JSON.parse(x) as { id: string }).id),
      ),
    );
    const missing = [...topicJudgments(repo).keys()].filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
  });
});

describe('ministries and states named in the reporting (training/normalize-labels.ts)', () => {
  it('labels a ministry as "<Demonym> <Department> Ministry", keeping the form used', () => {
    expect(ministryLabel('Ministry of Foreign Affairs of Azerbaijan')).toBe('Azerbaijani Foreign Ministry');
    expect(ministryLabel('Taiwan Ministry of National Defense')).toBe('Taiwanese Defense Ministry');
    expect(ministryLabel('Indian Ministry of External Affairs')).toBe('Indian Ministry of External Affairs');
    expect(ministryLabel('Ministry of Justice')).toBeUndefined();
    expect(ministryLabel('Health Ministry in Gaza')).toBeUndefined();
    const l = line([{ name: 'Romanian Ministry of National Defence', type: 'organization' }]);
    expect(canonicalMinistries(l, new Set())).toEqual([
      '"Romanian Ministry of National Defence" -> "Romanian Defense Ministry"',
    ]);
    expect(l.actors).toEqual([
      {
        name: 'Romanian Defense Ministry',
        type: 'organization',
        aliases: ['Romanian Ministry of National Defence'],
      },
    ]);
  });

  it('labels a state the reporting names on its own, also as a place, and no other', () => {
    const l = line(
      [{ name: 'Iraq', type: 'state', aliases: [] }],
      '<p>Veterans of the wars in Iraq and Afghanistan marched. Sailors of the Gulf of Thailand patrol, the Israel Defense Forces, Rep. Jim Jordan, a Soviet-era tank and the University of New Mexico were named too.</p>',
    );
    expect(addNamedStates(l)).toEqual([
      'state "Afghanistan" named in the reporting ("Afghanistan") -> labelled',
    ]);
    expect(l.actors.map((a) => a.name)).toEqual(['Iraq', 'Afghanistan']);
  });

  it('takes no state from inside a name joined by lower-case words ("Students for Justice in Palestine")', () => {
    const l = line(
      [],
      '<p>Agents watched members of Students for Justice in Palestine and the Committee on Human Rights in Iran, while the Force in Lebanon stayed put and elections in Iraq went ahead.</p>',
    );
    expect(addNamedStates(l)).toEqual(['state "Iraq" named in the reporting ("Iraq") -> labelled']);
  });

  it('takes no state from a footer or a bio', () => {
    const html =
      '<p>Troops moved overnight and the talks went on in the capital, officials said on Monday evening.</p><p>Jane Roe is a writer and analyst who covers Syria.</p>';
    expect(addNamedStates(line([], html))).toEqual([]);
  });
});
