/**
 * Ingestion, scaled out: a planner picks the feeds due and enqueues one message per feed; workers
 * take batches of messages and run the ordinary ingest use case on them.
 *
 * Per-host politeness (R15) across workers comes from the queue: messages are grouped by feed host
 * (an SQS FIFO message group), and a group is handed to one batch at a time, so at most one worker
 * talks to a host at any moment; inside that worker `ingestFeeds` allows 2 connections per host.
 * Grouping several feeds into one message would not hold across redeliveries or a host with more
 * feeds than a message carries; a message per feed also keeps failures per feed.
 */
import { createHash } from 'node:crypto';
import {
  type BatchResult,
  MalformedMessageError,
  type ReceivedMessage,
  type WorkMessage,
  type WorkQueue,
} from '../queue/ports';
import type { Clock } from '../shared/clock';
import type { Log } from '../shared/log';
import type { FeedConfig, FeedErrorKind, FeedState } from '../shared/types';
import type { FeedStateStore } from '../store/ports';
import { type IngestDeps, type IngestReport, ingestFeeds } from './ingest';

/** The body of one ingestion message. */
export interface FeedWork {
  url: string;
  outlet: string;
  /** The planner's run, carried into the worker's logs as the correlation id. */
  runId: string;
  /** The feed counts as due until this time (the planner's horizon). */
  dueBy: string;
}

export interface IngestPlanOptions {
  /**
   * Feeds due within this much of the planner's clock are planned now. A feed fetched at 12:00:05
   * is due at 12:30:05; without a horizon the 12:30:00 run would skip it until 13:00. Default 5 min.
   */
  horizonMs: number;
}

export const DEFAULT_INGEST_PLAN: IngestPlanOptions = { horizonMs: 5 * 60_000 };

export interface IngestPlanDeps {
  feeds: Pick<FeedStateStore, 'listDue' | 'getMany'>;
  queue: WorkQueue<FeedWork>;
  clock: Clock;
  log: Log;
  options?: Partial<IngestPlanOptions>;
}

export interface IngestPlan {
  runId: string;
  /** Feeds with state that are due. */
  due: number;
  /** Configured feeds never fetched. */
  new: number;
  /** Due feeds no longer in the configuration: not fetched. */
  unconfigured: number;
  enqueued: number;
  hosts: number;
  /** SendMessageBatch calls. */
  calls: number;
}

/** FIFO group ids and deduplication ids are at most 128 characters. */
const MAX_SQS_ID = 128;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The message group of a feed: its host, so one worker at a time talks to it (R15). */
export function hostGroup(url: string): string {
  const host = new URL(url).host.toLowerCase();
  return host.length <= MAX_SQS_ID ? host : sha256(host);
}

/**
 * Plans one ingestion pass.
 * 1. Lists the feeds due by now + horizon (`listDue`) and reads which configured feeds have state.
 * 2. Keeps the due feeds that are still configured and adds the configured feeds never fetched.
 * 3. Enqueues one message per feed, grouped by host, deduplicated per feed and attempt, so a planner
 *    retry within 5 minutes enqueues nothing twice.
 */
