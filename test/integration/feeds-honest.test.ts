/**
 * What feeds send, honest on screen (issue 12 item 9) and binary bodies refused (issue 13 item 6),
 * through the whole ingest path: a loopback feed server, the real fetcher, parser and cleaner, the
 * in-memory store.
 */
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFeeds } from '../../lambdas/feeds/ingest';
import { fixedClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import type { Analysis, Article } from '../../lambdas/shared/types';
import { MemoryArticleStore, MemoryFeedStateStore } from '../../lambdas/store/memory';
import { paragraphs, rss2 } from '../fixtures/feeds/build';
import { send, startServer, type TestServer } from '../fixtures/feeds/server';

const analyze = (): Analysis => ({ actors: [], topics: [] });
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

async function ingest(paths: string[], outlet = (p: string) => `Outlet ${p}`) {
  const store = { articles: new MemoryArticleStore(), feeds: new MemoryFeedStateStore() };
  const report = await ingestFeeds(
    {
      ...store,
      analyze,
      clock: fixedClock('2024-05-02T12:00:00Z'),
      log: silentLog,
      options: { allowPrivateNetwork: true, totalTimeoutMs: 2000, random: () => 0.5 },
    },
    paths.map((p) => ({ url: `${server.url}${p}`, outlet: outlet(p) })),
  );
  const byPath = Object.fromEntries(report.feeds.map((f) => [new URL(f.url).pathname, f]));
  return { byPath, articles: [...store.articles.articles.values()] as Article[] };
}

const body = (seed: string, extra = '') => `${paragraphs(`${seed} opening about the talks`)}\n${extra}`;

describe('ingest shows readers what a link and a title really are', () => {
  it('strips userinfo from item links, so the stored link names the host it goes to', async () => {
    server.routes.set(
      '/userinfo',
      send(
        rss2([
          {
            title: 'Looks like antiwar.com',
            link: 'https://www.antiwar.com@evil.example/story',
            guid: 'u-1',
            html: body('userinfo', '<p>As <a href="https://user:pw@example.net/x">a source</a> put it.</p>'),
          },
        ]),
      ),
    );
    const { articles } = await ingest(['/userinfo']);
    expect(articles).toHaveLength(1);
    expect(articles[0]!.url).toBe('https://evil.example/story');
    expect(articles[0]!.linkDomain).toBe('evil.example');
    expect(articles[0]!.html).toContain('href="https://example.net/x"');
    expect(articles[0]!.html).not.toContain('@');
  });

  it('reduces a title carrying markup to its text and drops bidi overrides from what is shown', async () => {
    server.routes.set(
      '/markup',
      send(
        rss2([
          {
            title: '<script>alert(1)</script>Sanctions on Iran tightened',
            link: 'https://example.org/sanctions',
            guid: 'm-1',
            author: 'Jane\u202e Writer\u200b',
            html: body('markup'),
          },
          {
            title: 'Talks in \u202egnp.exe\u202c Geneva\u2066 resume\u2069',
            link: 'https://example.org/talks',
            guid: 'm-2',
            html: body('bidi', '<p>The envoy\u202e said \u200btalks would go on.</p>'),
          },
        ]),
      ),
    );
    const { articles } = await ingest(['/markup']);
    const byGuid = (g: string) => articles.find((a) => a.itemKey === `guid:${g}`)!;
    expect(byGuid('m-1').title).toBe('Sanctions on Iran tightened');
    expect(byGuid('m-1').author).toBe('Jane Writer');
    expect(byGuid('m-2').title).toBe('Talks in gnp.exe Geneva resume');
    for (const a of articles) {
      for (const field of [a.title, a.author ?? '', a.summary, a.text, a.html]) {
        expect(field).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
      }
    }
    expect(byGuid('m-2').text).toContain('The envoy said talks would go on.');
  });

  it("stores the link's registrable domain only when it leaves the outlet's domain", async () => {
    server.routes.set(
      '/domains',
      send(
        rss2([
          { title: 'On site', link: 'https://news.example.org/a', guid: 'd-1', html: body('on site') },
          { title: 'Wire copy', link: 'https://www.reuters.co.uk/b', guid: 'd-2', html: body('wire copy') },
        ]),
      ),
    );
    const { articles } = await ingest(['/domains']);
    const byTitle = Object.fromEntries(articles.map((a) => [a.title, a]));
    // the fixture feed's site is https://example.org/
    expect(byTitle['On site']!.linkDomain).toBeUndefined();
    expect(byTitle['Wire copy']!.linkDomain).toBe('reuters.co.uk');
  });

  it('drops bidi overrides from outlet names', async () => {
    server.routes.set(
      '/outlet',
      send(rss2([{ title: 'T', link: 'https://example.org/t', guid: 'o', html: body('o') }])),
    );
    const { articles } = await ingest(['/outlet'], () => 'Anti\u202ewar\u200b.com');
    expect(articles[0]!.outlet).toBe('Antiwar.com');
  });
});

describe('ingest refuses binary bodies served as a feed', () => {
  it('classifies gzip without Content-Encoding, a double-compressed body and an image as decode_error', async () => {
    const feed = rss2([{ title: 'Fine', link: 'https://example.org/fine', guid: 'f', html: body('fine') }]);
    server.routes.set('/b/gzip', send(gzipSync(feed), { 'content-type': 'application/rss+xml' }));
    server.routes.set('/b/double', send(gzipSync(gzipSync(feed)), { 'content-encoding': 'gzip' }));
    server.routes.set(
      '/b/brotli',
      send(brotliCompressSync(Buffer.from(feed)), { 'content-type': 'text/xml' }),
    );
    server.routes.set(
      '/b/png',
      send(
        Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512, 7)]),
      ),
    );
    server.routes.set('/b/fine', send(feed));
    const { byPath, articles } = await ingest(['/b/gzip', '/b/double', '/b/brotli', '/b/png', '/b/fine']);
    expect(byPath['/b/gzip']).toMatchObject({ status: 'error', errorKind: 'decode_error' });
    expect(byPath['/b/gzip']!.error).toMatch(
      /gzip-compressed data served as application\/rss\+xml, not a feed/,
    );
    expect(byPath['/b/double']).toMatchObject({ status: 'error', errorKind: 'decode_error' });
    expect(byPath['/b/double']!.error).toMatch(/gzip/);
    expect(byPath['/b/brotli']).toMatchObject({ status: 'error', errorKind: 'decode_error' });
    expect(byPath['/b/png']).toMatchObject({ status: 'error', errorKind: 'decode_error' });
    expect(byPath['/b/png']!.error).toMatch(/PNG/);
    expect(byPath['/b/fine']).toMatchObject({ status: 'fetched', new: 1 });
    expect(articles.map((a) => a.title)).toEqual(['Fine']);
  });
});
