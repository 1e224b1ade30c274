import { describe, expect, it } from 'vitest';
import type { FeedFetcher } from '../../../lambdas/feeds/fetch';
import type { IngestDeps } from '../../../lambdas/feeds/ingest';
import {
  cachingRecentArticles,
  countingClusters,
  type FeedWork,
  hostGroup,
  ingestBatch,
  ingestCounts,
  planIngestion,
} from '../../../lambdas/feeds/plan';
import { InMemoryWorkQueue } from '../../../lambdas/queue/memory-work-queue';
import type { ReceivedMessage } from '../../../lambdas/queue/ports';
import { fixedClock } from '../../../lambdas/shared/clock';
import { silentLog } from '../../../lambdas/shared/log';
import type { FeedConfig, FeedState } from '../../../lambdas/shared/types';
import { createMemoryStore } from '../../../lambdas/store/memory';

const NOW = '2024-05-02T12:00:00.000Z';
const feed = (url: string): FeedConfig => ({ url, outlet: new URL(url).host });
const state = (url: string, nextAttemptAt: string, extra: Partial<FeedState> = {}): FeedState => ({
  url,
  outlet: 'x',
  consecutiveErrors: 0,
  nextAttemptAt,
  ...extra,
});

function planner() {
  const store = createMemoryStore();
  const queue = new InMemoryWorkQueue<FeedWork>({ fifo: true });
  const deps = { feeds: store.feeds, queue, clock: fixedClock(NOW), log: silentLog };
  return { store, queue, deps };
}

async function drain(queue: InMemoryWorkQueue<FeedWork>): Promise<ReceivedMessage<FeedWork>[]> {
  const out: ReceivedMessage<FeedWork>[] = [];
  await queue.consume(
    async (batch) => {
      out.push(...batch);
      return { failedIds: [] };
    },
    { batchSize: 10, maxConcurrency: 1, maxReceiveCount: 1 },
  );
  return out;
}

describe('planIngestion', () => {
  it('enqueues the due feeds and the configured feeds never fetched, and no others', async () => {
    const { store, queue, deps } = planner();
    const configured = ['a', 'b', 'c', 'd'].map((h) => feed(`https://${h}.example.org/feed`));
    await store.feeds.put(state(configured[0]!.url, '2024-05-02T11:00:00.000Z'));
    await store.feeds.put(state(configured[1]!.url, '2024-05-02T13:00:00.000Z')); // not due
    await store.feeds.put(state(configured[2]!.url, '2024-05-02T11:00:00.000Z', { disabled: true }));
    const plan = await planIngestion(deps, configured, 'run-1');
    const urls = (await drain(queue)).map((m) => m.body.url).sort();
    expect(urls).toEqual([configured[0]!.url, configured[3]!.url]);
    expect(plan).toMatchObject({ due: 1, new: 1, unconfigured: 0, enqueued: 2 });
  });

  it('plans a feed that falls due within the horizon, so a run a few seconds early does not skip it', async () => {
    const { store, queue, deps } = planner();
    const f = feed('https://a.example.org/feed');
    await store.feeds.put(state(f.url, '2024-05-02T12:00:05.000Z'));
    await planIngestion(deps, [f], 'run-1');
    const [m] = await drain(queue);
    expect(m?.body).toEqual({
      url: f.url,
      outlet: f.outlet,
      runId: 'run-1',
      dueBy: '2024-05-02T12:05:00.000Z',
    });
  });

  it('does not plan a due feed that was removed from the configuration', async () => {
    const { store, queue, deps } = planner();
    await store.feeds.put(state('https://gone.example.org/feed', '2024-05-02T11:00:00.000Z'));
    const plan = await planIngestion(deps, [feed('https://a.example.org/feed')], 'run-1');
    expect(plan.unconfigured).toBe(1);
    expect((await drain(queue)).map((m) => m.body.url)).toEqual(['https://a.example.org/feed']);
  });

  it('groups the messages by host and enqueues nothing twice when the planner is retried', async () => {
    const { queue, deps } = planner();
    const configured = [
      feed('https://A.example.org/one'),
      feed('https://a.example.org/two'),
      feed('https://b.example.org/one'),
    ];
    const first = await planIngestion(deps, configured, 'run-1');
    const retry = await planIngestion(deps, configured, 'run-1');
    const messages = await drain(queue);
    expect(first).toMatchObject({ enqueued: 3, hosts: 2 });
    expect(retry.enqueued).toBe(0);
    expect(messages.map((m) => m.groupId)).toEqual(['a.example.org', 'a.example.org', 'b.example.org']);
  });

  it("keeps group ids within SQS's 128 characters for a very long host name", () => {
    const host = `${'x'.repeat(60)}.${'y'.repeat(60)}.example.org`;
    expect(hostGroup(`https://${host}/feed`)).toHaveLength(64);
  });
});

