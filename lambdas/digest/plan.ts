/**
 * The digest, scaled out: a planner enqueues the confirmed subscribers' ids, 50 to a message; senders
 * run the ordinary digest use case restricted to a message's ids. The send ledger's claims keep
 * exactly-once per (subscriber, date) across redeliveries and duplicate messages (R33); each sender
 * paces itself at its share of the SES rate (R34).
 */

import {
  type BatchResult,
  chunk,
  MalformedMessageError,
  type ReceivedMessage,
  type WorkQueue,
} from '../queue/ports';
import type { Clock } from '../shared/clock';
import type { Log } from '../shared/log';
import type { ArticleStore, SubscriberStore } from '../store/ports';
import { type DigestDeps, type DigestReport, runDigest } from './run-digest';
import { dateIn, parseDigestDate } from './window';

/** The body of one digest message. */
export interface DigestWork {
  date: string;
  /** The run's reference time: every sender's windows end here, so they share one article read. */
  asOf: string;
  subscriberIds: string[];
  /** The planner's run, the correlation id of the senders' logs. */
  runId: string;
}

export const DEFAULT_DIGEST_BATCH = 50;
/** Ids read from the store per page: 20 messages of 50. */
export const DEFAULT_PLAN_PAGE = 1000;
/**
 * Messages enqueued at once while more pages follow: SQS takes 10 per SendMessageBatch, so no call
 * but the last goes out part-empty and `calls` is what one send of the whole list would have made.
 */
const MESSAGES_PER_FLUSH = 10;

export interface DigestPlanDeps {
  subscribers: Pick<SubscriberStore, 'pageIdsByStatus'>;
  queue: WorkQueue<DigestWork>;
  clock: Clock;
  log: Log;
}

export interface DigestPlan {
  runId: string;
  date: string;
  asOf: string;
  subscribers: number;
  messages: number;
  /** SendMessageBatch calls. */
  calls: number;
}

/**
 * Plans one digest run.
 * 1. Fixes the run's date and reference time (the schedule's time when given, so a retry agrees).
 * 2. Pages through the confirmed subscribers' ids and enqueues them as it goes, `batchSize` to a
 *    message, so memory holds about one page whatever the size of the list.
 * A retry, or a failure after some pages went out, enqueues again; the send ledger makes the second
 * message of a subscriber send nothing.
 */
