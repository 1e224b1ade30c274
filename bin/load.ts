/**
 * `npm run load`: the scale-out code paths under load, locally. The ingestion planner and worker
 * (feeds/plan.ts) and the digest planner and sender (digest/plan.ts) run against dynalite, loopback
 * feed servers and an in-process mailer, with the in-memory WorkQueue standing in for SQS (same
 * batch size, concurrency cap, partial failures and FIFO groups as the deployed event sources).
 * Prints throughput and the DynamoDB requests and capacity units per feed and per subscriber.
 *
 *   npm run load [-- --feeds 1000] [--subscribers 20000] [--hosts 50] [--skip-digest] [--skip-ingest]
 *                    [--no-window-cache]   (story window read per invocation, for comparison)
 *                    [--follow N]   (articles name actors; each reader follows N of the day's 40 most
 *                                    named, drawn at random: --follow 0 is the baseline to compare)
 *                    [--weekly]     (every reader takes the weekly edition, due on the run's day)
 *                    [--cold-baseline]  (no actor totals kept by earlier days: the first day after a
 *                                        deploy, when every sender counts the 30 days itself)
 *
 * Every step is bounded: feed fetches time out in seconds and the whole run stops after 10 minutes.
 */
import { createHash } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import { analyze } from '../lambdas/analysis';
import topicPhrases from '../lambdas/analysis/data/topic-phrases.json';
import { TOPIC_IDS } from '../lambdas/analysis/topics';
import { memoizedActorDays } from '../lambdas/digest/baseline';
import { memoizedEditions } from '../lambdas/digest/editions';
import {
  type DigestWork,
  memoizedArticleWindows,
  planDelivery,
  sendDigestBatch,
} from '../lambdas/digest/plan';
import type { IngestDeps } from '../lambdas/feeds/ingest';
import {
  cachingRecentArticles,
  type FeedWork,
  ingestBatch,
  ingestCounts,
  planIngestion,
} from '../lambdas/feeds/plan';
import { composeMime } from '../lambdas/mail/mime';
import type { Mailer, OutgoingMessage, SentMessage } from '../lambdas/mail/ports';
import { InMemoryWorkQueue } from '../lambdas/queue/memory-work-queue';
import { consumersForRate, shareOfRate } from '../lambdas/queue/sizing';
import type { Clock } from '../lambdas/shared/clock';
import { isoWeek, localDate, localHour, weekdayOf } from '../lambdas/shared/delivery-time';
import { silentLog } from '../lambdas/shared/log';
import type { FeedConfig } from '../lambdas/shared/types';
import { createDocumentClient } from '../lambdas/store/client';
import { createDynamoStore } from '../lambdas/store/dynamo';
import { ensureTable, LOCAL_AWS, startDynalite } from './local/dynamo';
import { quietSdkNodeNotice } from './local/sdk-notice';

quietSdkNodeNotice();

const TABLE = 'antiwar-digest-load';
const DEADLINE_MS = 10 * 60_000;
/** The deployed event source: 5 feeds per batch, 10 workers, 3 receives before the DLQ (lib/ingestion.ts). */
export const INGEST_CONSUMER = { batchSize: 5, maxConcurrency: 10, maxReceiveCount: 3 };
/** The simulated SES account's rate: senders at once follow from it as in lib/digest-delivery.ts. */
const LOAD_SEND_RATE = 400;
/** Readers' zones, whole-hour, half-hour and 45-minute ones among them. */
const LOAD_ZONES = [
  'America/New_York',
  'America/Chicago',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
];
/** A typical SendRawEmail round trip from Lambda in the same region. */
const SES_LATENCY_MS = 40;

/** Counts DynamoDB calls and the capacity units DynamoDB reports for them, by command. */
export class DynamoRequestCounter {
  readonly calls = new Map<string, number>();
  rcu = 0;
  wcu = 0;

