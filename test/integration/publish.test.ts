/**
 * Feeds and actor pages on dynalite: the store reads they rely on, and what a feed reader's poll
 * costs the table, cold and warm, counted request by request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, LOCAL_AWS, type LocalDynamo, startDynalite } from '../../bin/local/dynamo';
import { startWebServer, type WebServer } from '../../bin/local/web-server';
import { TOPIC_IDS } from '../../lambdas/analysis/topics';
import { createPublisher, FEED_ARTICLES } from '../../lambdas/publish/publisher';
import { fixedClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import { createDocumentClient } from '../../lambdas/store/client';
import { createDynamoStore } from '../../lambdas/store/dynamo';
import type { Edition, Store } from '../../lambdas/store/ports';
import { createWebApp, type WebApp } from '../../lambdas/web/app';
import { readingRoutesOf } from '../../lambdas/web/reading';
import { checkAtom } from '../support/atom';
import { countRequests } from '../support/dynamo-requests';
import { KIM, NORTH_KOREA, PUTIN, story } from '../unit/publish/fixtures';

const TABLE = 'publish-test';
const NOW = '2026-12-03T15:00:00.000Z';
let dyn: LocalDynamo;
let doc: ReturnType<typeof createDocumentClient>;
let store: Store;
let counter: ReturnType<typeof countRequests>;
const clock = fixedClock(NOW);

beforeAll(async () => {
  dyn = await startDynalite();
  await ensureTable(dyn.endpoint, TABLE);
  doc = createDocumentClient({ ...LOCAL_AWS, endpoint: dyn.endpoint });
  counter = countRequests(doc);
  store = createDynamoStore(doc, TABLE);
  // 130 nuclear stories over ten days (one every 108 minutes), every tenth naming Kim; one naming Putin.
  const articles = Array.from({ length: 130 }, (_, i) =>
    story({
      id: `n${String(i).padStart(3, '0')}`,
      title: `Nuclear story ${i}`,
      firstSeenAt: new Date(Date.parse('2026-11-23T12:00:00.000Z') + i * 108 * 60_000).toISOString(),
      actors: i % 10 === 0 ? [KIM, NORTH_KOREA] : [NORTH_KOREA],
      topics: [{ id: 'nuclear', score: 0.9 }],
    }),
  );
  articles.push(
    story({
      id: 'summit',
      title: 'Putin and Kim meet',
      firstSeenAt: '2026-12-02T09:00:00.000Z',
      actors: [PUTIN, KIM],
      topics: [{ id: 'diplomacy', score: 0.9 }],
    }),
  );
  await store.articles.putNewArticles(articles);
  counter.take();
});

afterAll(async () => {
  doc?.destroy();
  await dyn?.stop();
});

/** A fresh web app: a cold Lambda instance, with nothing in memory. */
function coldApp(): WebApp {
  const publisher = createPublisher({
    articles: store.articles,
    editions: store.editions,
    clock,
    site: { name: 'Antiwar Digest', baseUrl: 'https://digest.example.org', timeZone: 'America/New_York' },
  });
  return createWebApp({
    subscribers: store.subscribers,
    sends: store.sends,
    limits: store.limits,
    mailer: { send: async () => ({ id: 'unused' }) },
    clock,
    log: silentLog,
    config: {
      publicBaseUrl: 'https://digest.example.org',
      tokenSecret: 'publish-test-secret',
      senderAddress: 'digest@example.org',
      senderName: 'Antiwar Digest',
      postalAddress: '1 Peace Street',
      defaultTimeZone: 'America/New_York',
    },
    reading: readingRoutesOf(publisher),
  });
}

const get = (app: WebApp, path: string, headers: Record<string, string> = {}) =>
  app({ method: 'GET', path, query: {}, headers, body: '', sourceIp: '198.51.100.3' });