export async function planIngestion(
  deps: IngestPlanDeps,
  configured: FeedConfig[],
  runId: string,
): Promise<IngestPlan> {
  const opts = { ...DEFAULT_INGEST_PLAN, ...deps.options };
  const now = deps.clock.now();
  const dueBy = new Date(now.getTime() + opts.horizonMs);
  const byUrl = new Map(configured.map((f) => [f.url, f]));
  const [due, known] = await Promise.all([
    deps.feeds.listDue(dueBy.toISOString()),
    byUrl.size > 0 ? deps.feeds.getMany([...byUrl.keys()]) : Promise.resolve(new Map<string, FeedState>()),
  ]);

  const work: { feed: FeedConfig; attempt: string }[] = [];
  let unconfigured = 0;
  for (const state of due) {
    const feed = byUrl.get(state.url);
    if (!feed) {
      unconfigured++;
      continue;
    }
    work.push({ feed, attempt: state.nextAttemptAt });
  }
  const fresh = configured.filter((f) => !known.has(f.url));
  for (const feed of fresh) work.push({ feed, attempt: 'new' });

  const messages: WorkMessage<FeedWork>[] = work.map(({ feed, attempt }) => ({
    body: { url: feed.url, outlet: feed.outlet, runId, dueBy: dueBy.toISOString() },
    groupId: hostGroup(feed.url),
    deduplicationId: sha256(`${feed.url}\n${attempt}`),
  }));
  const { sent, calls } = messages.length > 0 ? await deps.queue.send(messages) : { sent: 0, calls: 0 };
  const plan: IngestPlan = {
    runId,
    due: due.length - unconfigured,
    new: fresh.length,
    unconfigured,
    enqueued: sent,
    hosts: new Set(messages.map((m) => m.groupId)).size,
    calls,
  };
  if (unconfigured > 0)
    deps.log.warn('due feeds not in the configuration were not planned', { unconfigured });
  deps.log.info('ingestion planned', { ...plan });
  return plan;
}

/** Checks a message body; anything else is a malformed message. */
export function parseFeedWork(body: unknown): FeedWork {
  const b = body as Partial<FeedWork> | null;
  const ok =
    typeof b === 'object' &&
    b !== null &&
    typeof b.url === 'string' &&
    /^https?:\/\//i.test(b.url) &&
    typeof b.outlet === 'string' &&
    b.outlet !== '' &&
    typeof b.runId === 'string' &&
    typeof b.dueBy === 'string' &&
    !Number.isNaN(Date.parse(b.dueBy));
  if (!ok) throw new MalformedMessageError(`not a feed work message: ${JSON.stringify(body)?.slice(0, 200)}`);
  return b as FeedWork;
}

export interface IngestBatchResult extends BatchResult {
  report: IngestReport;
  malformed: number;
}

/**
 * Works one batch of ingestion messages.
 * 1. Parses each body; a malformed one is reported failed (it reaches the DLQ after its retries).
 * 2. Runs `ingestFeeds` once over the batch's distinct feeds, so its per-host limit covers the batch.
 * 3. Reports failed the messages whose feed could not be stored (our fault, worth a retry). A feed's
 *    own failure (timeout, 404, parse error) is not retried here: its state holds the backoff (R13).
 */
export async function ingestBatch(
  deps: IngestDeps,
  batch: ReceivedMessage<unknown>[],
): Promise<IngestBatchResult> {
  const failedIds: string[] = [];
  const idsByUrl = new Map<string, string[]>();
  const feeds: FeedConfig[] = [];
  let dueBy: Date | undefined;
  let malformed = 0;
  for (const m of batch) {
    let work: FeedWork;
    try {
      work = parseFeedWork(m.body);
    } catch (err) {
      malformed++;
      failedIds.push(m.id);
      deps.log.error('malformed ingestion message', { messageId: m.id, error: (err as Error).message });
      continue;
    }
    const ids = idsByUrl.get(work.url);
    if (ids) ids.push(m.id);
    else {
      idsByUrl.set(work.url, [m.id]);
      feeds.push({ url: work.url, outlet: work.outlet });
    }
    const d = new Date(work.dueBy);
    if (!dueBy || d > dueBy) dueBy = d;
  }
  const report =
    feeds.length > 0
      ? await ingestFeeds(deps, feeds, dueBy ? { dueBy } : {})
      : { feeds: [], articles: { new: 0, updated: 0 } };
  for (const f of report.feeds) {
    if (f.status === 'error' && f.errorKind === undefined) failedIds.push(...(idsByUrl.get(f.url) ?? []));
  }
  return { failedIds, report, malformed };
}

