import { describe, expect, it } from 'vitest';
import { buildStoryPool, composeDigest, twoSentences } from '../../../lambdas/digest/compose';
import { A, article, sampleDay } from './fixtures';

const END = '2025-05-14T11:00:00.000Z';
const WINDOW = { from: '2025-05-13T11:00:00.000Z', to: END };
const compose = (articles = sampleDay(END), topics: string[] = [], maxStoriesPerTopic?: number) =>
  composeDigest(buildStoryPool(articles, WINDOW), {
    date: '2025-05-14',
    timeZone: 'America/New_York',
    topics,
    maxStoriesPerTopic,
  });

const allEntries = (d: ReturnType<typeof compose>) => d.sections.flatMap((s) => s.entries);

describe('digest composition', () => {
  it('shows a story run by several outlets once, naming every outlet (R25)', () => {
    const entries = allEntries(compose()).filter((e) => e.storyId === 'geneva-talks');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.sources.map((s) => s.outlet)).toEqual([
      'Antiwar.com News',
      'Responsible Statecraft',
      'Common Dreams',
    ]);
    expect(entries[0]!.title).toBe(
      'Russian and Ukrainian Envoys Meet in Geneva for First Direct Talks in Months',
    );
  });

  it('names an outlet once when it republished its own story', () => {
    const articles = [
      article({ id: 'a', storyId: 's', title: 'T', firstSeenAt: '2025-05-14T05:00:00.000Z' }),
      article({ id: 'b', storyId: 's', title: 'T (updated)', firstSeenAt: '2025-05-14T06:00:00.000Z' }),
    ];
    expect(allEntries(compose(articles))[0]!.sources).toHaveLength(1);
  });

  it('lists an article under its main topic and tags it with the other', () => {
    const d = compose(undefined, ['sanctions', 'diplomacy']);
    const sanctions = d.sections.find((s) => s.topic === 'sanctions')!;
    expect(sanctions.entries.map((e) => e.storyId)).toContain('iran-sanctions');
    expect(sanctions.entries.find((e) => e.storyId === 'iran-sanctions')!.alsoIn).toEqual(['diplomacy']);
    const diplomacy = d.sections.find((s) => s.topic === 'diplomacy');
    expect(diplomacy?.entries.some((e) => e.storyId === 'iran-sanctions') ?? false).toBe(false);
  });

  it('lists a story under a secondary topic when the reader does not follow its main one', () => {
    const d = compose(undefined, ['civilian-harm']);
    const ids = allEntries(d).map((e) => e.storyId);
    expect(ids).toEqual(expect.arrayContaining(['story-gaza-aid', 'story-yemen-strikes', 'story-arms']));
    expect(allEntries(d).find((e) => e.storyId === 'story-yemen-strikes')!.alsoIn).toEqual([
      'military-operations',
    ]);
  });

  it('gives only the chosen topics', () => {
    const d = compose(undefined, ['nuclear', 'dissent']);
    expect(d.sections.map((s) => s.topic).sort()).toEqual(['dissent', 'nuclear']);
    expect(d.storyCount).toBe(2);
  });

  it('ranks a story run by more outlets above a newer single-outlet one', () => {
    const articles = [
      article({ id: 'new', storyId: 'new', title: 'New', firstSeenAt: '2025-05-14T10:59:00.000Z' }),
      article({
        id: 'o1',
        storyId: 'wide',
        title: 'Wide',
        outlet: 'One',
        firstSeenAt: '2025-05-13T20:00:00.000Z',
      }),
      article({
        id: 'o2',
        storyId: 'wide',
        title: 'Wide',
        outlet: 'Two',
        firstSeenAt: '2025-05-13T21:00:00.000Z',
      }),
    ];
    expect(allEntries(compose(articles)).map((e) => e.storyId)).toEqual(['wide', 'new']);
  });

  it('ranks a story about the day’s central actors above one about a marginal actor', () => {
    const at = '2025-05-14T06:00:00.000Z';
    const articles = [
      article({ id: 'x1', title: 'Iran one', firstSeenAt: at, actors: [A.iran()] }),
      article({ id: 'x2', title: 'Iran two', firstSeenAt: at, actors: [A.iran()] }),
      article({ id: 'side', title: 'Side', firstSeenAt: at, actors: [A.nato()] }),
      article({ id: 'main', title: 'Main', firstSeenAt: at, actors: [A.iran()] }),
    ];
    const order = allEntries(compose(articles)).map((e) => e.title);
    expect(order.indexOf('Side')).toBe(3);
  });

  it('orders entries the same whatever order the store returns articles in', () => {
    const a = allEntries(compose(sampleDay(END))).map((e) => e.storyId);
    const b = allEntries(compose(sampleDay(END).reverse())).map((e) => e.storyId);
    expect(b).toEqual(a);
  });

  it('leaves out articles first seen outside the window', () => {
    const articles = [
      article({ id: 'old', title: 'Old', firstSeenAt: '2025-05-13T10:59:59.000Z' }),
      article({ id: 'edge', title: 'Edge', firstSeenAt: END }),
      article({ id: 'in', title: 'In', firstSeenAt: '2025-05-13T11:00:00.000Z' }),
    ];
    expect(allEntries(compose(articles)).map((e) => e.title)).toEqual(['In']);
  });

  it('counts the most-mentioned actors of the day by the stories naming them', () => {
    const d = compose();
    expect(d.inTheNews[0]).toEqual({ id: 'united-states', name: 'United States', stories: 7 });
    expect(d.inTheNews.length).toBeLessThanOrEqual(5);
  });

  it('caps stories per topic and counts the rest for "more on the web"', () => {
    const articles = Array.from({ length: 9 }, (_, i) =>
      article({ id: `d${i}`, title: `Diplomacy ${i}`, firstSeenAt: `2025-05-14T0${i}:00:00.000Z` }),
    );
    const section = compose(articles, ['diplomacy'], 4).sections[0]!;
    expect(section.entries).toHaveLength(4);
    expect(section.more).toBe(5);
  });

  it('composes nothing when no article falls in the reader’s topics', () => {
    const d = compose([article({ title: 'Only diplomacy' })], ['nuclear']);
    expect(d.sections).toEqual([]);
    expect(d.storyCount).toBe(0);
  });

  it('treats an empty or unknown topic selection as every topic', () => {
    expect(compose(undefined, ['no-such-topic']).storyCount).toBe(compose(undefined, []).storyCount);
    expect(compose(undefined, []).storyCount).toBe(11);
  });

  it('cuts a long summary to two sentences', () => {
    const long = `${'First sentence is here and it is fairly long. '.repeat(2)}${'Third. '.repeat(60)}`;
    const s = twoSentences(long);
    expect(s).toBe(
      'First sentence is here and it is fairly long. First sentence is here and it is fairly long.',
    );
  });
});
