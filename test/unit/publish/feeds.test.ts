/** The Atom feeds through the web app, on the in-memory store: what they hold, and when they answer 304. */
import { describe, expect, it } from 'vitest';
import { TOPICS } from '../../../lambdas/analysis/topics';
import { renderAtom } from '../../../lambdas/publish/atom';
import { FEED_STORIES } from '../../../lambdas/publish/publisher';
import type { Edition } from '../../../lambdas/store/ports';
import { checkAtom } from '../../support/atom';
import { KIM, NORTH_KOREA, PUTIN, readingApp, SOUTH_KOREA, story } from './fixtures';

function setup() {
  const { store, get, clock } = readingApp();
  // Counted where the publisher calls it, on the store the routes read.
  const reads = { heads: 0, calls: 0 };
  const getArticleHeads = store.articles.getArticleHeads.bind(store.articles);
  store.articles.getArticleHeads = async (ids) => {
    reads.calls++;
    reads.heads += ids.length;
    return getArticleHeads(ids);
  };
  return { store, get, reads, clock };
}

const seed = () => [
  story({
    id: 'launch',
    title: 'North Korea launches a missile over the sea',
    firstSeenAt: '2026-12-01T09:00:00.000Z',
    actors: [KIM, NORTH_KOREA],
    topics: [{ id: 'nuclear', score: 0.9 }],
  }),
  // The same story from a second outlet: one entry, with a related link.
  story({
    id: 'launch-2',
    storyId: 'launch',
    outlet: 'Second Outlet',
    title: 'Pyongyang fires missile',
    firstSeenAt: '2026-12-01T11:00:00.000Z',
    actors: [KIM, SOUTH_KOREA],
    topics: [{ id: 'nuclear', score: 0.8 }],
  }),
  story({
    id: 'summit',
    title: 'Putin and Kim meet in Vladivostok',
    firstSeenAt: '2026-12-02T08:00:00.000Z',
    actors: [PUTIN, KIM],
    topics: [{ id: 'diplomacy', score: 0.9 }],
  }),
  story({
    id: 'budget',
    title: 'Senate passes the defense budget',
    firstSeenAt: '2026-12-02T10:00:00.000Z',
    topics: [{ id: 'defense-spending', score: 0.9 }],
  }),
];

