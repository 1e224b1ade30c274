import { beforeEach, describe, expect, it } from 'vitest';
import { FeedFetchError } from '../../../lambdas/feeds/errors';
import type { FeedFetcher, FetchResult, Validators } from '../../../lambdas/feeds/fetch';
import { checkFeed, type IngestDeps, ingestFeeds } from '../../../lambdas/feeds/ingest';
import { fixedClock } from '../../../lambdas/shared/clock';
import { silentLog } from '../../../lambdas/shared/log';
import type { Analysis, FeedConfig } from '../../../lambdas/shared/types';
import { MemoryArticleStore, MemoryFeedStateStore } from '../../../lambdas/store/memory';
import { type FixtureItem, paragraphs, rss2, wordpressBody } from '../../fixtures/feeds/build';

type Route = (validators: Validators | undefined) => FetchResult | Promise<FetchResult>;

/** A fetcher answering from a table of routes, recording each request. */
function fakeFetcher(routes: Map<string, Route>) {
  const calls: { url: string; validators: Validators | undefined }[] = [];
  const fetcher: FeedFetcher = {
    async fetch(url, validators) {
      calls.push({ url, validators });
      const r = routes.get(url);
      if (!r) throw new FeedFetchError('network', `no route for ${url}`);
      return r(validators);
    },
    async close() {},
  };
  return { fetcher, calls };
}

function ok(
  url: string,
  body: string,
  extra: Partial<Extract<FetchResult, { status: 'fetched' }>> = {},
): FetchResult {
  return {
    status: 'fetched',
    url,
    httpStatus: 200,
    body: Buffer.from(body),
    hops: [{ url, status: 200 }],
    ...extra,
  };
}

/** Counts store calls, to check what a pass costs. */
function counting<T extends object>(target: T, counts: Map<string, number>): T {
  return new Proxy(target, {
    get(t, prop, recv) {
      const v = Reflect.get(t, prop, recv);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        counts.set(String(prop), (counts.get(String(prop)) ?? 0) + 1);
        return v.apply(t, args);
      };
    },
  });
}

const analyze = (): Analysis => ({ actors: [], topics: [{ id: 'diplomacy', score: 1 }] });
const FEED: FeedConfig = { url: 'https://news.example.org/feed/', outlet: 'Example News' };

function items(n: number, prefix = 'Story'): FixtureItem[] {
  return Array.from({ length: n }, (_, i) => ({
    title: `${prefix} ${i + 1}`,
    link: `https://news.example.org/2024/05/0${(i % 9) + 1}/${prefix.toLowerCase()}-${i + 1}/?utm_source=rss`,
    guid: `https://news.example.org/?p=${prefix}${i + 1}`,
    date: 'Wed, 01 May 2024 10:00:00 GMT',
    html: wordpressBody(`${prefix} ${i + 1} unique words ${prefix}${i}`, `https://news.example.org/${i}`),
  }));
}