  attach(doc: DynamoDBDocumentClient): void {
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
        this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
        (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
        const out = await next(args);
        const consumed = (out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
        for (const c of (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as {
          ReadCapacityUnits?: number;
          WriteCapacityUnits?: number;
          CapacityUnits?: number;
        }[]) {
          // dynalite, like DynamoDB without ReturnConsumedCapacity=INDEXES, reports the total only.
          if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
            this.rcu += c.ReadCapacityUnits ?? 0;
            this.wcu += c.WriteCapacityUnits ?? 0;
          } else if (/^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(name))
            this.wcu += c.CapacityUnits ?? 0;
          else this.rcu += c.CapacityUnits ?? 0;
        }
        return out;
      },
      { step: 'initialize', name: 'loadRequestCounter' },
    );
  }

  snapshot(): { calls: Map<string, number>; rcu: number; wcu: number } {
    return { calls: new Map(this.calls), rcu: this.rcu, wcu: this.wcu };
  }

  /** Calls and units since `before`, divided by `per`. */
  since(before: ReturnType<DynamoRequestCounter['snapshot']>, per: number): string {
    const parts: string[] = [];
    let total = 0;
    for (const [name, n] of [...this.calls].sort()) {
      const d = n - (before.calls.get(name) ?? 0);
      if (d === 0) continue;
      total += d;
      parts.push(`${name} ${(d / per).toFixed(2)}`);
    }
    return (
      `${(total / per).toFixed(2)} requests (${parts.join(', ')}); ` +
      `${((this.rcu - before.rcu) / per).toFixed(2)} RCU, ${((this.wcu - before.wcu) / per).toFixed(2)} WCU`
    );
  }
}

const TOPIC_PHRASES = Object.entries(topicPhrases as Record<string, Record<string, number>>).map(
  ([topic, p]) => ({
    topic,
    phrases: Object.keys(p).filter((k) => !k.includes('*') && k.length > 4),
  }),
);

/** Gazetteer names the articles of a `--follow` run mention, two or three to an article. */
const ACTOR_NAMES = [
  'Russia',
  'Ukraine',
  'Israel',
  'Iran',
  'China',
  'Yemen',
  'Syria',
  'Lebanon',
  'Sudan',
  'Venezuela',
  'Taiwan',
  'North Korea',
  'South Korea',
  'Japan',
  'India',
  'Pakistan',
  'Turkey',
  'Egypt',
  'Qatar',
  'Iraq',
  'NATO',
  'Hamas',
  'Hezbollah',
  'the Pentagon',
  'Congress',
  'the European Union',
  'the United Nations',
  'the IAEA',
  'the State Department',
  'the Kremlin',
  'Vladimir Putin',
  'Volodymyr Zelensky',
  'Benjamin Netanyahu',
  'Kim Jong Un',
  'Xi Jinping',
  'Ali Khamenei',
  'Recep Tayyip Erdogan',
  'Sergey Lavrov',
  'Antony Blinken',
  'Emmanuel Macron',
];

/**
 * Article text built from the topic lexicon, so the analysis gives the digest real topics to send;
 * with `actors`, each article also names two or three actors, for readers to follow.
 */
function topicalText(seed: number, actors = false): { title: string; html: string } {
  const pick = (list: string[], k: number) => list[(seed * 31 + k * 17) % list.length] ?? '';
  const a = TOPIC_PHRASES[seed % TOPIC_PHRASES.length]!;
  const b = TOPIC_PHRASES[(seed * 5 + 3) % TOPIC_PHRASES.length]!;
  const who = (k: number) => ACTOR_NAMES[(seed * 7 + k * 11) % ACTOR_NAMES.length]!;
  const paragraphs = Array.from(
    { length: 4 },
    (_, k) =>
      `<p>Officials ${actors ? `of ${who(k % 3)} ` : ''}spoke of ${pick(a.phrases, k)} and ${pick(a.phrases, k + 1)} on Tuesday, while critics ` +
      `pointed to ${pick(b.phrases, k)} and warned about ${pick(a.phrases, k + 2)} in report ${seed}-${k}.</p>`,
  );
  return { title: `${pick(a.phrases, 9)} and ${pick(b.phrases, 9)}`, html: paragraphs.join('') };
}

