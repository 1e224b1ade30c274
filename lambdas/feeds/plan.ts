/**
 * Ingestion, scaled out: a planner picks the feeds due and enqueues one message per feed
 * (planner.ts); workers take batches of messages and run the ordinary ingest use case on them (here).
 */
import type { BatchResult, ReceivedMessage } from '../queue/ports';
import type { FeedConfig, FeedErrorKind } from '../shared/types';
import { type IngestDeps, type IngestReport, ingestFeeds } from './ingest';
import { type FeedWork, parseFeedWork } from './planner';

export {
  DEFAULT_INGEST_PLAN,
  type FeedWork,
  hostGroup,
  type IngestPlan,
  type IngestPlanDeps,
  type IngestPlanOptions,
  parseFeedWork,
  planIngestion,
} from './planner';

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
