/** Actor pages through the web app, on the in-memory store. */
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { buildStoryPool } from '../../../lambdas/digest/compose';
import { renderSelection } from '../../../lambdas/digest/render';
import { ACTOR_PAGE_DAYS } from '../../../lambdas/publish/publisher';
import { siteLinks } from '../../../lambdas/subscribers/links';
import { KIM, NATO, NORTH_KOREA, PUTIN, readingApp, SOUTH_KOREA, story } from './fixtures';

const setup = readingApp;

const doc = (body: string) => parseDocument(body);
const texts = (body: string, selector: (el: { name: string; attribs: Record<string, string> }) => boolean) =>
  DomUtils.findAll(selector, doc(body).children).map((el) =>
    DomUtils.textContent(el).replace(/\s+/g, ' ').trim(),
  );

/** Kim's month: stories on three days, one older than the page, one that names someone else. */
const month = () => [
  story({
    id: 'launch',
    title: 'North Korea launches a missile over the sea',
    // 03:00 UTC is still December 1 in New York: the page counts days in the site's zone.
    firstSeenAt: '2026-12-02T03:00:00.000Z',
    actors: [KIM, NORTH_KOREA],
    topics: [
      { id: 'nuclear', score: 0.9 },
      { id: 'military-cooperation', score: 0.4 },
    ],
  }),
  story({
    id: 'launch-2',
    storyId: 'launch',
    outlet: 'Second Outlet',
    title: 'Pyongyang fires missile',
    firstSeenAt: '2026-12-02T04:00:00.000Z',
    actors: [KIM, SOUTH_KOREA],
    topics: [{ id: 'nuclear', score: 0.8 }],
  }),
  story({
    id: 'summit',
    title: 'Putin and Kim meet in Vladivostok',
    firstSeenAt: '2026-12-03T12:00:00.000Z',
    actors: [PUTIN, KIM, NORTH_KOREA],
    topics: [{ id: 'diplomacy', score: 0.9 }],
  }),
  story({
    id: 'parade',
    title: 'Military parade in Pyongyang',
    firstSeenAt: '2026-11-10T12:00:00.000Z',
    actors: [KIM, NORTH_KOREA],
    topics: [{ id: 'nuclear', score: 0.7 }],
  }),
  story({
    id: 'old',
    title: 'An old story from October',
    firstSeenAt: '2026-10-20T12:00:00.000Z',
    actors: [KIM],
  }),
  story({
    id: 'nato',
    title: 'NATO ministers meet in Brussels',
    firstSeenAt: '2026-12-03T09:00:00.000Z',
    actors: [NATO],
  }),
];