describe('the store reads behind feeds and actor pages', () => {
  it('reads a partition’s newest entry as a marker, and its entries newest first', async () => {
    const marker = await store.articles.latestIndexKey({ topic: 'nuclear' });
    expect(marker).toBe('2026-12-03T04:12:00.000Z#n129');
    expect(await store.articles.latestIndexKey({ topic: 'arms-transfers' })).toBeUndefined();
    const newest = await store.articles.latestIndexEntries({ topic: 'nuclear' }, { limit: 3 });
    expect(newest.map((e) => e.articleId)).toEqual(['n129', 'n128', 'n127']);
    const kim = await store.articles.latestIndexEntries(
      { actor: KIM.id },
      { sinceIso: '2026-12-01T00:00:00.000Z' },
    );
    expect(kim.map((e) => e.articleId)).toEqual(['n120', 'summit', 'n110', 'n100']);
    expect(kim.every((e) => e.firstSeenAt >= '2026-12-01')).toBe(true);
  });

  it('pages through a partition when a limit spans more than one page', async () => {
    const all = await store.articles.latestIndexEntries({ topic: 'nuclear' }, {});
    expect(all).toHaveLength(130);
    const some = await store.articles.latestIndexEntries({ topic: 'nuclear' }, { limit: 125 });
    expect(some).toHaveLength(125);
    expect(some.at(-1)?.articleId).toBe('n005');
  });

  it('reads article heads without their bodies, in batches of 100', async () => {
    counter.take();
    const ids = Array.from({ length: 130 }, (_, i) => `n${String(i).padStart(3, '0')}`);
    const heads = await store.articles.getArticleHeads([...ids, 'missing']);
    expect(heads.size).toBe(130);
    const head = heads.get('n007')!;
    expect(head).toMatchObject({
      id: 'n007',
      title: 'Nuclear story 7',
      storyId: 'n007',
      outlet: 'Example News',
    });
    expect(head).not.toHaveProperty('html');
    expect(head).not.toHaveProperty('text');
    expect(head).not.toHaveProperty('PK');
    expect(counter.take().byOperation).toEqual({ BatchGetItem: 2 });
  });

  it('reads the house editions of many dates in two batched reads', async () => {
    const edition = (date: string, id: string): Edition => ({
      date,
      id,
      topics: [...TOPIC_IDS],
      timeZone: 'America/New_York',
      window: { from: `${date}T05:00:00.000Z`, to: `${date}T11:00:00.000Z` },
      subject: `Headline of ${date}`,
      shown: [],
      all: [],
      storyCount: 3,
      createdAt: `${date}T11:00:00.000Z`,
    });
    for (const [date, id] of [
      ['2026-11-30', 'aaaaaaaaaaaaaaa1'],
      ['2026-12-01', 'aaaaaaaaaaaaaaa2'],
    ] as const) {
      await store.editions.put(edition(date, id), { view: '<p>v</p>', all: '<p>a</p>' });
      await store.editions.setHouse(date, id);
    }
    await store.editions.put(edition('2026-12-01', 'bbbbbbbbbbbbbbbb'), { view: '', all: '' });
    counter.take();
    const found = await store.editions.houseEditions(['2026-12-01', '2026-11-29', '2026-11-30']);
    expect(found.map((e) => [e.date, e.id])).toEqual([
      ['2026-12-01', 'aaaaaaaaaaaaaaa2'],
      ['2026-11-30', 'aaaaaaaaaaaaaaa1'],
    ]);
    expect(counter.take().byOperation).toEqual({ BatchGetItem: 2 });
  });
});