export async function planDigest(
  deps: DigestPlanDeps,
  opts: {
    timeZone: string;
    date?: string;
    asOf?: string;
    runId?: string;
    batchSize?: number;
    /** Ids per store read. @default 1000 */
    pageSize?: number;
  },
): Promise<DigestPlan> {
  const asOf = opts.asOf ? new Date(opts.asOf) : deps.clock.now();
  if (Number.isNaN(asOf.getTime())) throw new RangeError(`not a time: ${opts.asOf}`);
  const date = opts.date ?? dateIn(asOf, opts.timeZone);
  parseDigestDate(date);
  const runId = opts.runId ?? `digest:${date}`;
  const batchSize = opts.batchSize ?? DEFAULT_DIGEST_BATCH;
  const pageSize = opts.pageSize ?? DEFAULT_PLAN_PAGE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batch size must be a positive integer: ${batchSize}`);
  const flushUnit = batchSize * MESSAGES_PER_FLUSH;
  const totals = { subscribers: 0, messages: 0, calls: 0 };
  const enqueue = async (ids: string[]) => {
    const messages = chunk(ids, batchSize).map((subscriberIds) => ({
      body: { date, asOf: asOf.toISOString(), subscriberIds, runId },
    }));
    const { sent, calls } = await deps.queue.send(messages);
    totals.messages += sent;
    totals.calls += calls;
  };
  // Ids carried to the next page, so every message but the run's last holds a full batch.
  let pending: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.subscribers.pageIdsByStatus('confirmed', cursor, pageSize);
    cursor = page.cursor;
    totals.subscribers += page.ids.length;
    pending = pending.concat(page.ids);
    const ready = cursor ? pending.length - (pending.length % flushUnit) : pending.length;
    if (ready > 0) {
      await enqueue(pending.slice(0, ready));
      pending = pending.slice(ready);
    }
  } while (cursor);
  const plan = { runId, date, asOf: asOf.toISOString(), ...totals };
  deps.log.info('digest planned', { ...plan });
  return plan;
}

export function parseDigestWork(body: unknown): DigestWork {
  const b = body as Partial<DigestWork> | null;
  const ok =
    typeof b === 'object' &&
    b !== null &&
    typeof b.date === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(b.date) &&
    typeof b.asOf === 'string' &&
    !Number.isNaN(Date.parse(b.asOf)) &&
    typeof b.runId === 'string' &&
    Array.isArray(b.subscriberIds) &&
    b.subscriberIds.length > 0 &&
    b.subscriberIds.every((id) => typeof id === 'string' && id !== '');
  if (!ok)
    throw new MalformedMessageError(`not a digest work message: ${JSON.stringify(body)?.slice(0, 200)}`);
  return b as DigestWork;
}

export interface DigestBatchResult extends BatchResult {
  reports: DigestReport[];
  malformed: number;
}

/**
 * Sends one batch of digest messages.
 * 1. Parses each body; a malformed one is reported failed (it reaches the DLQ after its retries).
 * 2. Runs the digest once per (date, reference time) over the batch's distinct subscribers.
 * 3. Reports failed the messages holding a subscriber SES refused (recorded as failed in the ledger,
 *    so the retry claims it again and skips everyone already sent). An uncertain send is never
 *    retried: SES may have accepted it (R33).
 */
export async function sendDigestBatch(
  deps: DigestDeps,
  batch: ReceivedMessage<unknown>[],
): Promise<DigestBatchResult> {
  const failedIds: string[] = [];
  const reports: DigestReport[] = [];
  let malformed = 0;
  const runs = new Map<string, { work: DigestWork; messages: { id: string; ids: string[] }[] }>();
  for (const m of batch) {
    let work: DigestWork;
    try {
      work = parseDigestWork(m.body);
    } catch (err) {
      malformed++;
      failedIds.push(m.id);
      deps.log.error('malformed digest message', { messageId: m.id, error: (err as Error).message });
      continue;
    }
    const key = `${work.date}|${work.asOf}`;
    const run = runs.get(key) ?? { work, messages: [] };
    run.messages.push({ id: m.id, ids: work.subscriberIds });
    runs.set(key, run);
  }
  for (const { work, messages } of runs.values()) {
    const subscriberIds = [...new Set(messages.flatMap((m) => m.ids))];
    let report: DigestReport;
    try {
      report = await runDigest(deps, { date: work.date, asOf: work.asOf, subscriberIds });
    } catch (err) {
      deps.log.error('digest batch failed', { date: work.date, error: (err as Error).message });
      failedIds.push(...messages.map((m) => m.id));
      continue;
    }
    reports.push(report);
    const failed = new Set(report.failures.map((f) => f.subscriberId));
    for (const m of messages) if (m.ids.some((id) => failed.has(id))) failedIds.push(m.id);
  }
  return { failedIds, reports, malformed };
}

/**
 * Keeps the last few article windows a warm sender read: every message of a run asks for the same
 * window (the run's `asOf`), so a container reads the day's articles once instead of once per 50
 * subscribers.
 */
export function memoizedArticleWindows(
  articles: ArticleStore,
  maxWindows = 2,
): ArticleStore & { reads(): number } {
  const windows = new Map<string, ReturnType<ArticleStore['listFirstSeenBetween']>>();
  let reads = 0;
  const listFirstSeenBetween = (fromIso: string, toIso: string) => {
    const key = `${fromIso}|${toIso}`;
    let hit = windows.get(key);
    if (!hit) {
      reads++;
      hit = articles.listFirstSeenBetween(fromIso, toIso);
      hit.catch(() => windows.delete(key));
      windows.set(key, hit);
      while (windows.size > maxWindows) windows.delete(windows.keys().next().value as string);
    }
    return hit;
  };
  return new Proxy(articles, {
    get(target, prop) {
      if (prop === 'listFirstSeenBetween') return listFirstSeenBetween;
      if (prop === 'reads') return () => reads;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as ArticleStore & { reads(): number };
}