describe('actor pages', () => {
  it('lists the actor’s stories of the last 30 days by day, newest first, one entry per story', async () => {
    const { store, get } = setup();
    await store.articles.putNewArticles(month());
    const res = await get('/actors/kim-jong-un');
    expect(res.status).toBe(200);
    expect(texts(res.body, (el) => el.name === 'h1')).toEqual(['Kim Jong Un']);
    expect(texts(res.body, (el) => el.name === 'h3')).toEqual([
      'Thursday, December 3 1 story',
      'Tuesday, December 1 1 story',
      'Tuesday, November 10 1 story',
    ]);
    expect(texts(res.body, (el) => el.attribs.class === 'story')).toEqual([
      'Putin and Kim meet in Vladivostok',
      'North Korea launches a missile over the sea',
      'Military parade in Pyongyang',
    ]);
    expect(res.body).not.toContain('An old story from October');
    expect(res.body).not.toContain('NATO ministers');
    // The second outlet of the launch story is named beside the first.
    expect(texts(res.body, (el) => el.attribs.class === 'meta')[1]).toBe(
      'Example News, Second Outlet · Nuclear',
    );
    expect(texts(res.body, (el) => el.attribs.class === 'lede')).toEqual([
      'Named in 4 articles in the last 30 days.',
    ]);
  });

  it('draws 30 days of mentions as an accessible inline SVG, with the numbers as text', async () => {
    const { store, get } = setup();
    await store.articles.putNewArticles(month());
    const body = (await get('/actors/kim-jong-un')).body;
    const page = doc(body);
    const [svg] = DomUtils.getElementsByTagName('svg', page);
    expect(svg?.attribs.role).toBe('img');
    expect(svg?.attribs['aria-labelledby']).toBe('chart-title chart-desc');
    expect(DomUtils.textContent(DomUtils.getElementsByTagName('title', svg!)[0]!)).toBe(
      'Articles naming Kim Jong Un, per day, last 30 days',
    );
    const desc = DomUtils.textContent(DomUtils.getElementsByTagName('desc', svg!)[0]!);
    expect(desc).toBe('4 articles named Kim Jong Un from Nov 4 to Dec 3; the busiest day was Dec 1, with 2.');
    const bars = DomUtils.getElementsByTagName('rect', svg!);
    expect(bars).toHaveLength(ACTOR_PAGE_DAYS);
    const tips = bars.map((b) => DomUtils.textContent(b));
    expect(tips.at(-1)).toBe('Dec 3: 1 article');
    expect(tips.at(-3)).toBe('Dec 1: 2 articles');
    expect(tips.filter((t) => t.endsWith(': 0 articles'))).toHaveLength(ACTOR_PAGE_DAYS - 3);
    const rows = DomUtils.getElementsByTagName('tr', page).map((r) => DomUtils.textContent(r));
    expect(rows).toContain('Tuesday, December 12');
    expect(rows).toHaveLength(ACTOR_PAGE_DAYS + 1);
    // No script, no inline style: the page CSP forbids both, the SVG needs neither.
    expect(body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
  });

  it('names who the actor is named with and the topics of their stories, most first', async () => {
    const { store, get } = setup();
    await store.articles.putNewArticles(month());
    const body = (await get('/actors/kim-jong-un')).body;
    const lists = DomUtils.getElementsByTagName('ul', doc(body)).filter((u) => u.attribs.class === 'counts');
    const items = (i: number) =>
      DomUtils.getElementsByTagName('li', lists[i]!).map((li) =>
        DomUtils.textContent(li).replace(/\s+/g, ' '),
      );
    expect(items(0)).toEqual(['North Korea 3 stories', 'South Korea 1 story', 'Vladimir Putin 1 story']);
    expect(items(1)).toEqual(['Nuclear 2 stories', 'Diplomacy 1 story', 'Military cooperation 1 story']);
    const links = DomUtils.getElementsByTagName('a', lists[0]!).map((a) => a.attribs.href);
    expect(links).toEqual(['/actors/north-korea', '/actors/south-korea', '/actors/vladimir-putin']);
    // A topic has no page of its own to link (its feed is on the archive index).
    expect(DomUtils.getElementsByTagName('a', lists[1]!)).toEqual([]);
  });

  it('names its Atom feed in the head and in the page', async () => {
    const { get } = setup();
    const body = (await get('/actors/kim-jong-un')).body;
    expect(body).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Kim Jong Un · Antiwar Digest" href="/feeds/actor/kim-jong-un.atom">',
    );
    expect(
      texts(body, (el) => el.name === 'a' && el.attribs.href === '/feeds/actor/kim-jong-un.atom'),
    ).toEqual(['Follow Kim Jong Un in a feed reader (Atom)']);
    expect(body).toContain('No article has named Kim Jong Un in the last 30 days.');
  });

  it('answers a repeat with 304, and changes with a new story or a new day', async () => {
    const { store, get, clock } = setup();
    await store.articles.putNewArticles(month());
    const first = await get('/actors/kim-jong-un');
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect((await get('/actors/kim-jong-un', { 'if-none-match': first.headers.etag! })).status).toBe(304);
    expect(
      (await get('/actors/kim-jong-un', { 'if-modified-since': first.headers['last-modified']! })).status,
    ).toBe(304);
    await store.articles.putNewArticles([
      story({
        id: 'new',
        title: 'Kim inspects a factory',
        firstSeenAt: '2026-12-03T14:00:00.000Z',
        actors: [KIM],
      }),
    ]);
    const changed = await get('/actors/kim-jong-un', { 'if-none-match': first.headers.etag! });
    expect(changed.status).toBe(200);
    expect(changed.body).toContain('Kim inspects a factory');
    // The chart's 30 days move at midnight in the site's zone, new story or not.
    clock.set('2026-12-04T06:00:00.000Z');
    const nextDay = await get('/actors/kim-jong-un', { 'if-none-match': changed.headers.etag! });
    expect(nextDay.status).toBe(200);
    expect(nextDay.body).toContain('from Nov 5 to Dec 4');
  });

  it('redirects an alias or surname to the canonical page, and offers a choice when several answer', async () => {
    const { get } = setup();
    const putin = await get('/actors/putin');
    expect(putin.status).toBe(301);
    expect(putin.headers.location).toBe('/actors/vladimir-putin');
    expect((await get('/actors/us')).headers.location).toBe('/actors/united-states');
    const kim = await get('/actors/kim');
    expect(kim.status).toBe(200);
    expect(DomUtils.getElementsByTagName('a', doc(kim.body)).map((a) => a.attribs.href)).toContain(
      '/actors/kim-jong-un',
    );
    expect((await get('/actors', {}, { q: 'Kim Jong Un' })).headers.location).toBe('/actors/kim-jong-un');
    expect((await get('/actors', {}, { q: 'Sergey Lavrov' })).headers.location).toBe('/actors/sergey-lavrov');
  });

  it('answers an unknown slug with a 404 page that offers a search', async () => {
    const { get } = setup();
    const res = await get('/actors/zebulon-quartermaine');
    expect(res.status).toBe(404);
    expect(res.body).toContain('We know no actor called “zebulon quartermaine”');
    const form = DomUtils.getElementsByTagName('form', doc(res.body))[0];
    expect(form?.attribs).toMatchObject({ method: 'get', action: '/actors' });
    expect(res.body).toMatch(/<input type="search" id="q" name="q"[^>]* value="zebulon quartermaine">/);
    expect((await get('/actors/Kim-Jong-Un')).headers.location).toBe('/actors/kim-jong-un');
    expect((await get('/actors/<script>')).headers.location).toBe('/actors/script');
    expect((await get('/actors/script')).status).toBe(404);
    const bidi = await get('/actors/%E2%80%AE');
    expect(bidi.status).toBe(404);
    expect(bidi.body).toContain('We know no actor by that name.');
    expect(bidi.body).not.toContain('\u202e');
    expect((await get('/actors/a/b')).status).toBe(404);
    expect((await get('/actors')).status).toBe(200);
  });

  it('serves a page for an actor the analyzer named outside the gazetteer', async () => {
    const { store, get } = setup();
    const roe = { id: 'gen:person:jane-roe', name: 'Jane Roe', type: 'person' as const, mentions: 2 };
    await store.articles.putNewArticles([
      story({
        id: 'roe',
        title: 'Envoy Jane Roe visits Kyiv',
        firstSeenAt: '2026-12-02T12:00:00.000Z',
        actors: [roe],
      }),
    ]);
    const res = await get('/actors/jane-roe');
    expect(res.status).toBe(200);
    expect(texts(res.body, (el) => el.name === 'h1')).toEqual(['Jane Roe']);
    expect(res.body).toContain('Envoy Jane Roe visits Kyiv');
    expect((await get('/feeds/actor/jane-roe.atom')).body).toContain('Envoy Jane Roe visits Kyiv');
  });

  it('finds a person a story names by its own spelling under the canonical name', async () => {
    const { store, get } = setup();
    const araqchi = {
      id: 'gen:person:abbas-araghchi',
      name: 'Abbas Araqchi',
      type: 'person' as const,
      mentions: 2,
    };
    await store.articles.putNewArticles([
      story({
        id: 'muscat',
        title: 'Abbas Araqchi and Kim Jong Un trade letters',
        firstSeenAt: '2026-12-02T12:00:00.000Z',
        actors: [KIM, araqchi],
      }),
    ]);
    const page = await get('/actors/abbas-araghchi');
    expect(page.status).toBe(200);
    expect(texts(page.body, (el) => el.name === 'h1')).toEqual(['Abbas Araghchi']);
    expect(page.body).toContain('Abbas Araqchi and Kim Jong Un trade letters');
    // Named with Kim under the canonical name, linked to its page.
    const kim = (await get('/actors/kim-jong-un')).body;
    const list = DomUtils.getElementsByTagName('ul', doc(kim)).find((u) => u.attribs.class === 'counts')!;
    expect(
      DomUtils.getElementsByTagName('a', list).map((a) => [DomUtils.textContent(a), a.attribs.href]),
    ).toContainEqual(['Abbas Araghchi', '/actors/abbas-araghchi']);
    // An id whose slug is not the canonical name's ("gen:person:andriy-yermak", "Andrii Yermak") moves to it.
    expect((await get('/actors/andriy-yermak')).headers.location).toBe('/actors/andrii-yermak');
  });

  it('escapes a hostile title and links only http(s) addresses', async () => {
    const { store, get } = setup();
    await store.articles.putNewArticles([
      story({
        id: 'x',
        title: '<img src=x onerror=alert(1)>Kim',
        url: 'javascript:alert(1)',
        firstSeenAt: '2026-12-03T10:00:00.000Z',
        actors: [KIM],
      }),
    ]);
    const body = (await get('/actors/kim-jong-un')).body;
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;Kim');
    expect(body).not.toContain('javascript:');
    expect(DomUtils.getElementsByTagName('img', doc(body))).toHaveLength(0);
  });
});