/** A clock that can be moved forward, so a second pass sees the feeds due again. */
function offsetClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms) };
}

interface FeedSite {
  feeds: FeedConfig[];
  /** Feeds whose next version has one more item. */
  publish(urls: string[]): void;
  /** Most connections one host (host:port) had open at once. */
  peakPerHost(): number;
  requests: { total: number; notModified: number };
  close(): Promise<void>;
}

/**
 * Small generated feeds served from loopback addresses 127.0.0.1-10, on several ports each: 50
 * distinct hosts (host:port) by default for the per-host limit (R15). ETags make an unchanged feed
 * answer 304.
 */
async function startFeedSite(feedCount: number, hostCount: number, withActors = false): Promise<FeedSite> {
  const versions = new Map<string, number>();
  const open = new Map<string, number>();
  let peak = 0;
  const requests = { total: 0, notModified: 0 };
  // Dated in the hour before the run started, so the digest's freshness rule lets them in, and
  // fixed for the run, so an unchanged feed still answers 304.
  const newest = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
  const body = (path: string, host: string, version: number) => {
    const items = Array.from({ length: 2 + version }, (_, i) => {
      const seed = i * 7 + path.length * 13 + Number(/\d+/.exec(path)?.[0] ?? 0);
      const text = topicalText(seed, withActors);
      return (
        `<item><title>Report ${i + 1} from ${path}: ${text.title}</title>` +
        `<link>http://${host}${path}/story-${i + 1}</link><guid>${host}${path}#${i + 1}</guid>` +
        `<pubDate>${new Date(newest - (i % 10) * 60_000).toUTCString()}</pubDate>` +
        `<description><![CDATA[${text.html}]]></description></item>`
      );
    });
    return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${path}</title><link>http://${host}/</link>${items.join('')}</channel></rss>`;
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? '';
    const n = (open.get(host) ?? 0) + 1;
    open.set(host, n);
    peak = Math.max(peak, n);
    requests.total++;
    const url = `http://${host}${req.url}`;
    const version = versions.get(url) ?? 0;
    const xml = body(req.url ?? '/', host, version);
    const etag = `"${createHash('sha1').update(xml).digest('hex').slice(0, 16)}"`;
    // A little server time, so connections overlap as they do on the internet.
    setTimeout(() => {
      if (req.headers['if-none-match'] === etag) {
        requests.notModified++;
        res.writeHead(304, { ETag: etag });
        res.end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: etag });
        res.end(xml);
      }
      open.set(host, (open.get(host) ?? 1) - 1);
    }, 5);
  };
  const servers: Server[] = [];
  const hosts: string[] = [];
  for (let i = 0; hosts.length < hostCount; i++) {
    const address = `127.0.0.${(i % 10) + 1}`;
    const server = createServer({ keepAliveTimeout: 1000 }, handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, address, () => resolve());
    });
    servers.push(server);
    hosts.push(`${address}:${(server.address() as AddressInfo).port}`);
  }
  const feeds = Array.from({ length: feedCount }, (_, i) => {
    const host = hosts[i % hosts.length]!;
    return { url: `http://${host}/feeds/${i}.xml`, outlet: `Outlet ${i}` };
  });
  return {
    feeds,
    publish: (urls) => {
      for (const u of urls) versions.set(u, (versions.get(u) ?? 0) + 1);
    },
    peakPerHost: () => peak,
    requests,
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}