describe('topic feeds', () => {
  it('serves a valid Atom feed per topic, one entry per story with the story id as a tag: URI', async () => {
    const { store, get } = setup();
    await store.articles.putNewArticles(seed());
    const res = await get('/feeds/topic/nuclear.atom');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const { errors, feed } = checkAtom(res.body);
    expect(errors).toEqual([]);
    expect(feed!.title).toBe('Nuclear · Antiwar Digest');
    expect(feed!.entries.map((e) => e.id)).toEqual(['tag:digest.example.org,2026:story/launch']);
    const [entry] = feed!.entries;
    expect(entry!.title).toBe('North Korea launches a missile over the sea');
    expect(entry!.links).toEqual([
      { rel: 'alternate', type: 'text/html', href: 'https://news.example.org/launch' },
      {
        rel: 'related',
        type: 'text/html',
        href: 'https://news.example.org/launch-2',
        title: 'Second Outlet',
      },
    ]);
    // Updated when the second outlet joined; published when the first did.
    expect(entry!.updated).toBe('2026-12-01T11:00:00.000Z');
    expect(entry!.published).toBe('2026-12-01T09:00:00.000Z');
    expect(feed!.updated).toBe('2026-12-01T11:00:00.000Z');
    expect(res.body).not.toContain('Body that no feed');
  });

  it('serves every one of the taxonomy’s topics, empty or not, and 404 for an unknown one', async () => {
    const { get } = setup();
    for (const t of TOPICS) {
      const res = await get(`/feeds/topic/${t.id}.atom`);
      expect(res.status, t.id).toBe(200);
      expect(checkAtom(res.body).errors, t.id).toEqual([]);
    }
    expect((await get('/feeds/topic/weather.atom')).status).toBe(404);
    expect((await get('/feeds/topic/nuclear')).status).toBe(404);
    expect((await get('/feeds/topic/nuclear.atom/more')).status).toBe(404);
  });

  it('answers a repeat request with its ETag or its Last-Modified with 304, reading no article', async () => {
    const { store, get, reads } = setup();
    await store.articles.putNewArticles(seed());
    const first = await get('/feeds/topic/nuclear.atom');
    expect(first.headers.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers['last-modified']).toBe('Tue, 01 Dec 2026 11:00:00 GMT');
    const afterFirst = reads.heads;
    const byEtag = await get('/feeds/topic/nuclear.atom', { 'if-none-match': first.headers.etag! });
    expect(byEtag.status).toBe(304);
    expect(byEtag.body).toBe('');
    expect(byEtag.headers.etag).toBe(first.headers.etag);
    const byDate = await get('/feeds/topic/nuclear.atom', {
      'if-modified-since': first.headers['last-modified']!,
    });
    expect(byDate.status).toBe(304);
    // A plain repeat is served from memory too.
    expect((await get('/feeds/topic/nuclear.atom')).body).toBe(first.body);
    expect(reads.heads).toBe(afterFirst);
  });

  it('changes its ETag when a story enters the topic, and then reads only the new article', async () => {
    const { store, get, reads } = setup();
    await store.articles.putNewArticles(seed());
    const first = await get('/feeds/topic/nuclear.atom');
    const before = reads.heads;
    await store.articles.putNewArticles([
      story({
        id: 'test-site',
        title: 'Satellite images show work at the test site',
        firstSeenAt: '2026-12-03T07:00:00.000Z',
        topics: [{ id: 'nuclear', score: 0.9 }],
      }),
    ]);
    const next = await get('/feeds/topic/nuclear.atom', { 'if-none-match': first.headers.etag! });
    expect(next.status).toBe(200);
    expect(next.headers.etag).not.toBe(first.headers.etag);
    expect(checkAtom(next.body).feed!.entries.map((e) => e.title)).toEqual([
      'Satellite images show work at the test site',
      'North Korea launches a missile over the sea',
    ]);
    expect(reads.heads - before).toBe(1);
    // An old Last-Modified is no longer current either.
    const stale = await get('/feeds/topic/nuclear.atom', {
      'if-modified-since': first.headers['last-modified']!,
    });
    expect(stale.status).toBe(200);
  });

  it('holds the newest stories only', async () => {
    const { store, get } = setup();
    const many = Array.from({ length: FEED_STORIES + 10 }, (_, i) =>
      story({
        id: `s${String(i).padStart(3, '0')}`,
        title: `Story ${i}`,
        firstSeenAt: new Date(Date.parse('2026-11-20T00:00:00.000Z') + i * 3_600_000).toISOString(),
      }),
    );
    await store.articles.putNewArticles(many);
    const { feed, errors } = checkAtom((await get('/feeds/topic/diplomacy.atom')).body);
    expect(errors).toEqual([]);
    expect(feed!.entries).toHaveLength(FEED_STORIES);
    expect(feed!.entries[0]!.title).toBe(`Story ${FEED_STORIES + 9}`);
    expect(feed!.entries.at(-1)!.title).toBe('Story 10');
  });

  it('keeps markup, control characters and bidi overrides in titles from breaking or spoofing the XML', async () => {
    const { store, get } = setup();
    await store.articles.putNewArticles([
      story({
        id: 'hostile',
        title: '<script>alert(1)</script> Sanctions & "tariffs" \u0001\u202eevil\u202c \ud800 tightened',
        firstSeenAt: '2026-12-02T12:00:00.000Z',
        topics: [{ id: 'sanctions', score: 1 }],
      }),
    ]);
    const res = await get('/feeds/topic/sanctions.atom');
    expect(checkAtom(res.body).errors).toEqual([]);
    expect(res.body).not.toContain('<script>');
    expect(checkAtom(res.body).feed!.entries[0]!.title).toBe(
      '<script>alert(1)</script> Sanctions & "tariffs" evil  tightened',
    );
    expect(res.headers['content-security-policy']).toContain('sandbox');
  });
});

describe('actor feeds', () => {
  it('lists the stories naming the actor, found by its canonical slug', async () => {
    const { store, get } = setup();
    await store.articles.putNewArticles(seed());
    const res = await get('/feeds/actor/kim-jong-un.atom');
    expect(res.status).toBe(200);
    const { errors, feed } = checkAtom(res.body);
    expect(errors).toEqual([]);
    expect(feed!.title).toBe('Kim Jong Un · Antiwar Digest');
    expect(feed!.entries.map((e) => e.id)).toEqual([
      'tag:digest.example.org,2026:story/summit',
      'tag:digest.example.org,2026:story/launch',
    ]);
    expect(feed!.links).toContainEqual({
      rel: 'alternate',
      type: 'text/html',
      href: 'https://digest.example.org/actors/kim-jong-un',
    });
  });

  it('gives an entry the same id in every feed it appears in', async () => {
    const { store, get } = setup();
    await store.articles.putNewArticles(seed());
    const byActor = checkAtom((await get('/feeds/actor/vladimir-putin.atom')).body).feed!;
    const byTopic = checkAtom((await get('/feeds/topic/diplomacy.atom')).body).feed!;
    expect(byActor.entries.map((e) => e.id)).toEqual(['tag:digest.example.org,2026:story/summit']);
    expect(byTopic.entries.map((e) => e.id)).toEqual(byActor.entries.map((e) => e.id));
  });

  it('redirects an alias to the canonical feed and answers 404 for nobody', async () => {
    const { get } = setup();
    const moved = await get('/feeds/actor/putin.atom');
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('/feeds/actor/vladimir-putin.atom');
    expect((await get('/feeds/actor/no-such-person-anywhere.atom')).status).toBe(404);
    expect((await get('/feeds/actor/Kim%20Jong%20Un.atom')).headers.location).toBe(
      '/feeds/actor/kim-jong-un.atom',
    );
  });

  it('answers 304 to a repeat with its ETag', async () => {
    const { store, get } = setup();
    await store.articles.putNewArticles(seed());
    const first = await get('/feeds/actor/kim-jong-un.atom');
    const again = await get('/feeds/actor/kim-jong-un.atom', {
      'if-none-match': `"x", ${first.headers.etag}`,
    });
    expect(again.status).toBe(304);
  });
});