describe('what a feed poll costs', () => {
  it('reads the articles once when cold, and nothing but one keys-only query on a repeat', async () => {
    const app = coldApp();
    counter.take();
    const cold = await get(app, '/feeds/topic/nuclear.atom');
    expect(cold.status).toBe(200);
    expect(checkAtom(cold.body).errors).toEqual([]);
    const coldCost = counter.take();
    // The marker, the entries, and the heads of FEED_ARTICLES articles in two batches.
    expect(coldCost.byOperation).toEqual({ Query: 2, BatchGetItem: 2 });
    expect(coldCost.itemsRead).toEqual({ 'A#': FEED_ARTICLES });

    // A feed reader's repeat with its validators: 304 from the marker alone.
    const repeat = await get(app, '/feeds/topic/nuclear.atom', { 'if-none-match': cold.headers.etag! });
    expect(repeat.status).toBe(304);
    expect(counter.take()).toEqual({ byOperation: { Query: 1 }, itemsRead: {}, total: 1 });

    // A reader without validators is served from memory.
    expect((await get(app, '/feeds/topic/nuclear.atom')).body).toBe(cold.body);
    expect(counter.take()).toEqual({ byOperation: { Query: 1 }, itemsRead: {}, total: 1 });

    // Another, cold instance answers the same validators with 304, reading no article.
    const elsewhere = await get(coldApp(), '/feeds/topic/nuclear.atom', {
      'if-none-match': cold.headers.etag!,
    });
    expect(elsewhere.status).toBe(304);
    expect(counter.take()).toEqual({ byOperation: { Query: 1 }, itemsRead: {}, total: 1 });
  });

  it('reads only the new article when the topic changes', async () => {
    const app = coldApp();
    const before = await get(app, '/feeds/topic/nuclear.atom');
    await store.articles.putNewArticles([
      story({
        id: 'fresh',
        title: 'A fresh nuclear story',
        firstSeenAt: '2026-12-03T14:00:00.000Z',
        topics: [{ id: 'nuclear', score: 1 }],
      }),
    ]);
    counter.take();
    const after = await get(app, '/feeds/topic/nuclear.atom', { 'if-none-match': before.headers.etag! });
    expect(after.status).toBe(200);
    expect(checkAtom(after.body).feed!.entries[0]!.title).toBe('A fresh nuclear story');
    expect(counter.take()).toMatchObject({
      byOperation: { Query: 2, BatchGetItem: 1 },
      itemsRead: { 'A#': 1 },
    });
  });

  it('builds an actor page from its index entries and the heads of its articles, then answers 304', async () => {
    const app = coldApp();
    counter.take();
    const page = await get(app, '/actors/kim-jong-un');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Putin and Kim meet');
    const cost = counter.take();
    expect(cost.byOperation).toEqual({ Query: 2, BatchGetItem: 1 });
    // Kim's 13 nuclear stories of the month and the summit.
    expect(cost.itemsRead['A#']).toBe(14);
    const again = await get(app, '/actors/kim-jong-un', { 'if-none-match': page.headers.etag! });
    expect(again.status).toBe(304);
    expect(counter.take()).toEqual({ byOperation: { Query: 1 }, itemsRead: {}, total: 1 });
  });

  it('answers the digest feed from the edition manifests, reading no article', async () => {
    const app = coldApp();
    counter.take();
    const res = await get(app, '/feeds/digest.atom');
    expect(checkAtom(res.body).feed!.entries.map((e) => e.title)).toEqual([
      'Headline of 2026-12-01',
      'Headline of 2026-11-30',
    ]);
    expect(counter.take()).toMatchObject({ byOperation: { Query: 2, BatchGetItem: 2 } });
    expect((await get(app, '/feeds/digest.atom', { 'if-none-match': res.headers.etag! })).status).toBe(304);
    expect(counter.take()).toEqual({ byOperation: { Query: 1 }, itemsRead: {}, total: 1 });
  });
});

describe('over HTTP', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer({ app: coldApp() });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends validators and answers a conditional GET with an empty 304', async () => {
    const url = `${server.url}/feeds/actor/kim-jong-un.atom`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const body = await first.text();
    expect(checkAtom(body).errors).toEqual([]);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^W\//);
    expect(new Date(lastModified).toString()).not.toBe('Invalid Date');
    const byEtag = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe('');
    const byDate = await fetch(url, { headers: { 'if-modified-since': lastModified } });
    expect(byDate.status).toBe(304);
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
  });
});