const RSS = (host: string) =>
  Buffer.from(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${host}</title><link>https://${host}/</link>` +
      `<item><title>Story on ${host}</title><link>https://${host}/story-1</link><guid>${host}-1</guid>` +
      `<description>Something happened at ${host} today.</description></item></channel></rss>`,
  );

function worker(opts: { failFetch?: Set<string>; failWrites?: boolean } = {}) {
  const store = createMemoryStore();
  const fetched: string[] = [];
  const fetcher: FeedFetcher = {
    async fetch(url) {
      fetched.push(url);
      if (opts.failFetch?.has(url))
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return { status: 'fetched', url, httpStatus: 200, body: RSS(new URL(url).host), hops: [] };
    },
    async close() {},
  };
  const feeds = opts.failWrites
    ? {
        ...store.feeds,
        getMany: store.feeds.getMany.bind(store.feeds),
        put: async () => {
          throw new Error('ProvisionedThroughputExceededException');
        },
      }
    : store.feeds;
  const deps: IngestDeps = {
    articles: store.articles,
    feeds: feeds as IngestDeps['feeds'],
    analyze: () => ({ actors: [], topics: [] }),
    clock: fixedClock(NOW),
    log: silentLog,
    fetcher,
    options: { random: () => 0.5 },
  };
  return { store, deps, fetched };
}

const message = (id: string, url: string, dueBy = NOW): ReceivedMessage<unknown> => ({
  id,
  body: { url, outlet: new URL(url).host, runId: 'run-1', dueBy },
  receiveCount: 1,
});

describe('ingestBatch', () => {
  it('ingests every feed of the batch and reports no failure when all were stored', async () => {
    const { store, deps } = worker();
    const result = await ingestBatch(deps, [
      message('m1', 'https://a.example.org/feed'),
      message('m2', 'https://b.example.org/feed'),
    ]);
    expect(result.failedIds).toEqual([]);
    expect(result.report.articles.new).toBe(2);
    expect((await store.feeds.list()).map((s) => s.lastStatus)).toEqual(['fetched', 'fetched']);
  });

  it('does not retry a message whose feed failed: the feed state holds the backoff', async () => {
    const url = 'https://down.example.org/feed';
    const { store, deps } = worker({ failFetch: new Set([url]) });
    const result = await ingestBatch(deps, [message('m1', url)]);
    expect(result.failedIds).toEqual([]);
    expect(ingestCounts(result.report)).toMatchObject({ attempted: 1, failed: 1 });
    expect((await store.feeds.get(url))?.consecutiveErrors).toBe(1);
  });

  it('reports the message failed when its feed could not be stored', async () => {
    const { deps } = worker({ failWrites: true });
    const result = await ingestBatch(deps, [message('m1', 'https://a.example.org/feed')]);
    expect(result.failedIds).toEqual(['m1']);
  });

  it('reports a malformed message failed and still works the rest of the batch', async () => {
    const { deps } = worker();
    const result = await ingestBatch(deps, [
      { id: 'bad', body: 'not json', receiveCount: 1 },
      {
        id: 'ftp',
        body: { url: 'ftp://x.example.org/', outlet: 'x', runId: 'r', dueBy: NOW },
        receiveCount: 1,
      },
      message('m1', 'https://a.example.org/feed'),
    ]);
    expect(result.failedIds).toEqual(['bad', 'ftp']);
    expect(result.malformed).toBe(2);
    expect(result.report.articles.new).toBe(1);
  });

  it('fetches a feed once when two messages name it', async () => {
    const { deps, fetched } = worker();
    await ingestBatch(deps, [
      message('m1', 'https://a.example.org/feed'),
      message('m2', 'https://a.example.org/feed'),
    ]);
    expect(fetched).toEqual(['https://a.example.org/feed']);
  });

  it("fetches a feed due a little after the worker's clock when the planner's horizon covers it", async () => {
    const { store, deps, fetched } = worker();
    const url = 'https://a.example.org/feed';
    await store.feeds.put(state(url, '2024-05-02T12:02:00.000Z'));
    await ingestBatch(deps, [message('m1', url, '2024-05-02T11:59:00.000Z')]);
    expect(fetched).toEqual([]);
    await ingestBatch(deps, [message('m2', url, '2024-05-02T12:05:00.000Z')]);
    expect(fetched).toEqual([url]);
  });

  it('counts a new article that joins an existing story', async () => {
    const { store } = worker();
    let clustered = 0;
    const articles = countingClusters(store.articles, () => clustered++);
    const base = {
      feedUrl: 'f',
      outlet: 'o',
      itemKey: 'k',
      url: 'https://a.example.org/1',
      title: 't',
      html: '',
      text: '',
      summary: '',
      wordCount: 0,
      contentHash: 'h',
      publishedAt: NOW,
      firstSeenAt: NOW,
      updatedAt: NOW,
      actors: [],
      topics: [],
    };
    await articles.putNewArticles([{ ...base, id: 'a1', storyId: 'a1' }]);
    await articles.putNewArticles([{ ...base, id: 'a2', storyId: 'a1', url: 'https://b.example.org/2' }]);
    expect(clustered).toBe(1);
    expect(await articles.getArticle('a2')).toBeDefined();
  });
});

