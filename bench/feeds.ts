/**
 * Feed ingestion figures: parse+clean throughput, parse+clean+store throughput (memory and
 * dynalite), the cost of a 304 pass over 50 feeds, store requests per new article, peak memory on a
 * 10 MB feed, and the wall time of a pass over 50 feeds where one hangs and one drips.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  buildCandidates,
  DEFAULT_INGEST_OPTIONS,
  type IngestDeps,
  ingestFeeds,
} from '../lambdas/feeds/ingest';
import { parseFeed } from '../lambdas/feeds/parse';
import { systemClock } from '../lambdas/shared/clock';
import { silentLog } from '../lambdas/shared/log';
import type { Analysis, FeedConfig } from '../lambdas/shared/types';
import { MemoryArticleStore, MemoryFeedStateStore } from '../lambdas/store/memory';
import type { ArticleStore, FeedStateStore } from '../lambdas/store/ports';
import { type FixtureItem, rss2 } from '../test/fixtures/feeds/build';
import { send, startServer } from '../test/fixtures/feeds/server';
import { startLocalDynamo } from '../test/support/local';

const execFileAsync = promisify(execFile);

const analyze = (): Analysis => ({ actors: [], topics: [] });

const SENTENCES = [
  'Officials in the capital said on Tuesday that talks on a ceasefire would resume next week.',
  'Observers warned that the fighting near the border had intensified since the weekend.',
  'Thousands of civilians have left their homes, according to the United Nations refugee agency.',
  'The foreign minister told reporters that any agreement would need guarantees from outside powers.',
  'Critics in Congress questioned the cost of the deployment and the absence of a clear exit plan.',
];

function article(i: number, paragraphs = 8): string {
  const ps: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const s = Array.from({ length: 4 }, (_, k) => SENTENCES[(i + p + k) % SENTENCES.length]).join(' ');
    ps.push(
      `<p>Item ${i} part ${p}: ${s} <a href="https://example.org/ref/${i}/${p}?utm_source=rss">Source</a>.</p>`,
    );
  }
  return `${ps.join('\n')}
<p><em>Jane Writer is a contributing editor at Example.org.</em></p>
<p>The post <a href="https://example.org/${i}">Item ${i}</a> appeared first on <a href="https://example.org">Example</a>.</p>
<p>reader: first!</p>`;
}

function items(n: number, prefix: string, paragraphs = 8): FixtureItem[] {
  return Array.from({ length: n }, (_, i) => ({
    title: `${prefix} item ${i}`,
    link: `https://example.org/${prefix}/${i}/`,
    guid: `${prefix}-${i}`,
    date: 'Wed, 01 May 2024 10:00:00 GMT',
    html: article(i, paragraphs),
  }));
}

function counting<T extends object>(target: T, counts: { n: number; by: Record<string, number> }): T {
  return new Proxy(target, {
    get(t, prop, recv) {
      const v = Reflect.get(t, prop, recv);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        counts.n++;
        counts.by[String(prop)] = (counts.by[String(prop)] ?? 0) + 1;
        return v.apply(t, args);
      };
    },
  });
}

function deps(
  articles: ArticleStore,
  feeds: FeedStateStore,
  options: IngestDeps['options'] = {},
): IngestDeps {
  return {
    articles,
    feeds,
    analyze,
    clock: systemClock,
    log: silentLog,
    options: { allowPrivateNetwork: true, ...options },
  };
}

export default async function bench(): Promise<void> {
  const feed200 = rss2(items(200, 'b', 8));
  console.log(`200-item feed: ${(feed200.length / 1024).toFixed(0)} KB`);

  // parse + clean only (no I/O), 5 rounds after a warm-up
  const cfg: FeedConfig = { url: 'https://example.org/feed/', outlet: 'Example' };
  const opts = { ...DEFAULT_INGEST_OPTIONS, maxItemsPerFeed: 200 };
  const parseClean = async () => {
    const f = await parseFeed(feed200, { maxItems: 200 });
    return buildCandidates(f, cfg, cfg.url, new Date(), opts).length;
  };
  await parseClean();
  const rounds = 5;
  let t0 = performance.now();
  for (let i = 0; i < rounds; i++) await parseClean();
  let ms = performance.now() - t0;
  console.log(`parse+clean: ${((200 * rounds) / (ms / 1000)).toFixed(0)} articles/s (one core)`);

  // parse + clean + store, served over loopback HTTP
  const server = await startServer();
  try {
    server.routes.set('/200', send(feed200, { etag: '"v1"' }));
    const feedUrl = `${server.url}/200`;
    {
      const counts = { n: 0, by: {} as Record<string, number> };
      const articles = counting(new MemoryArticleStore(), counts);
      const feeds = counting(new MemoryFeedStateStore(), counts);
      t0 = performance.now();
      const r = await ingestFeeds(deps(articles, feeds, { maxItemsPerFeed: 200 }), [
        { url: feedUrl, outlet: 'X' },
      ]);
      ms = performance.now() - t0;
      console.log(
        `fetch+parse+clean+store (memory): ${(r.articles.new / (ms / 1000)).toFixed(0)} articles/s, ` +
          `${(counts.n / r.articles.new).toFixed(2)} store requests per new article ${JSON.stringify(counts.by)}`,
      );
      counts.n = 0;
      counts.by = {};
      await ingestFeeds(deps(articles, feeds, { maxItemsPerFeed: 200 }), [{ url: feedUrl, outlet: 'X' }], {
        force: true,
      });
      console.log(
        `unchanged 200-item feed, second pass: ${counts.n} store requests ${JSON.stringify(counts.by)}`,
      );
    }
    try {
      const dyn = await startLocalDynamo('bench-feeds');
      try {
        const counts = { n: 0, by: {} as Record<string, number> };
        t0 = performance.now();
        const r = await ingestFeeds(
          deps(counting(dyn.store.articles, counts), counting(dyn.store.feeds, counts), {
            maxItemsPerFeed: 200,
          }),
          [{ url: feedUrl, outlet: 'X' }],
        );
        ms = performance.now() - t0;
        console.log(
          `fetch+parse+clean+store (dynalite): ${(r.articles.new / (ms / 1000)).toFixed(0)} articles/s, ` +
            `${(counts.n / r.articles.new).toFixed(2)} store requests per new article`,
        );
      } finally {
        await dyn.stop();
      }
    } catch (err) {
      console.log('dynalite figures skipped:', String(err));
    }

    // 304 pass over 50 feeds with stored validators
    {
      const feedsStore = new MemoryFeedStateStore();
      const list: FeedConfig[] = [];
      const now = new Date();
      for (let i = 0; i < 50; i++) {
        server.routes.set(`/c/${i}`, (req, res) => {
          if (req.headers['if-none-match'] === '"c"') {
            res.writeHead(304, { etag: '"c"' });
            res.end();
          } else send(rss2(items(10, `c${i}`)), { etag: '"c"' })(req, res);
        });
        const url = `${server.url}/c/${i}`;
        list.push({ url, outlet: `C${i}` });
        await feedsStore.put({
          url,
          outlet: `C${i}`,
          etag: '"c"',
          consecutiveErrors: 0,
          nextAttemptAt: now.toISOString(),
          lastUnconditionalAt: now.toISOString(),
        });
      }
      const counts = { n: 0, by: {} as Record<string, number> };
      t0 = performance.now();
      const r = await ingestFeeds(
        deps(counting(new MemoryArticleStore(), counts), counting(feedsStore, counts)),
        list,
      );
      ms = performance.now() - t0;
      const notModified = r.feeds.filter((f) => f.status === 'not_modified').length;
      console.log(
        `304 pass over 50 feeds: ${ms.toFixed(0)} ms, ${notModified} not modified, ${counts.n} store requests ${JSON.stringify(counts.by)}`,
      );
    }

    // peak memory on a 10 MB feed, in a fresh process so its peak RSS belongs to this ingest alone
    {
      const big = rss2(items(1900, 'big', 10));
      server.routes.set('/big', send(big));
      const { stdout } = await execFileAsync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url)],
        {
          env: { ...process.env, FEEDS_BENCH_CHILD_URL: `${server.url}/big` },
          encoding: 'utf8',
        },
      );
      console.log(`10 MB feed (${(big.length / 1024 / 1024).toFixed(1)} MB): ${stdout.trim()}`);
    }

    // 50 feeds, one hangs, one drips a byte a second, production timeouts
    {
      server.routes.set('/w/hang', () => {});
      server.routes.set('/w/drip', (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/xml' });
        const t = setInterval(() => res.write(' '), 1000);
        res.on('close', () => clearInterval(t));
      });
      const list: FeedConfig[] = [
        { url: `${server.url}/w/hang`, outlet: 'hang' },
        { url: `${server.url}/w/drip`, outlet: 'drip' },
      ];
      for (let i = 0; i < 48; i++) {
        server.routes.set(`/w/${i}`, send(rss2(items(20, `w${i}`, 6))));
        list.push({ url: `${server.url}/w/${i}`, outlet: `W${i}` });
      }
      t0 = performance.now();
      const r = await ingestFeeds(deps(new MemoryArticleStore(), new MemoryFeedStateStore()), list);
      ms = performance.now() - t0;
      const byStatus: Record<string, number> = {};
      for (const f of r.feeds)
        byStatus[f.errorKind ?? f.status] = (byStatus[f.errorKind ?? f.status] ?? 0) + 1;
      console.log(
        `pass over 50 feeds with one hanging and one dripping (20 s timeout): ${(ms / 1000).toFixed(1)} s wall ${JSON.stringify(byStatus)}`,
      );
    }
  } finally {
    await server.close();
  }
}

/** Child mode of the 10 MB measurement: ingest once, print time and peak memory. */
async function childMeasure(url: string): Promise<void> {
  const before = process.memoryUsage();
  const t0 = performance.now();
  const r = await ingestFeeds(deps(new MemoryArticleStore(), new MemoryFeedStateStore()), [
    { url, outlet: 'Big' },
  ]);
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  console.log(
    `${r.feeds[0]!.status}, ${r.feeds[0]!.items} items kept, ${ms.toFixed(0)} ms; RSS before ${mb(before.rss)} MB, ` +
      `peak ${mb(maxRss)} MB (+${mb(maxRss - before.rss)} MB); heap after ${mb(after.heapUsed)} MB`,
  );
}

const childUrl = process.env.FEEDS_BENCH_CHILD_URL;
if (childUrl && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await childMeasure(childUrl);
}
