import { describe, expect, it } from 'vitest';
import { TOPIC_IDS } from '../../../lambdas/analysis/topics';
import {
  type ActorBaseline,
  actorBaseline,
  buildStoryPool,
  composeDigest,
  digestEntries,
  inTheNews,
  oneLine,
  twoSentences,
} from '../../../lambdas/digest/compose';
import { DAY_WINDOW, heavyDay, lightDay, usualMonth } from './days';
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

const allEntries = (d: ReturnType<typeof compose>) => digestEntries(d);
const heavy = (topics: string[] = [], baseline: ActorBaseline | 'none' = actorBaseline(usualMonth())) =>
  composeDigest(buildStoryPool(heavyDay(), DAY_WINDOW), {
    date: '2025-11-25',
    timeZone: 'America/New_York',
    topics,
    baseline: baseline === 'none' ? undefined : baseline,
  });

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

  it('lists a story under its main topic and names its other topics as what it is also about', () => {
    const d = heavy(['sanctions', 'diplomacy']);
    const entry = allEntries(d).find((e) => e.storyId === 'sanctions-cuba')!;
    expect(entry.home).toBe('sanctions');
    expect(entry.alsoAbout).toEqual(['diplomacy']);
    const diplomacy = d.sections.find((s) => s.topic === 'diplomacy');
    expect(diplomacy?.entries.some((e) => e.storyId === 'sanctions-cuba') ?? false).toBe(false);
  });

  it('lists a story under a secondary topic when the reader does not follow its main one', () => {
    const d = compose(undefined, ['civilian-harm']);
    const ids = allEntries(d).map((e) => e.storyId);
    expect(ids).toEqual(expect.arrayContaining(['story-gaza-aid', 'story-yemen-strikes', 'story-arms']));
    const strikes = allEntries(d).find((e) => e.storyId === 'story-yemen-strikes')!;
    expect(strikes.home).toBe('civilian-harm');
    expect(strikes.alsoAbout).toEqual(['military-operations']);
  });

  it('gives only the chosen topics', () => {
    const d = heavy(['nuclear', 'dissent']);
    expect([...new Set(allEntries(d).map((e) => e.home))].sort()).toEqual(['dissent', 'nuclear']);
    expect(d.storyCount).toBe(7);
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

  it('counts by stories without a baseline, leaving out the actor in most of them', () => {
    // The United States is in 7 of the 11 stories: the day's backdrop, not its news.
    const d = compose();
    expect(d.storyCount).toBe(11);
    expect(d.inTheNews.map((x) => [x.name, x.stories])).toEqual([
      ['Russia', 2],
      ['Ukraine', 2],
      ['Congress', 2],
      ['Israel', 2],
      ['Pentagon', 2],
    ]);
    // Under six stories there is too little to call anything the backdrop.
    const few = compose(
      sampleDay(END)
        .filter((a) => a.actors.some((x) => x.id === 'united-states'))
        .slice(0, 5),
    );
    expect(few.inTheNews[0]).toMatchObject({ name: 'United States' });
  });

  it('leaves out of "In the news" the actors that are always there, against 30 days', () => {
    const withBaseline = heavy().inTheNews;
    const byCount = heavy([], 'none').inTheNews;
    expect(byCount.map((x) => x.name).slice(0, 2)).toEqual(['United States', 'Russia']);
    const names = withBaseline.map((x) => x.name);
    expect(names).not.toContain('United States');
    expect(names).not.toContain('Russia');
    expect(names[0]).toBe('Venezuela');
    expect(withBaseline[0]).toMatchObject({ stories: 3 });
    for (const [i, x] of withBaseline.entries()) {
      expect(x.lift).toBeGreaterThanOrEqual(1.5);
      if (i) expect(x.lift!).toBeLessThanOrEqual(withBaseline[i - 1]!.lift!);
    }
  });

  it('ranks by lift, with an unseen actor on two stories below the usual one far above its usual', () => {
    const stories = (n: number, actor: ReturnType<typeof A.iran>) =>
      Array.from({ length: n }, (_, i) => ({ actors: [actor], id: `${actor.id}-${i}` }));
    const pool = [
      ...stories(2, A.nato()),
      ...stories(6, A.iran()),
      ...stories(8, A.us()),
      ...Array.from({ length: 14 }, () => ({ actors: [] })),
    ].map((s) => ({ ...s, mentions: 1 })) as unknown as Parameters<typeof inTheNews>[0];
    const baseline = actorBaseline([{ articles: 1000, actors: { iran: 40, 'united-states': 300 } }]);
    // Iran: 6 stories of 30 where 1.2 are usual; NATO: 2 where none are; the US: 8 where 9 are.
    expect(inTheNews(pool, baseline).map((x) => [x.name, x.lift])).toEqual([
      ['Iran', 3.18],
      ['NATO', 3],
    ]);
  });

  it('names no one "in the news" on the strength of a single story', () => {
    expect(inTheNews(compose([article({ title: 'One', actors: [A.iran(9)] })]).top)).toEqual([]);
  });

  it('counts by stories when the baseline is too thin to say what is usual', () => {
    const thin = actorBaseline([{ articles: 10, actors: { 'united-states': 9 } }]);
    expect(heavy([], thin).inTheNews[0]!.name).toBe('United States');
  });

  it('sums the days of a baseline', () => {
    const b = actorBaseline(usualMonth());
    expect(b.days).toBe(30);
    expect(b.articles).toBe(3600);
    expect(b.byActor.get('united-states')).toBe(1800);
  });

  it('leads with the three most important stories and does not repeat them in their sections', () => {
    const d = heavy();
    expect(d.top.map((e) => e.storyId)).toEqual(
      digestEntries(d)
        .slice(0, 3)
        .map((e) => e.storyId),
    );
    expect(d.top).toHaveLength(3);
    expect(d.lead?.storyId).toBe(d.top[0]!.storyId);
    const inSections = d.sections.flatMap((s) => s.entries.map((e) => e.storyId));
    for (const e of d.top) expect(inSections).not.toContain(e.storyId);
    expect(new Set(digestEntries(d).map((e) => e.storyId)).size).toBe(d.storyCount);
    // The most important: the three-outlet stories come first.
    expect(d.top.slice(0, 2).map((e) => e.sources.length)).toEqual([3, 3]);
  });

  it('takes at most two top stories from one section when the reader follows several', () => {
    const d = heavy(['military-operations', 'dissent']);
    expect(d.top.map((e) => e.home)).toEqual(['military-operations', 'military-operations', 'dissent']);
    const one = heavy(['military-operations']);
    expect(one.top.map((e) => e.home)).toEqual([
      'military-operations',
      'military-operations',
      'military-operations',
    ]);
  });

  it('puts every story of a light day in one ranked list, without sections', () => {
    const d = composeDigest(buildStoryPool(lightDay(), DAY_WINDOW), {
      date: '2025-11-25',
      timeZone: 'America/New_York',
      topics: [],
    });
    expect(d.storyCount).toBe(4);
    expect(d.top).toHaveLength(4);
    expect(d.sections).toEqual([]);
    expect(d.top.map((e) => e.score)).toEqual([...d.top.map((e) => e.score)].sort((a, b) => b - a));
  });

  it('orders sections by the taxonomy, whatever the day’s news', () => {
    const order = heavy().sections.map((s) => s.topic);
    expect(order).toEqual(TOPIC_IDS.filter((t) => order.includes(t)));
    expect(order.length).toBeGreaterThan(10);
    // Make dissent the day's biggest story: its section still comes where it always does.
    const loud = [
      ...heavyDay(),
      ...['A', 'B', 'C', 'D'].map((o) =>
        article({
          id: `big-${o}`,
          storyId: 'big',
          outlet: o,
          title: 'Big',
          firstSeenAt: '2025-11-25T10:00:00.000Z',
          topics: [{ id: 'dissent', score: 1 }],
        }),
      ),
    ];
    const d = composeDigest(buildStoryPool(loud, DAY_WINDOW), {
      date: '2025-11-25',
      timeZone: 'UTC',
      topics: [],
    });
    expect(d.lead?.storyId).toBe('big');
    expect(d.sections.map((s) => s.topic)).toEqual(order);
  });

  it('caps stories per topic and counts the rest for "more on the web"', () => {
    const articles = Array.from({ length: 12 }, (_, i) =>
      article({
        id: `d${i}`,
        title: `Diplomacy ${i}`,
        firstSeenAt: `2025-05-14T${String(i).padStart(2, '0')}:30:00.000Z`.replace('T11:30', 'T10:45'),
      }),
    );
    const d = compose(articles, ['diplomacy'], 4);
    expect(d.top).toHaveLength(3);
    expect(d.sections[0]!.entries).toHaveLength(4);
    expect(d.sections[0]!.more).toBe(5);
  });

  it('keeps the sentence that put a story under each topic', () => {
    const entry = allEntries(heavy()).find((e) => e.storyId === 'arms-taiwan')!;
    expect(entry.evidence).toEqual({
      'arms-transfers': 'The package includes 60 anti-ship missiles and launchers.',
    });
  });

  it('cuts a top story’s summary to one line', () => {
    expect(oneLine('Talks resumed in Geneva. Both sides said little.')).toBe('Talks resumed in Geneva.');
    expect(oneLine('The U.S. Navy said it struck three boats. More later.')).toBe(
      'The U.S. Navy said it struck three boats.',
    );
    expect(oneLine('Sen. Tim Kaine filed the resolution. A vote follows.')).toBe(
      'Sen. Tim Kaine filed the resolution.',
    );
    const long = oneLine(`${'word '.repeat(60)}end.`);
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('word…')).toBe(true);
    const clauses = oneLine(
      `${'Negotiators met again in Geneva on Tuesday '.repeat(3)}, but ${'no date was set '.repeat(8)}.`,
    );
    expect(clauses.endsWith('on Tuesday…')).toBe(true);
  });

  it('composes nothing when no article falls in the reader’s topics', () => {
    const d = compose([article({ title: 'Only diplomacy' })], ['nuclear']);
    expect(d.sections).toEqual([]);
    expect(d.top).toEqual([]);
    expect(d.lead).toBeUndefined();
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
