import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type IngestDeps, ingestFeeds } from '../../lambdas/feeds/ingest';
import { fixedClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import type { Analysis, FeedConfig } from '../../lambdas/shared/types';
import { MemoryArticleStore, MemoryFeedStateStore } from '../../lambdas/store/memory';
import type { Store } from '../../lambdas/store/ports';
import {
  atom1,
  atom03,
  encodeSingleByte,
  type FixtureItem,
  rdf,
  rss2,
  utf16le,
  wordpressBody,
} from '../fixtures/feeds/build';
import { send, startServer, type TestServer } from '../fixtures/feeds/server';
import { startLocalDynamo, type TestDynamo } from '../support/local';

const analyze = (): Analysis => ({ actors: [], topics: [] });

function itemsFor(name: string, n: number): FixtureItem[] {
  return Array.from({ length: n }, (_, i) => ({
    title: `${name} story ${i + 1}`,
    link: `https://${name}.example.org/story-${i + 1}/`,
    guid: `${name}-${i + 1}`,
    date: 'Wed, 01 May 2024 10:00:00 GMT',
    html: wordpressBody(
      `${name} ${i + 1} distinct opening about subject ${name}${i}`,
      `https://${name}.example.org/`,
    ),
  }));
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

function depsWith(store: Pick<Store, 'articles' | 'feeds'>, options: IngestDeps['options'] = {}): IngestDeps {
  return {
    articles: store.articles,
    feeds: store.feeds,
    analyze,
    clock: fixedClock('2024-05-02T12:00:00Z'),
    log: silentLog,
    options: {
      allowPrivateNetwork: true,
      totalTimeoutMs: 2000,
      connectTimeoutMs: 1000,
      random: () => 0.5,
      ...options,
    },
  };
}

function memory() {
  return { articles: new MemoryArticleStore(), feeds: new MemoryFeedStateStore() };
}

const feed = (path: string, outlet = path): FeedConfig => ({ url: `${server.url}${path}`, outlet });

describe('ingest over HTTP: charsets and formats', () => {
  const cases: Array<[string, Buffer, string, string]> = [
    [
      '/latin1',
      encodeSingleByte(
        rss2([{ title: 'Grüße aus Köln', link: 'https://e.org/1' }], { encoding: 'ISO-8859-1' }),
        'iso-8859-1',
      ),
      'text/xml',
      'Grüße aus Köln',
    ],
    [
      '/cp1252',
      encodeSingleByte(
        rss2([{ title: '“Peace” – now', link: 'https://e.org/2' }], { encoding: 'windows-1252' }),
        'windows-1252',
      ),
      'text/xml',
      '“Peace” – now',
    ],
    [
      '/cp1251',
      encodeSingleByte(
        rss2([{ title: 'Мир и война', link: 'https://e.org/3' }], { encoding: 'windows-1251' }),
        'windows-1251',
      ),
      'text/xml; charset=windows-1251',
      'Мир и война',
    ],
    [
      '/koi8',
      encodeSingleByte(
        rss2([{ title: 'Переговоры', link: 'https://e.org/4' }], { encoding: 'KOI8-R' }),
        'koi8-r',
      ),
      'text/xml',
      'Переговоры',
    ],
    [
      '/utf16',
      utf16le(rss2([{ title: 'Ελλάδα', link: 'https://e.org/5' }], { encoding: 'UTF-16' })),
      'text/xml',
      'Ελλάδα',
    ],
    [
      '/fake-latin1',
      Buffer.from(rss2([{ title: 'Zürich – “talks”', link: 'https://e.org/6' }], { encoding: 'ISO-8859-1' })),
      'text/xml; charset=iso-8859-1',
      'Zürich – “talks”',
    ],
    [
      '/rdf',
      Buffer.from(rdf([{ title: 'RDF item', link: 'https://e.org/7', html: '<p>x</p>' }])),
      'application/rdf+xml',
      'RDF item',
    ],
    [
      '/atom03',
      Buffer.from(atom03([{ title: 'Old atom', link: 'https://e.org/8', html: '<p>x</p>' }])),
      'application/atom+xml',
      'Old atom',
    ],
    [
      '/atom1',
      Buffer.from(atom1([{ title: 'Tom & Jerry <i>talk</i>', link: 'https://e.org/9', html: '<p>x</p>' }])),
      'application/atom+xml',
      'Tom & Jerry talk',
    ],
    [
      '/noversion',
      Buffer.from(rss2([{ title: 'No version', link: 'https://e.org/10' }], { version: null })),
      'text/xml',
      'No version',
    ],
  ];

  for (const [path, body, type, title] of cases) {
    it(`stores the right title for ${path}`, async () => {
      server.routes.set(path, send(body, { 'content-type': type }));
      const store = memory();
      const report = await ingestFeeds(depsWith(store), [feed(path)]);
      expect(report.feeds[0]).toMatchObject({ status: 'fetched', new: 1 });
      expect([...store.articles.articles.values()][0]!.title).toBe(title);
    });
  }
});

describe('ingest over HTTP: hostile feeds in one pass', () => {
  it('classifies every hostile feed and still ingests the good ones', async () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024));
    const routes: Record<string, Parameters<typeof server.routes.set>[1]> = {
      '/h/good': send(rss2(itemsFor('good', 3))),
      '/h/pathological': send(
        rss2([{ title: 'P', link: 'https://e.org/p' }]).replace(
          '<description><![CDATA[]]></description>',
          `<description>${'&lt;a '.repeat(40_000)}</description>`,
        ),
      ),
      '/h/laughs': send(
        `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title><item><title>&b;</title></item></channel></rss>`,
      ),
      '/h/xxe': send(
        `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>t</title><item><title>&x;</title><link>https://e.org/x</link></item></channel></rss>`,
      ),
      '/h/bomb': send(bomb, { 'content-encoding': 'gzip' }),
      '/h/loop': send('', { location: '/h/loop' }, 302),
      '/h/gone': send('', {}, 410),
      '/h/limited': send('', { 'retry-after': '3600' }, 429),
      '/h/html': send('<!doctype html><html><body>Not a feed</body></html>', { 'content-type': 'text/html' }),
      '/h/liar': send('<rss/>', { 'content-encoding': 'br' }),
      '/h/collide': send(rss2(itemsFor('collide', 4).map((i) => ({ ...i, guid: 'same' })))),
    };
    for (const [p, h] of Object.entries(routes)) server.routes.set(p, h);
    const store = memory();
    const report = await ingestFeeds(
      depsWith(store, { maxBodyBytes: 4 * 1024 * 1024 }),
      Object.keys(routes).map((p) => feed(p)),
    );
    const byPath = Object.fromEntries(report.feeds.map((f) => [new URL(f.url).pathname, f]));
    expect(byPath['/h/good']).toMatchObject({ status: 'fetched', new: 3 });
    expect(['fetched', 'error']).toContain(byPath['/h/pathological']!.status);
    expect(byPath['/h/laughs']).toMatchObject({ status: 'error', errorKind: 'parse_error' });
    expect(byPath['/h/xxe']).toMatchObject({ status: 'error', errorKind: 'parse_error' });
    expect(byPath['/h/bomb']).toMatchObject({ status: 'error', errorKind: 'too_large' });
    expect(byPath['/h/loop']).toMatchObject({ status: 'error', errorKind: 'too_many_redirects' });
    expect(byPath['/h/gone']).toMatchObject({ status: 'error', errorKind: 'gone' });
    expect(byPath['/h/limited']).toMatchObject({ status: 'error', errorKind: 'rate_limited' });
    expect(byPath['/h/html']).toMatchObject({ status: 'error', errorKind: 'parse_error' });
    expect(byPath['/h/liar']).toMatchObject({ status: 'error', errorKind: 'decode_error' });
    expect(byPath['/h/collide']).toMatchObject({ status: 'fetched', new: 4 });
    expect((await store.feeds.get(feed('/h/gone').url))!.disabled).toBe(true);
    const limited = (await store.feeds.get(feed('/h/limited').url))!;
    expect(limited.nextAttemptAt).toBe('2024-05-02T13:00:00.000Z');
    expect(JSON.stringify([...store.articles.articles.values()])).not.toContain('root:');
  });

  it('finishes a pass over 50 feeds of which one hangs and one drips, the others all fetched', async () => {
    server.routes.set('/p/hang', () => {});
    server.routes.set('/p/drip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const t = setInterval(() => res.write(' '), 300);
      res.on('close', () => clearInterval(t));
    });
    const feeds: FeedConfig[] = [feed('/p/hang'), feed('/p/drip')];
    for (let i = 0; i < 48; i++) {
      server.routes.set(`/p/${i}`, send(rss2(itemsFor(`f${i}`, 2))));
      feeds.push(feed(`/p/${i}`));
    }
    const report = await ingestFeeds(depsWith(memory(), { totalTimeoutMs: 1500 }), feeds);
    expect(report.feeds.slice(0, 2).map((f) => f.errorKind)).toEqual(['timeout', 'timeout']);
    expect(report.feeds.slice(2).every((f) => f.status === 'fetched')).toBe(true);
    expect(report.articles.new).toBe(96);
  });

  it('refuses the loopback server when the private network is not allowed', async () => {
    server.routes.set('/ssrf', send(rss2(itemsFor('s', 1))));
    const before = server.connections;
    const report = await ingestFeeds(depsWith(memory(), { allowPrivateNetwork: false }), [feed('/ssrf')]);
    expect(report.feeds[0]).toMatchObject({ status: 'error', errorKind: 'blocked_address' });
    expect(server.connections).toBe(before);
  });
});