describe('archive pages', () => {
  it('name their feeds for readers to find, and link actor names to their pages', () => {
    const articles = [
      story({
        id: 'summit',
        title: 'Putin and Kim meet in Vladivostok',
        firstSeenAt: '2026-12-03T12:00:00.000Z',
        actors: [PUTIN, KIM],
        topics: [{ id: 'diplomacy', score: 0.9 }],
      }),
    ];
    const options = {
      senderName: 'Antiwar Digest',
      postalAddress: '1 Peace Street',
      links: siteLinks('https://digest.example.org/', 'test-secret-test-secret'),
    };
    const compose = { date: '2026-12-03', timeZone: 'America/New_York', topics: ['diplomacy', 'nuclear'] };
    const pool = buildStoryPool(articles, {
      from: '2026-12-02T11:00:00.000Z',
      to: '2026-12-03T13:00:00.000Z',
    });
    const web = renderSelection(pool, compose, { ...options, mode: 'web' }).rendered.html;
    const head = DomUtils.getElementsByTagName('head', doc(web))[0]!;
    const feeds = DomUtils.getElementsByTagName('link', head).map((l) => [l.attribs.title, l.attribs.href]);
    expect(feeds).toEqual([
      ['Antiwar Digest: the daily edition', 'https://digest.example.org/feeds/digest.atom'],
      ['Diplomacy · Antiwar Digest', 'https://digest.example.org/feeds/topic/diplomacy.atom'],
      ['Nuclear · Antiwar Digest', 'https://digest.example.org/feeds/topic/nuclear.atom'],
    ]);
    const hrefs = DomUtils.getElementsByTagName('a', doc(web)).map((a) => a.attribs.href);
    expect(hrefs).toContain('https://digest.example.org/actors/vladimir-putin');
    expect(hrefs).toContain('https://digest.example.org/actors/kim-jong-un');
    // A person the story names by another spelling links the canonical page by its id.
    const other = buildStoryPool(
      [
        story({
          id: 'letters',
          title: 'Araqchi writes to Kim',
          firstSeenAt: '2026-12-03T12:00:00.000Z',
          actors: [
            KIM,
            { id: 'gen:person:abbas-araghchi', name: 'Abbas Araqchi', type: 'person', mentions: 1 },
          ],
          topics: [{ id: 'diplomacy', score: 0.9 }],
        }),
      ],
      { from: '2026-12-02T11:00:00.000Z', to: '2026-12-03T13:00:00.000Z' },
    );
    const linked = DomUtils.getElementsByTagName(
      'a',
      doc(renderSelection(other, compose, { ...options, mode: 'web' }).rendered.html),
    );
    expect(linked.map((a) => a.attribs.href)).toContain('https://digest.example.org/actors/abbas-araghchi');
    // Each linked name keeps a dark-mode colour class, as the text around it does.
    const named = DomUtils.getElementsByTagName('a', doc(web)).filter((a) =>
      a.attribs.href?.includes('/actors/'),
    );
    for (const a of named) expect(a.attribs.class).toMatch(/^dm-(muted|text)$/);
    // The email keeps its names plain and names no feed.
    const email = renderSelection(pool, compose, { ...options, mode: 'email' }).rendered.html;
    expect(email).not.toContain('/actors/');
    expect(email).not.toContain('application/atom+xml');
  });
});