describe('cachingRecentArticles', () => {
  const article = (id: string, firstSeenAt: string) => ({
    id,
    feedUrl: 'f',
    outlet: 'o',
    itemKey: id,
    url: `https://a.example.org/${id}`,
    title: id,
    html: '<p>body</p>',
    text: 'body',
    summary: 'body',
    wordCount: 1,
    contentHash: 'h',
    publishedAt: firstSeenAt,
    firstSeenAt,
    updatedAt: firstSeenAt,
    storyId: id,
    signature: `sig-${id}`,
    actors: [],
    topics: [],
  });

  it('reads the window once, then only what was first seen since, and still sees every article', async () => {
    const store = createMemoryStore();
    const calls: [string, string][] = [];
    const spy = new Proxy(store.articles, {
      get(target, prop) {
        if (prop === 'listFirstSeenBetween')
          return (from: string, to: string) => {
            calls.push([from, to]);
            return target.listFirstSeenBetween(from, to);
          };
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const cached = cachingRecentArticles(spy, { overlapMs: 60_000 });
    await store.articles.createArticle(article('old', '2024-05-01T00:00:00.000Z'));
    await store.articles.createArticle(article('a1', '2024-05-02T11:00:00.000Z'));
    const first = await cached.listFirstSeenBetween('2024-04-30T12:00:00.000Z', '2024-05-02T12:00:00.000Z');
    // Written by another worker after the first read, stamped 30 s before it.
    await store.articles.createArticle(article('late', '2024-05-02T11:59:30.000Z'));
    await store.articles.createArticle(article('a2', '2024-05-02T12:10:00.000Z'));
    const second = await cached.listFirstSeenBetween('2024-05-01T00:00:01.000Z', '2024-05-02T12:30:00.000Z');
    expect(first.map((a) => a.id)).toEqual(['old', 'a1']);
    expect(second.map((a) => a.id)).toEqual(['a1', 'late', 'a2']);
    expect(second[0]).toMatchObject({ storyId: 'a1', signature: 'sig-a1', html: '' });
    expect(calls).toEqual([
      ['2024-04-30T12:00:00.000Z', '2024-05-02T12:00:00.000Z'],
      ['2024-05-02T11:59:00.000Z', '2024-05-02T12:30:00.000Z'],
    ]);
    expect(cached.cacheStats()).toEqual({ fullLoads: 1, topUps: 1, entries: 3 });
  });
});