describe('the digest feed', () => {
  const edition = (date: string, over: Partial<Edition> = {}): Edition => ({
    date,
    id: `${date.replace(/-/g, '')}abcdef01`.slice(0, 16),
    topics: TOPICS.map((t) => t.id),
    timeZone: 'America/New_York',
    window: { from: `${date}T05:00:00.000Z`, to: `${date}T11:00:00.000Z` },
    subject: `Lead headline of ${date} — and 9 more`,
    shown: ['a', 'b'],
    all: ['a', 'b', 'c'],
    storyCount: 10,
    createdAt: `${date}T11:00:05.000Z`,
    ...over,
  });

  it('has one entry per daily edition, linking its archive page', async () => {
    const { store, get } = setup();
    for (const d of ['2026-12-01', '2026-12-02', '2026-12-03']) {
      const e = edition(d);
      await store.editions.put(e, { view: '<p>view</p>', all: '<p>all</p>' });
      await store.editions.setHouse(d, e.id);
    }
    // A second edition of the day (another reader group) is not the day's.
    await store.editions.put(edition('2026-12-03', { id: 'ffffffffffffffff', subject: 'Other' }), {
      view: '',
      all: '',
    });
    const res = await get('/feeds/digest.atom');
    expect(res.status).toBe(200);
    const { errors, feed } = checkAtom(res.body);
    expect(errors).toEqual([]);
    expect(feed!.entries.map((e) => [e.id, e.title, e.links[0]!.href])).toEqual([
      [
        'tag:digest.example.org,2026:edition/2026-12-03',
        'Lead headline of 2026-12-03 — and 9 more',
        'https://digest.example.org/archive/2026-12-03',
      ],
      [
        'tag:digest.example.org,2026:edition/2026-12-02',
        'Lead headline of 2026-12-02 — and 9 more',
        'https://digest.example.org/archive/2026-12-02',
      ],
      [
        'tag:digest.example.org,2026:edition/2026-12-01',
        'Lead headline of 2026-12-01 — and 9 more',
        'https://digest.example.org/archive/2026-12-01',
      ],
    ]);
    expect(res.headers['last-modified']).toBe('Thu, 03 Dec 2026 11:00:05 GMT');
    const again = await get('/feeds/digest.atom', { 'if-none-match': res.headers.etag! });
    expect(again.status).toBe(304);
    const bySince = await get('/feeds/digest.atom', { 'if-modified-since': 'Thu, 03 Dec 2026 12:00:00 GMT' });
    expect(bySince.status).toBe(304);
  });

  it('is valid with no edition yet', async () => {
    const { get } = setup();
    const res = await get('/feeds/digest.atom');
    expect(res.status).toBe(200);
    expect(checkAtom(res.body).errors).toEqual([]);
  });
});

describe('the Atom check', () => {
  it('catches a feed that breaks RFC 4287 or is not well-formed', () => {
    const good = renderAtom({
      id: 'tag:example.org,2026:feed',
      title: 'T',
      updated: '2026-12-01T00:00:00.000Z',
      links: [{ rel: 'self', href: 'https://example.org/f.atom' }],
      authors: [{ name: 'A' }],
      entries: [
        {
          id: 'tag:example.org,2026:e',
          title: 'E',
          updated: '2026-12-01T00:00:00.000Z',
          links: [{ href: 'https://example.org/e' }],
          authors: [],
        },
      ],
    });
    expect(checkAtom(good).errors).toEqual([]);
    expect(checkAtom(good.replace(/ {2}<updated>[^<]*<\/updated>\n/, ''))).toMatchObject({
      errors: ['feed: <updated> is missing'],
    });
    expect(
      checkAtom(good.replace('<link rel="alternate" href="https://example.org/e"/>', '')).errors,
    ).toEqual(['entry 1: neither <content> nor an alternate link']);
    expect(checkAtom(good.replace(/<author>[\s\S]*?<\/author>/, '')).errors).toEqual([
      'entry 1: no author, nor a feed author',
    ]);
    expect(checkAtom(good.replace('2026-12-01T00:00:00.000Z', 'Tue, 01 Dec 2026')).errors[0]).toMatch(
      /not an RFC 3339/,
    );
    expect(checkAtom(good.replace('<title type="text">E</title>', '<title>E')).errors.length).toBeGreaterThan(
      0,
    );
    expect(checkAtom(good.replace('>E<', '>E & F<')).errors).toContain('an unescaped &');
    expect(checkAtom(good.replace('>E<', '>E\u0001<')).errors[0]).toMatch(/U\+1/);
  });
});