async function ingestionPass(
  label: string,
  deps: {
    ingest: IngestDeps;
    counter: DynamoRequestCounter;
    site: FeedSite;
    containers: ReturnType<typeof cachingRecentArticles>[];
    /** Every invocation reads the story window itself, as the worker did before the cache. */
    noCache: boolean;
  },
  runId: string,
): Promise<void> {
  const queue = new InMemoryWorkQueue<FeedWork>({ fifo: true });
  const before = deps.counter.snapshot();
  const requestsBefore = { ...deps.site.requests };
  const started = performance.now();
  const plan = await planIngestion(
    { feeds: deps.ingest.feeds, queue, clock: deps.ingest.clock, log: silentLog },
    deps.site.feeds,
    runId,
  );
  const planMs = performance.now() - started;
  const planCost = deps.counter.since(before, 1);
  const totals = { attempted: 0, fetched: 0, notModified: 0, failed: 0, notStored: 0, new: 0, updated: 0 };
  const stats = await queue.consume(async (batch) => {
    // One warm container per concurrent invocation, each with its own recent-articles cache.
    const articles = deps.containers.pop() ?? cachingRecentArticles(deps.ingest.articles);
    const result = await ingestBatch(
      { ...deps.ingest, ...(deps.noCache ? {} : { articles }) },
      batch,
    ).finally(() => deps.containers.push(articles));
    const c = ingestCounts(result.report);
    totals.attempted += c.attempted;
    totals.fetched += c.fetched;
    totals.notModified += c.notModified;
    totals.failed += c.failed;
    totals.notStored += c.notStored;
    totals.new += result.report.articles.new;
    totals.updated += result.report.articles.updated;
    return result;
  }, INGEST_CONSUMER);
  const ms = performance.now() - started;
  const http = deps.site.requests.total - requestsBefore.total;
  console.log(`\n== ingestion, ${label}`);
  console.log(
    `planned ${plan.enqueued} feeds on ${plan.hosts} hosts in ${planMs.toFixed(0)} ms ` +
      `(${plan.calls} SendMessageBatch calls; planner DynamoDB: ${planCost})`,
  );
  console.log(
    `worked ${stats.invocations} batches (peak ${stats.peakConcurrency} at once, ${stats.redeliveries} redelivered, ` +
      `${stats.deadLettered} dead-lettered) in ${(ms / 1000).toFixed(1)} s: ${(totals.attempted / (ms / 1000)).toFixed(0)} feeds/s`,
  );
  console.log(
    `feeds: ${totals.fetched} fetched, ${totals.notModified} not modified, ${totals.failed} failed, ` +
      `${totals.notStored} not stored; articles: ${totals.new} new, ${totals.updated} updated; ` +
      `HTTP requests ${http}, peak connections to one host ${deps.site.peakPerHost()}`,
  );
  console.log(
    `DynamoDB per feed (planner + workers): ${deps.counter.since(before, Math.max(1, totals.attempted))}`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      feeds: { type: 'string', default: '1000' },
      subscribers: { type: 'string', default: '20000' },
      hosts: { type: 'string', default: '50' },
      'skip-digest': { type: 'boolean', default: false },
      'skip-ingest': { type: 'boolean', default: false },
      'no-window-cache': { type: 'boolean', default: false },
      follow: { type: 'string' },
      weekly: { type: 'boolean', default: false },
      'cold-baseline': { type: 'boolean', default: false },
    },
  });
  // Any --follow, 0 included, gives the articles actors (0: the baseline to compare with).
  const withActors = values.follow !== undefined;
  const follow = Number(values.follow ?? 0);
  if (!Number.isInteger(follow) || follow < 0 || follow > 20) throw new RangeError('--follow must be 0-20');
  const feedCount = Number(values.feeds);
  const subscriberCount = Number(values.subscribers);
  const hostCount = Number(values.hosts);
  for (const [k, v] of Object.entries({ feeds: feedCount, subscribers: subscriberCount, hosts: hostCount })) {
    if (!Number.isInteger(v) || v < 1 || v > 200_000)
      throw new RangeError(`--${k} must be an integer 1-200000`);
  }
  const deadline = setTimeout(() => {
    console.error(`load run stopped: over ${DEADLINE_MS / 60_000} minutes`);
    process.exit(2);
  }, DEADLINE_MS);
  deadline.unref();

  const dynamo = await startDynalite();
  await ensureTable(dynamo.endpoint, TABLE);
  const doc = createDocumentClient({
    ...LOCAL_AWS,
    endpoint: dynamo.endpoint,
    maxAttempts: 5,
    // 40 senders x 10 concurrent sends each would queue behind the SDK's default 50 sockets.
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 256 }) },
  });
  const counter = new DynamoRequestCounter();
  counter.attach(doc);
  const store = createDynamoStore(doc, TABLE);
  const clock = offsetClock();
  console.log(
    `load run: ${feedCount} feeds on ${hostCount} loopback hosts, ${subscriberCount} subscribers; dynalite`,
  );

  try {
    if (!values['skip-ingest']) {
      const site = await startFeedSite(feedCount, hostCount, withActors);
      try {
        const ingest: IngestDeps = {
          articles: store.articles,
          feeds: store.feeds,
          analyze,
          clock,
          log: silentLog,
          options: { allowPrivateNetwork: true, connectTimeoutMs: 2000, totalTimeoutMs: 5000 },
        };
        const containers: ReturnType<typeof cachingRecentArticles>[] = [];
        await ingestionPass(
          'first pass (every feed new)',
          { ingest, counter, site, containers, noCache: values['no-window-cache'] },
          'load-1',
        );
        // 30 minutes later: a tenth of the feeds has one new item, the rest answer 304.
        clock.advance(31 * 60_000);
        site.publish(site.feeds.filter((_, i) => i % 10 === 0).map((f) => f.url));
        await ingestionPass(
          'second pass (10 % changed, 90 % 304)',
          { ingest, counter, site, containers, noCache: values['no-window-cache'] },
          'load-2',
        );
        const loads = containers.map((c) => c.cacheStats());
        console.log(
          `recent-articles caches: ${loads.length} warm workers, ${loads.reduce((s, c) => s + c.fullLoads, 0)} full loads, ` +
            `${loads.reduce((s, c) => s + c.topUps, 0)} top-ups`,
        );
      } finally {
        await site.close();
      }
    }
    if (!values['skip-digest']) {
      await runDigestLoad({
        store,
        counter,
        clock,
        subscriberCount,
        follow,
        weekly: values.weekly === true,
        coldBaseline: values['cold-baseline'] === true,
      });
    }
  } finally {
    doc.destroy();
    await dynamo.stop();
  }
}