/** Per-status and per-error-kind counts of a report, for metrics. */
export function ingestCounts(report: IngestReport): {
  attempted: number;
  fetched: number;
  notModified: number;
  failed: number;
  notStored: number;
  byErrorKind: Partial<Record<FeedErrorKind, number>>;
} {
  const c = {
    attempted: 0,
    fetched: 0,
    notModified: 0,
    failed: 0,
    notStored: 0,
    byErrorKind: {} as Partial<Record<FeedErrorKind, number>>,
  };
  for (const f of report.feeds) {
    if (f.status === 'skipped') continue;
    c.attempted++;
    if (f.status === 'fetched') c.fetched++;
    else if (f.status === 'not_modified') c.notModified++;
    else if (f.errorKind === undefined) c.notStored++;
    else {
      c.failed++;
      c.byErrorKind[f.errorKind] = (c.byErrorKind[f.errorKind] ?? 0) + 1;
    }
  }
  return c;
}

/** Wraps the article store so that every new article joining an existing story is counted (R25). */
export function countingClusters(
  articles: IngestDeps['articles'],
  onClustered: () => void,
): IngestDeps['articles'] {
  return new Proxy(articles, {
    get(target, prop) {
      if (prop === 'putNewArticles') {
        return async (list: Parameters<typeof target.putNewArticles>[0]) => {
          await target.putNewArticles(list);
          for (const article of list) if (article.storyId !== article.id) onClustered();
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

type ArticleStoreLike = IngestDeps['articles'];
type Article = Awaited<ReturnType<ArticleStoreLike['listFirstSeenBetween']>>[number];

/**
 * Keeps the recent-articles window that story matching reads (R25) in a warm worker, and tops it up
 * with only what was first seen since the last call. Without it every worker invocation that finds a
 * new article reads the whole window (3 days of full articles): the load run measured ~64 read units
 * per feed for that alone, growing with the window. Articles are kept slim (id, story, signature,
 * first-seen time: all the matching reads); the top-up overlaps the previous call by `overlapMs` so
 * an article another worker stamped just before and wrote just after is not missed.
 */
export function cachingRecentArticles(
  articles: ArticleStoreLike,
  opts: { overlapMs?: number; maxEntries?: number } = {},
): ArticleStoreLike & { cacheStats(): { fullLoads: number; topUps: number; entries: number } } {
  const overlapMs = opts.overlapMs ?? 2 * 60_000;
  const maxEntries = opts.maxEntries ?? 200_000;
  let window: { from: string; to: string; byId: Map<string, Article> } | undefined;
  const stats = { fullLoads: 0, topUps: 0 };
  const slim = (a: Article): Article => ({
    ...a,
    html: '',
    text: '',
    summary: '',
    actors: [],
    topics: [],
  });

  async function listFirstSeenBetween(fromIso: string, toIso: string): Promise<Article[]> {
    if (!window || fromIso < window.from || toIso < window.to || window.byId.size > maxEntries) {
      const list = await articles.listFirstSeenBetween(fromIso, toIso);
      window = { from: fromIso, to: toIso, byId: new Map(list.map((a) => [a.id, slim(a)])) };
      stats.fullLoads++;
    } else if (toIso > window.to) {
      const since = new Date(Date.parse(window.to) - overlapMs).toISOString();
      for (const a of await articles.listFirstSeenBetween(since < fromIso ? fromIso : since, toIso)) {
        window.byId.set(a.id, slim(a));
      }
      window.to = toIso;
      stats.topUps++;
    }
    for (const [id, a] of window.byId) if (a.firstSeenAt < fromIso) window.byId.delete(id);
    window.from = fromIso;
    return [...window.byId.values()]
      .filter((a) => a.firstSeenAt < toIso)
      .sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt));
  }

  return new Proxy(articles, {
    get(target, prop) {
      if (prop === 'listFirstSeenBetween') return listFirstSeenBetween;
      if (prop === 'cacheStats') return () => ({ ...stats, entries: window?.byId.size ?? 0 });
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as ArticleStoreLike & { cacheStats(): { fullLoads: number; topUps: number; entries: number } };
}