describe('ingestFeeds', () => {
  let articles: MemoryArticleStore;
  let feeds: MemoryFeedStateStore;
  let clock: ReturnType<typeof fixedClock>;
  let counts: Map<string, number>;

  beforeEach(() => {
    articles = new MemoryArticleStore();
    feeds = new MemoryFeedStateStore();
    clock = fixedClock('2024-05-02T12:00:00Z');
    counts = new Map();
  });

  const deps = (fetcher: FeedFetcher, options: IngestDeps['options'] = {}): IngestDeps => ({
    articles: counting(articles, counts),
    feeds: counting(feeds, counts),
    analyze,
    clock,
    log: silentLog,
    fetcher,
    options: { random: () => 0.5, ...options },
  });

  it('groups articles into the same stories at any concurrency, when feeds republish each other', async () => {
    // Six outlets; each runs two items of its own and republishes two shared wire stories (the same
    // canonical links). Responses arrive in a different order depending on the concurrency.
    const WORDS = (
      'army border budget cabinet ceasefire convoy drone embassy envoy frigate harbor militia pipeline ' +
      'refinery senate summit tanker treaty tribunal village airbase barracks corridor detainee garrison ' +
      'hostage insurgent mandate navy outpost parliament ration sniper strait trench visa'
    ).split(' ');
    // Distinct prose per item (a seeded pseudo-random draw), so only a shared link joins two articles.
    const prose = (seed: number) => {
      let x = seed;
      const next = () => {
        x = (x * 1103515245 + 12345) % 2147483648;
        return x;
      };
      return `<p>${Array.from({ length: 40 }, () => WORDS[next() % WORDS.length]).join(' ')}.</p>`;
    };
    const own = (i: number, n: number): FixtureItem => ({
      title: `Outlet ${i} report ${n}`,
      link: `https://outlet${i}.example.org/2024/05/01/report-${n}/`,
      date: 'Wed, 01 May 2024 10:00:00 GMT',
      html: prose(i * 10 + n),
    });
    const shared = (n: number): FixtureItem => ({
      title: `Wire story ${n}`,
      link: `https://wire.example.org/2024/05/01/wire-${n}/`,
      date: 'Wed, 01 May 2024 09:00:00 GMT',
      html: prose(100 + n),
    });
    const outlets: FeedConfig[] = Array.from({ length: 6 }, (_, i) => ({
      url: `https://outlet${i}.example.org/feed/`,
      outlet: `Outlet ${i}`,
    }));
    const partition = async (concurrency: number) => {
      articles = new MemoryArticleStore();
      feeds = new MemoryFeedStateStore();
      const routes = new Map<string, Route>(
        outlets.map((f, i) => [
          f.url,
          async () => {
            // At 50, every feed answers at once: all read the store before any of them writes.
            if (concurrency < 50) await new Promise((r) => setTimeout(r, ((i * 7 + concurrency) % 5) * 3));
            return ok(f.url, rss2([own(i, 1), own(i, 2), shared(1), shared(2)]));
          },
        ]),
      );
      const { fetcher } = fakeFetcher(routes);
      const report = await ingestFeeds(deps(fetcher, { concurrency }), outlets);
      expect(report.articles.new).toBe(24);
      const byStory = new Map<string, string[]>();
      for (const a of articles.articles.values())
        byStory.set(a.storyId, [...(byStory.get(a.storyId) ?? []), a.url]);
      return [...byStory.values()].map((urls) => urls.sort().join(' ')).sort();
    };
    const one = await partition(1);
    expect(one.filter((g) => g.includes('wire.example.org'))).toEqual([
      Array(6).fill('https://wire.example.org/2024/05/01/wire-1/').join(' '),
      Array(6).fill('https://wire.example.org/2024/05/01/wire-2/').join(' '),
    ]);
    expect(await partition(6)).toEqual(one);
    expect(await partition(50)).toEqual(one);
  });

  it('creates one cleaned article per item and reports the CLI shape', async () => {
    const { fetcher } = fakeFetcher(new Map([[FEED.url, () => ok(FEED.url, rss2(items(3)))]]));
    const report = await ingestFeeds(deps(fetcher), [FEED]);
    expect(report).toEqual({
      feeds: [
        { url: FEED.url, outlet: 'Example News', status: 'fetched', items: 3, new: 3, updated: 0, ms: 0 },
      ],
      articles: { new: 3, updated: 0 },
    });
    const stored = [...articles.articles.values()];
    expect(stored).toHaveLength(3);
    const a = stored.find((x) => x.title === 'Story 1')!;
    expect(a.url).toBe('https://news.example.org/2024/05/01/story-1/');
    expect(a.text).not.toContain('appeared first on');
    expect(a.text).not.toContain('reader1');
    expect(a.publishedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(a.topics).toEqual([{ id: 'diplomacy', score: 1 }]);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("gives analysis the feed's outlet, so an article naming its own outlet names a body", async () => {
    const { fetcher } = fakeFetcher(new Map([[FEED.url, () => ok(FEED.url, rss2(items(2)))]]));
    const seen: Array<string | undefined> = [];
    const spy = (input: { title: string; text: string; outlet?: string }): Analysis => {
      seen.push(input.outlet);
      return analyze();
    };
    await ingestFeeds({ ...deps(fetcher), analyze: spy }, [FEED]);
    expect(seen).toEqual(['Example News', 'Example News']);
  });

  it('writes no article and one feed state when the same feed is fetched again unchanged', async () => {
    const { fetcher } = fakeFetcher(new Map([[FEED.url, () => ok(FEED.url, rss2(items(3)))]]));
    await ingestFeeds(deps(fetcher), [FEED]);
    counts.clear();
    const report = await ingestFeeds(deps(fetcher), [FEED], { force: true });
    expect(report.articles).toEqual({ new: 0, updated: 0 });
    expect(counts.get('putNewArticles') ?? 0).toBe(0);
    expect(counts.get('putUpdatedArticles') ?? 0).toBe(0);
    expect(counts.get('put')).toBe(1);
    expect(counts.get('lookup')).toBe(1);
  });

  it('updates a changed item in place, keeping its id, publishedAt and firstSeenAt', async () => {
    let body = rss2(items(1));
    const { fetcher } = fakeFetcher(new Map([[FEED.url, () => ok(FEED.url, body)]]));
    await ingestFeeds(deps(fetcher), [FEED]);
    const before = [...articles.articles.values()][0]!;
    const changed = items(1);
    changed[0]!.html = `<p>Correction appended.</p>${changed[0]!.html}`;
    changed[0]!.date = 'Thu, 02 May 2024 09:00:00 GMT';
    body = rss2(changed);
    clock.advance(3_600_000);
    const report = await ingestFeeds(deps(fetcher), [FEED], { force: true });
    expect(report.articles).toEqual({ new: 0, updated: 1 });
    const after = articles.articles.get(before.id)!;
    expect(after.text).toContain('Correction appended.');
    expect(after.contentHash).not.toBe(before.contentHash);
    expect(after.publishedAt).toBe(before.publishedAt);
    expect(after.firstSeenAt).toBe(before.firstSeenAt);
    expect(after.updatedAt).toBe('2024-05-02T13:00:00.000Z');
  });

  it('yields one article per link when every item shares one guid', async () => {
    const list = items(3).map((i) => ({ ...i, guid: 'same-guid' }));
    const { fetcher } = fakeFetcher(new Map([[FEED.url, () => ok(FEED.url, rss2(list))]]));
    const report = await ingestFeeds(deps(fetcher), [FEED]);
    expect(report.articles.new).toBe(3);
    expect(new Set([...articles.articles.values()].map((a) => a.itemKey)).size).toBe(3);
  });

  it('uses the fetch time for items without a date or with a future date', async () => {
    const list = items(2);
    delete list[0]!.date;
    list[1]!.date = 'Fri, 01 Jan 2100 00:00:00 GMT';
    const { fetcher } = fakeFetcher(new Map([[FEED.url, () => ok(FEED.url, rss2(list))]]));
    await ingestFeeds(deps(fetcher), [FEED]);
    for (const a of articles.articles.values()) {
      expect(a.publishedAt).toBe('2024-05-02T12:00:00.000Z');
      expect(a.firstSeenAt).toBe('2024-05-02T12:00:00.000Z');
    }
  });

  it('does not bring back as new an item whose article expired but whose seen-key remains', async () => {
    const { fetcher } = fakeFetcher(new Map([[FEED.url, () => ok(FEED.url, rss2(items(1)))]]));
    await ingestFeeds(deps(fetcher), [FEED]);
    articles.articles.clear(); // TTL removed the article, not its seen-key
    const report = await ingestFeeds(deps(fetcher), [FEED], { force: true });
    expect(report.articles).toEqual({ new: 0, updated: 0 });
    expect(articles.articles.size).toBe(0);
  });

  it('processes at most maxItemsPerFeed items', async () => {
    const { fetcher } = fakeFetcher(new Map([[FEED.url, () => ok(FEED.url, rss2(items(12)))]]));
    const report = await ingestFeeds(deps(fetcher, { maxItemsPerFeed: 5 }), [FEED]);
    expect(report.feeds[0]!.items).toBe(5);
    expect(articles.articles.size).toBe(5);
  });

  it('skips a feed that is not due and fetches it when forced', async () => {
    const { fetcher, calls } = fakeFetcher(new Map([[FEED.url, () => ok(FEED.url, rss2(items(1)))]]));
    await ingestFeeds(deps(fetcher), [FEED]);
    const again = await ingestFeeds(deps(fetcher), [FEED]);
    expect(again.feeds[0]!.status).toBe('skipped');
    expect(calls).toHaveLength(1);
    await ingestFeeds(deps(fetcher), [FEED], { force: true });
    expect(calls).toHaveLength(2);
  });

  it('sends stored validators, and none once 12 hours passed since the last unconditional GET', async () => {
    const { fetcher, calls } = fakeFetcher(
      new Map([
        [
          FEED.url,
          () => ok(FEED.url, rss2(items(1)), { etag: '"v1"', lastModified: 'Wed, 01 May 2024 10:00:00 GMT' }),
        ],
      ]),
    );
    await ingestFeeds(deps(fetcher), [FEED]);
    clock.advance(3_600_000);
    await ingestFeeds(deps(fetcher), [FEED]);
    clock.advance(12 * 3_600_000);
    await ingestFeeds(deps(fetcher), [FEED]);
    expect(calls.map((c) => c.validators)).toEqual([
      undefined,
      { etag: '"v1"', lastModified: 'Wed, 01 May 2024 10:00:00 GMT' },
      undefined,
    ]);
  });

  it('costs no parse and no article access on a 304, and keeps the validators', async () => {
    await feeds.put({
      url: FEED.url,
      outlet: FEED.outlet,
      etag: '"v1"',
      consecutiveErrors: 0,
      nextAttemptAt: '2024-05-02T11:00:00.000Z',
      lastUnconditionalAt: '2024-05-02T10:00:00.000Z',
    });
    counts.clear();
    const { fetcher } = fakeFetcher(
      new Map([
        [
          FEED.url,
          () => ({ status: 'not_modified', url: FEED.url, httpStatus: 304, hops: [] }) as FetchResult,
        ],
      ]),
    );
    const report = await ingestFeeds(deps(fetcher), [FEED]);
    expect(report.feeds[0]!.status).toBe('not_modified');
    expect([...counts.keys()].sort()).toEqual(['getMany', 'put']);
    expect(counts.get('put')).toBe(1);
    expect((await feeds.get(FEED.url))!.etag).toBe('"v1"');
  });

  it('goes on with the other feeds when one fails, and records the failure with a backoff', async () => {
    const bad: FeedConfig = { url: 'https://broken.example.net/feed', outlet: 'Broken' };
    const { fetcher } = fakeFetcher(
      new Map<string, Route>([
        [bad.url, () => Promise.reject(new FeedFetchError('timeout', 'too slow'))],
        [FEED.url, () => ok(FEED.url, rss2(items(2)))],
      ]),
    );
    const report = await ingestFeeds(deps(fetcher), [bad, FEED]);
    expect(report.feeds.map((f) => [f.status, f.errorKind])).toEqual([
      ['error', 'timeout'],
      ['fetched', undefined],
    ]);
    const s = (await feeds.get(bad.url))!;
    expect(s.consecutiveErrors).toBe(1);
    expect(s.lastErrorKind).toBe('timeout');
    // base 30 min, jitter centred by random() = 0.5
    expect(s.nextAttemptAt).toBe('2024-05-02T12:30:00.000Z');
  });

  it('reports a parse error for a body that is not a feed', async () => {
    const { fetcher } = fakeFetcher(
      new Map([[FEED.url, () => ok(FEED.url, '<html><body>hello</body></html>')]]),
    );
    const report = await ingestFeeds(deps(fetcher), [FEED]);
    expect(report.feeds[0]).toMatchObject({ status: 'error', errorKind: 'parse_error' });
  });

  it('disables a feed answering 410 and counts an operator metric', async () => {
    const metrics: string[] = [];
    const { fetcher } = fakeFetcher(
      new Map([
        [FEED.url, () => Promise.reject(new FeedFetchError('gone', 'HTTP 410', { httpStatus: 410 }))],
      ]),
    );
    await ingestFeeds({ ...deps(fetcher), metrics: { count: (n) => metrics.push(n) } }, [FEED]);
    const s = (await feeds.get(FEED.url))!;
    expect(s.disabled).toBe(true);
    expect(metrics).toContain('FeedGone');
    const next = await ingestFeeds(deps(fetcher), [FEED]);
    expect(next.feeds[0]!.status).toBe('skipped');
  });

  it('waits for Retry-After after a 429', async () => {
    const { fetcher } = fakeFetcher(
      new Map([
        [
          FEED.url,
          () =>
            Promise.reject(
              new FeedFetchError('rate_limited', 'HTTP 429', { httpStatus: 429, retryAfterMs: 7_200_000 }),
            ),
        ],
      ]),
    );
    await ingestFeeds(deps(fetcher), [FEED]);
    expect((await feeds.get(FEED.url))!.nextAttemptAt).toBe('2024-05-02T14:00:00.000Z');
  });

  it('moves to a permanent redirect target only after seeing it on three runs', async () => {
    const moved = 'https://new.example.org/feed/';
    const { fetcher, calls } = fakeFetcher(
      new Map<string, Route>([
        [FEED.url, () => ok(moved, rss2(items(1)), { permanentRedirect: moved })],
        [moved, () => ok(moved, rss2(items(1)))],
      ]),
    );
    for (let i = 0; i < 4; i++) await ingestFeeds(deps(fetcher), [FEED], { force: true });
    expect(calls.map((c) => c.url)).toEqual([FEED.url, FEED.url, FEED.url, moved]);
    expect(articles.articles.size).toBe(1);
  });

  it('gives the same story id to the same link in two feeds', async () => {
    const other: FeedConfig = { url: 'https://mirror.example.com/feed', outlet: 'Mirror' };
    const list = items(1);
    const { fetcher } = fakeFetcher(
      new Map([
        [FEED.url, () => ok(FEED.url, rss2(list))],
        [other.url, () => ok(other.url, rss2(list.map((i) => ({ ...i, guid: 'mirror-1' }))))],
      ]),
    );
    await ingestFeeds(deps(fetcher, { concurrency: 1 }), [FEED, other]);
    const stored = [...articles.articles.values()];
    expect(stored).toHaveLength(2);
    expect(stored[0]!.storyId).toBe(stored[1]!.storyId);
  });

  it('gives the same story id to a republication under another link and title', async () => {
    const other: FeedConfig = { url: 'https://republisher.example.com/feed', outlet: 'Republisher' };
    const original: FixtureItem = {
      title: 'Talks resume',
      link: 'https://news.example.org/talks-resume/',
      html: paragraphs('Negotiators returned to Doha'),
    };
    const copy: FixtureItem = {
      ...original,
      title: 'Talks Resume in Doha',
      link: 'https://republisher.example.com/talks/',
    };
    const { fetcher } = fakeFetcher(
      new Map([
        [FEED.url, () => ok(FEED.url, rss2([original]))],
        [other.url, () => ok(other.url, rss2([copy]))],
      ]),
    );
    await ingestFeeds(deps(fetcher), [FEED]);
    clock.advance(86_400_000);
    await ingestFeeds(deps(fetcher), [other]);
    const [a, b] = [...articles.articles.values()];
    expect(a!.id).not.toBe(b!.id);
    expect(b!.storyId).toBe(a!.storyId);
  });

  it('keeps different stories apart', async () => {
    const list: FixtureItem[] = [
      { title: 'A', link: 'https://news.example.org/a/', html: paragraphs('Negotiators returned to Doha') },
      {
        title: 'B',
        link: 'https://news.example.org/b/',
        html: '<p>The parliament of Norway approved a budget for fisheries research and coastal ferries, with a debate on salmon farming taxes lasting six hours before the final vote late on Friday evening in Oslo.</p>',
      },
    ];
    const { fetcher } = fakeFetcher(new Map([[FEED.url, () => ok(FEED.url, rss2(list))]]));
    await ingestFeeds(deps(fetcher), [FEED]);
    const [a, b] = [...articles.articles.values()];
    expect(a!.storyId).not.toBe(b!.storyId);
  });

  it('refuses a feed list with a non-http URL', async () => {
    const { fetcher } = fakeFetcher(new Map());
    await expect(ingestFeeds(deps(fetcher), [{ url: 'file:///etc/passwd', outlet: 'x' }])).rejects.toThrow(
      /http or https/,
    );
  });
});

describe('checkFeed', () => {
  it('returns what would be stored and stores nothing', async () => {
    const { fetcher } = fakeFetcher(new Map([[FEED.url, () => ok(FEED.url, rss2(items(2)))]]));
    const r = await checkFeed(
      { analyze, clock: fixedClock('2024-05-02T12:00:00Z'), log: silentLog, fetcher },
      FEED.url,
    );
    expect(r.status).toBe('fetched');
    expect(r.format).toBe('rss');
    expect(r.items.map((i) => i.title)).toEqual(['Story 1', 'Story 2']);
    expect(r.items[0]!.summary).toContain('Story 1 unique words');
  });

  it('says why when the feed cannot be read', async () => {
    const { fetcher } = fakeFetcher(new Map());
    const r = await checkFeed(
      { analyze, clock: fixedClock('2024-05-02T12:00:00Z'), log: silentLog, fetcher },
      FEED.url,
    );
    expect(r).toMatchObject({ status: 'error', errorKind: 'network', items: [] });
  });
});