/** Simulated SES: composes the MIME (real work) and answers after a typical API latency. */
class LoadMailer implements Mailer {
  sent = 0;
  bytes = 0;
  readonly perAddress = new Map<string, number>();
  readonly latencies: number[] = [];
  constructor(private readonly latencyMs: number) {}
  async send(message: OutgoingMessage): Promise<SentMessage> {
    const started = performance.now();
    const mime = await composeMime(message);
    await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    this.sent++;
    this.bytes += mime.length;
    this.perAddress.set(message.to, (this.perAddress.get(message.to) ?? 0) + 1);
    this.latencies.push(performance.now() - started);
    return { id: `load-${this.sent}@ses.local` };
  }
}

/** Topic selections as readers tend to pick them: a fifth take everything, the rest one or two topics. */
function selectionFor(i: number): string[] {
  const all = [...TOPIC_IDS];
  const r = i % 10;
  if (r < 2) return all;
  return [...new Set([all[r % all.length]!, all[(r * 3) % all.length]!])];
}

/** The actors most named by the articles of the 36 hours before `now` (read before measuring). */
async function mostNamed(
  store: ReturnType<typeof createDynamoStore>,
  now: Date,
  n: number,
): Promise<{ id: string }[]> {
  const since = new Date(now.getTime() - 36 * 3_600_000).toISOString();
  const counts = new Map<string, number>();
  for (const a of await store.articles.listFirstSeenBetween(since, now.toISOString()))
    for (const x of a.actors) counts.set(x.id, (counts.get(x.id) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([id]) => ({ id }));
}

async function runDigestLoad(deps: {
  store: ReturnType<typeof createDynamoStore>;
  counter: DynamoRequestCounter;
  clock: Clock;
  subscriberCount: number;
  /** Actors each reader follows, drawn from the day's most named. */
  follow: number;
  /** Every reader weekly, on the local weekday of the run's instant. */
  weekly: boolean;
  /** Leave the settled days' actor totals uncounted, as on the first day after a deploy. */
  coldBaseline: boolean;
}): Promise<void> {
  const { store, counter, clock, subscriberCount } = deps;
  const created = performance.now();
  const limit = pLimit(64);
  const nowIso = clock.now().toISOString();
  // The hourly run after the articles were stored: every reader is given the hour it is then in
  // their zone, so all of them are due at that one instant, spread over zones as readers are.
  const at = new Date(Math.ceil(clock.now().getTime() / 3_600_000) * 3_600_000);
  const zoneOf = (i: number) => LOAD_ZONES[i % LOAD_ZONES.length]!;
  // Followed actors: drawn at random (seeded) from the day's 40 most named, so followers rarely
  // share a set: the worst case for sharing compositions.
  const named = deps.follow ? await mostNamed(store, clock.now(), 40) : [];
  // The deliveries of the days before counted the settled days of the "In the news" baseline and
  // kept their totals (ArticleStore.actorDays); done here before measuring, for every zone's date.
  if (!deps.coldBaseline) {
    const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    await store.articles.actorDays(dayOf(at.getTime() - 32 * 86_400_000), dayOf(at.getTime()));
  }
  const draw = (i: number, k: number) => createHash('sha1').update(`${i}/${k}`).digest().readUInt32BE(0);
  const followsOf = (i: number) =>
    named.length
      ? [...new Set(Array.from({ length: deps.follow }, (_, k) => named[draw(i, k) % named.length]!.id))]
      : undefined;
  await Promise.all(
    Array.from({ length: subscriberCount }, (_, i) =>
      limit(() =>
        store.subscribers.create({
          id: `load-${String(i).padStart(6, '0')}`,
          email: `reader${i}@example.org`,
          status: 'confirmed',
          topics: selectionFor(i),
          timeZone: zoneOf(i),
          deliveryHour: localHour(at, zoneOf(i)),
          ...(followsOf(i) ? { actors: followsOf(i) } : {}),
          ...(deps.weekly ? { weeklyOn: weekdayOf(localDate(at, zoneOf(i))) } : {}),
          createdAt: nowIso,
          updatedAt: nowIso,
          confirmedAt: nowIso,
        }),
      ),
    ),
  );
  console.log(
    `\n== digest: ${subscriberCount} confirmed subscribers created in ${((performance.now() - created) / 1000).toFixed(1)} s (not measured below)` +
      (deps.follow ? `; each follows ${deps.follow} of the day's ${named.length} most named actors` : '') +
      (deps.weekly ? '; every one weekly, due today' : ''),
  );

  const mailer = new LoadMailer(SES_LATENCY_MS);
  const concurrency = consumersForRate(LOAD_SEND_RATE);
  // A warm sender container keeps what digest-worker.ts keeps at module scope.
  const container = () => ({
    articles: memoizedActorDays(memoizedArticleWindows(store.articles)),
    editions: memoizedEditions(store.editions),
  });
  const containers: ReturnType<typeof container>[] = [];
  const config = {
    senderAddress: 'digest@example.org',
    senderName: 'Antiwar Digest',
    postalAddress: 'Antiwar Digest, 1 Example Street, Springfield, USA',
    publicBaseUrl: 'https://digest.example.org',
    tokenSecret: 'load-run-signing-key-0123456789abcdef',
    timeZone: 'America/New_York',
    sendRatePerSecond: shareOfRate(LOAD_SEND_RATE, concurrency),
  };
  const run = async (label: string) => {
    const queue = new InMemoryWorkQueue<DigestWork>();
    const before = counter.snapshot();
    const sentBefore = mailer.sent;
    const started = performance.now();
    const plan = await planDelivery(
      { subscribers: store.subscribers, queue, clock, log: silentLog },
      { timeZone: config.timeZone, at: at.toISOString() },
    );
    const planMs = performance.now() - started;
    const planCost = counter.since(before, subscriberCount);
    const totals = { sent: 0, weekly: 0, skipped: 0, failed: 0, uncertain: 0, selections: 0, editions: 0 };
    const failureKinds = new Map<string, number>();
    const stats = await queue.consume(
      async (batch) => {
        const warm = containers.pop() ?? container();
        try {
          const result = await sendDigestBatch(
            {
              articles: warm.articles,
              subscribers: store.subscribers,
              sends: store.sends,
              editions: warm.editions,
              mailer,
              clock,
              log: silentLog,
              config,
            },
            batch,
          );
          for (const r of result.reports) {
            totals.sent += r.sent;
            totals.weekly += r.weekly;
            totals.editions += r.editions;
            totals.skipped += r.skipped;
            totals.failed += r.failed;
            totals.uncertain += r.uncertain;
            totals.selections += r.selections;
            for (const f of r.failures) {
              const kind = f.error.slice(0, 80);
              failureKinds.set(kind, (failureKinds.get(kind) ?? 0) + 1);
            }
          }
          return result;
        } finally {
          containers.push(warm);
        }
      },
      { batchSize: 1, maxConcurrency: concurrency, maxReceiveCount: 3 },
    );
    const s = (performance.now() - started) / 1000;
    console.log(`\n== digest, ${label}`);
    console.log(
      `planned ${plan.subscribers} subscribers due at ${plan.at} in ${plan.zones} zones, ${plan.messages} messages (${plan.calls} SendMessageBatch calls) in ${planMs.toFixed(0)} ms; planner DynamoDB per subscriber: ${planCost}`,
    );
    console.log(
      `${stats.invocations} sender invocations, ${concurrency} at once at ${config.sendRatePerSecond}/s each (fleet ${LOAD_SEND_RATE}/s, simulated SES latency ${SES_LATENCY_MS} ms): ` +
        `${totals.sent} sent (${totals.weekly} weekly), ${totals.skipped} skipped, ${totals.failed} failed, ${totals.uncertain} uncertain in ${s.toFixed(1)} s = ${((mailer.sent - sentBefore) / s).toFixed(0)} messages/s; ` +
        `${totals.selections} compositions, ${totals.editions} editions stored`,
    );
    console.log(`DynamoDB per subscriber (planner + senders): ${counter.since(before, subscriberCount)}`);
    // Failed sends go back to the queue and are retried; say why they failed.
    for (const [kind, n] of failureKinds) console.log(`  failed ${n}x: ${kind}`);
    return totals;
  };
  await run('first run');
  const lat = [...mailer.latencies].sort((a, b) => a - b);
  const pct = (p: number) =>
    lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]?.toFixed(0) ?? '-';
  if (mailer.sent === 0)
    console.log('nothing to send: the digest needs the articles of the ingestion passes');
  console.log(
    `messages: ${mailer.sent}, ${(mailer.bytes / Math.max(1, mailer.sent) / 1024).toFixed(1)} KB average MIME; send latency p50 ${pct(50)} ms, p99 ${pct(99)} ms; ` +
      `article window reads: ${containers.reduce((s, c) => s + c.articles.reads(), 0)} across ${containers.length} warm senders`,
  );
  // The schedule fires again for the same date (a retry, a double invoke): nobody may get a second copy.
  await run('the same date again (exactly once)');
  const most = Math.max(0, ...mailer.perAddress.values());
  console.log(
    `most messages to one address: ${most}; ledger records: ${(
      await Promise.all(
        [...new Set(LOAD_ZONES.flatMap((z) => [localDate(at, z), isoWeek(localDate(at, z))]))].map((d) =>
          store.sends.listForDate(d),
        ),
      )
    ).reduce((n, r) => n + r.length, 0)}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