describe('ingest into DynamoDB (dynalite)', () => {
  let dynamo: TestDynamo;
  beforeAll(async () => {
    dynamo = await startLocalDynamo();
  });
  afterAll(async () => {
    await dynamo?.stop();
  });
  beforeEach(() => {
    server.routes.clear();
  });

  // Article writes are batched without conditions: in production one worker at a time talks to a
  // host (the FIFO queue's message group), so two workers on one feed only happen here. They may
  // both count an item as new, but they store one article per item, and a later pass adds nothing.
  it('stores exactly one article per item when the feed is fetched twice and by two workers at once', async () => {
    server.routes.set('/d/feed', send(rss2(itemsFor('dyn', 5))));
    const f = feed('/d/feed', 'Dyn');
    const [a, b] = await Promise.all([
      ingestFeeds(depsWith(dynamo.store), [f], { force: true }),
      ingestFeeds(depsWith(dynamo.store), [f], { force: true }),
    ]);
    expect(a.articles.new + b.articles.new).toBeGreaterThanOrEqual(5);
    const again = await ingestFeeds(depsWith(dynamo.store), [f], { force: true });
    expect(again.articles).toEqual({ new: 0, updated: 0 });
    const stored = await dynamo.store.articles.listFirstSeenBetween(
      '2024-05-01T00:00:00Z',
      '2024-05-03T00:00:00Z',
    );
    expect(stored.filter((x) => x.feedUrl === f.url)).toHaveLength(5);
  });

  it('keeps validators in the table so a fresh run sends them and a 304 writes no article', async () => {
    let conditional = 0;
    server.routes.set('/d/etag', (req, res) => {
      if (req.headers['if-none-match'] === '"e1"') {
        conditional++;
        res.writeHead(304, { etag: '"e1"' });
        res.end();
        return;
      }
      send(rss2(itemsFor('etag', 2)), { etag: '"e1"' })(req, res);
    });
    const f = feed('/d/etag', 'Etag');
    await ingestFeeds(depsWith(dynamo.store), [f]);
    const clock = fixedClock('2024-05-02T13:00:00Z');
    const report = await ingestFeeds({ ...depsWith(dynamo.store), clock }, [f]);
    expect(report.feeds[0]!.status).toBe('not_modified');
    expect(conditional).toBe(1);
    const state = await dynamo.store.feeds.get(f.url);
    expect(state).toMatchObject({ etag: '"e1"', lastStatus: 'not_modified', consecutiveErrors: 0 });
  });

  it('updates a changed article in DynamoDB without making it new', async () => {
    const list = itemsFor('upd', 1);
    server.routes.set('/d/upd', send(rss2(list)));
    const f = feed('/d/upd', 'Upd');
    await ingestFeeds(depsWith(dynamo.store), [f]);
    list[0]!.html = `<p>Update: the talks collapsed late on Wednesday.</p>${list[0]!.html}`;
    server.routes.set('/d/upd', send(rss2(list)));
    const report = await ingestFeeds(depsWith(dynamo.store), [f], { force: true });
    expect(report.articles).toEqual({ new: 0, updated: 1 });
  });
});
