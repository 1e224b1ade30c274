/**
 * The digest, scaled out. Every hour on the hour the schedule runs the planner, which enqueues the
 * confirmed subscribers whose delivery hour it now is in their own zone (shared/delivery-time.ts),
 * 50 ids to a message, each message dated on those readers' local date; weekly readers only when
 * that date is their day. It finds them through an index keyed by zone and hour, so an hour reads
 * only who is due: one query per zone in use. Senders run the ordinary digest use case restricted
 * to a message's ids. The send ledger's claims keep exactly-once per (subscriber, local date), and
 * per (subscriber, ISO week) for weekly editions, across redeliveries and duplicate messages (R33);
 * each sender paces itself at its share of the SES rate (R34).
 */

import pLimit from 'p-limit';
import {
  type BatchResult,
  chunk,
  MalformedMessageError,
  type ReceivedMessage,
  type WorkQueue,
} from '../queue/ports';
import type { Clock } from '../shared/clock';
import {
  dueHours,
  isDeliveryHour,
  isDueAt,
  isValidTimeZone,
  localDate,
  scheduledInstant,
  weekdayOf,
} from '../shared/delivery-time';
import type { Log } from '../shared/log';
import { DEFAULT_DELIVERY_HOUR, type Subscriber } from '../shared/types';
import type { ArticleStore, SubscriberStore } from '../store/ports';
import { type DigestDeps, type DigestReport, runDigest } from './run-digest';
import { dateIn, parseDigestDate } from './window';

/** The body of one digest message. */
export interface DigestWork {
  /** The local date of every subscriber of the message. */
  date: string;
  /** The run's reference time: every sender's windows end here, so they share one article read. */
  asOf: string;
  subscriberIds: string[];
  /** The planner's run, the correlation id of the senders' logs. */
  runId: string;
  /** Also compose the date's house edition (the archive's page for the day). */
  house?: boolean;
}

export const DEFAULT_DIGEST_BATCH = 50;
/** Ids read from the store per page: 20 messages of 50. */
export const DEFAULT_PLAN_PAGE = 1000;
/**
 * Messages enqueued at once while more pages follow: SQS takes 10 per SendMessageBatch, so no call
 * but the last goes out part-empty and `calls` is what one send of the whole list would have made.
 */
const MESSAGES_PER_FLUSH = 10;
/** Zone queries in flight at once. */
const ZONE_QUERIES = 8;

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

/** Enqueues ids `batchSize` to a message, holding back a partial flush while more may follow. */
class Enqueuer {
  readonly totals = { subscribers: 0, messages: 0, calls: 0 };
  private readonly pending = new Map<string, string[]>();
  private readonly flushUnit: number;

  constructor(
    private readonly queue: WorkQueue<DigestWork>,
    private readonly asOf: string,
    private readonly runId: (date: string) => string,
    private readonly batchSize: number,
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new RangeError(`batch size must be a positive integer: ${batchSize}`);
    this.flushUnit = batchSize * MESSAGES_PER_FLUSH;
  }

  async add(date: string, ids: string[], more: boolean): Promise<void> {
    this.totals.subscribers += ids.length;
    const pending = (this.pending.get(date) ?? []).concat(ids);
    // Every message but a date's last holds a full batch.
    const ready = more ? pending.length - (pending.length % this.flushUnit) : pending.length;
    if (ready > 0) await this.send(date, pending.slice(0, ready));
    this.pending.set(date, pending.slice(ready));
  }

  async send(date: string, ids: string[], extra: Partial<DigestWork> = {}): Promise<void> {
    const groups = ids.length ? chunk(ids, this.batchSize) : [[]];
    const messages = groups.map((subscriberIds) => ({
      body: { date, asOf: this.asOf, subscriberIds, runId: this.runId(date), ...extra },
    }));
    const { sent, calls } = await this.queue.send(messages);
    this.totals.messages += sent;
    this.totals.calls += calls;
  }

  async flush(): Promise<void> {
    for (const [date, ids] of this.pending) if (ids.length) await this.send(date, ids);
    this.pending.clear();
  }
}

/**
 * Plans a digest run of one date for every confirmed subscriber, whatever their hour: an
 * operator's rerun (`{"date"}` invoked by hand), not the schedule's hourly run.
 * 1. Fixes the run's date and reference time.
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
  const out = new Enqueuer(
    deps.queue,
    asOf.toISOString(),
    () => runId,
    opts.batchSize ?? DEFAULT_DIGEST_BATCH,
  );
  let cursor: string | undefined;
  do {
    const page = await deps.subscribers.pageIdsByStatus(
      'confirmed',
      cursor,
      opts.pageSize ?? DEFAULT_PLAN_PAGE,
    );
    cursor = page.cursor;
    await out.add(date, page.ids, cursor !== undefined);
  } while (cursor);
  await out.flush();
  const plan = { runId, date, asOf: asOf.toISOString(), ...out.totals };
  deps.log.info('digest planned', { ...plan });
  return plan;
}

export interface DeliveryPlanDeps {
  subscribers: Pick<SubscriberStore, 'deliveryZones' | 'pageDue' | 'deliveryIndexReady' | 'listByStatus'>;
  queue: WorkQueue<DigestWork>;
  clock: Clock;
  log: Log;
}

export interface DeliveryPlan {
  runId: string;
  /** The scheduled instant: a whole UTC hour. */
  at: string;
  /** Zones looked in (one index query each, at least). */
  zones: number;
  subscribers: number;
  /** Subscribers due, by their local date. */
  dates: Record<string, number>;
  /** The house edition's date, when the configured zone reached the default hour. */
  houseDate?: string;
  messages: number;
  calls: number;
}

/** One zone's due subscribers at an instant: which local date, which hours. */
export interface DueGroup {
  timeZone: string;
  date: string;
  fromHour: number;
  toHour: number;
}

/**
 * The groups of subscribers due at a scheduled instant. A zone the runtime does not know (legacy
 * data) is due when the configured zone is, as the digest treats its readers.
 */
export function dueGroups(zones: readonly string[], at: Date, fallbackZone: string): DueGroup[] {
  const groups: DueGroup[] = [];
  for (const timeZone of zones) {
    const due = dueHours(isValidTimeZone(timeZone) ? timeZone : fallbackZone, at);
    if (due.from <= due.to) groups.push({ timeZone, date: due.date, fromHour: due.from, toHour: due.to });
  }
  return groups;
}

/** The ids of one due group, a page at a time, read from the delivery index in its order. */
async function* dueIds(
  subscribers: Pick<SubscriberStore, 'pageDue'>,
  g: DueGroup,
  pageSize: number | undefined,
): AsyncGenerator<string[]> {
  let cursor: string | undefined;
  do {
    const page = await subscribers.pageDue(
      g.timeZone,
      g.fromHour,
      g.toHour,
      cursor,
      pageSize,
      weekdayOf(g.date),
    );
    cursor = page.cursor;
    yield page.ids;
  } while (cursor);
}

/**
 * Plans the hourly delivery at one scheduled instant.
 * 1. Rounds the time to the schedule's whole UTC hour (a late or retried event agrees).
 * 2. Lists the zones in use; per zone, works out the local hours due now and the local date.
 * 3. Queries the index for each zone's due hours and enqueues the ids by local date.
 * 4. When the configured zone reaches the default hour, enqueues the day's house edition.
 */
export async function planDelivery(
  deps: DeliveryPlanDeps,
  opts: { at?: string; timeZone: string; batchSize?: number; pageSize?: number },
): Promise<DeliveryPlan> {
  const requested = opts.at ? new Date(opts.at) : deps.clock.now();
  if (Number.isNaN(requested.getTime())) throw new RangeError(`not a time: ${opts.at}`);
  const at = scheduledInstant(requested);
  const asOf = at.toISOString();
  const runId = `delivery:${asOf}`;
  const out = new Enqueuer(deps.queue, asOf, () => runId, opts.batchSize ?? DEFAULT_DIGEST_BATCH);
  if (!(await deps.subscribers.deliveryIndexReady())) {
    return planFromListing(deps, out, at, opts.timeZone, runId);
  }
  const zones = await deps.subscribers.deliveryZones();
  const dates: Record<string, number> = {};
  const limit = pLimit(ZONE_QUERIES);
  // Zones are read concurrently; enqueueing is serialised so batches stay whole.
  let chain = Promise.resolve();
  await Promise.all(
    dueGroups(zones, at, opts.timeZone).map((g) =>
      limit(async () => {
        for await (const ids of dueIds(deps.subscribers, g, opts.pageSize)) {
          dates[g.date] = (dates[g.date] ?? 0) + ids.length;
          // Other zones may add to the same date: only the final flush sends a part-full batch.
          chain = chain.then(() => out.add(g.date, ids, true));
          await chain;
        }
      }),
    ),
  );
  await chain;
  await out.flush();
  const houseDate = await enqueueHouse(out, at, opts.timeZone);
  const plan: DeliveryPlan = {
    runId,
    at: asOf,
    zones: zones.length,
    dates,
    ...(houseDate ? { houseDate } : {}),
    ...out.totals,
  };
  deps.log.info('digest delivery planned', { ...plan });
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
    (b.house === undefined || typeof b.house === 'boolean') &&
    Array.isArray(b.subscriberIds) &&
    (b.subscriberIds.length > 0 || b.house === true) &&
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
 * 2. Runs the digest once per (date, reference time) over the batch's distinct subscribers, and
 *    composes the date's house edition when a message asks for it.
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
  const runs = new Map<
    string,
    { work: DigestWork; house: boolean; messages: { id: string; ids: string[] }[] }
  >();
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
    const run = runs.get(key) ?? { work, house: false, messages: [] };
    run.house ||= work.house === true;
    run.messages.push({ id: m.id, ids: work.subscriberIds });
    runs.set(key, run);
  }
  for (const { work, house, messages } of runs.values()) {
    const subscriberIds = [...new Set(messages.flatMap((m) => m.ids))];
    let report: DigestReport;
    try {
      report = await runDigest(deps, { date: work.date, asOf: work.asOf, subscriberIds, house });
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

/**
 * The hourly plan while the delivery index is not built yet (subscribers from before it existed):
 * the whole confirmed list, read every hour, filtered by the same rule. It works, at the old cost;
 * `digest --reindex` builds the index once, and from then on the index is used.
 */
async function planFromListing(
  deps: DeliveryPlanDeps,
  out: Enqueuer,
  at: Date,
  timeZone: string,
  runId: string,
): Promise<DeliveryPlan> {
  deps.log.warn('delivery index not built: reading every confirmed subscriber this hour', {
    fix: 'npm run cli -- --stack NAME digest --reindex',
  });
  const due = dueFromListing(await deps.subscribers.listByStatus('confirmed'), at, timeZone);
  const dates: Record<string, number> = {};
  for (const [date, ids] of due) {
    dates[date] = ids.length;
    await out.add(date, ids, true);
  }
  await out.flush();
  const houseDate = await enqueueHouse(out, at, timeZone);
  const plan: DeliveryPlan = {
    runId,
    at: at.toISOString(),
    zones: 0,
    dates,
    ...(houseDate ? { houseDate } : {}),
    ...out.totals,
  };
  deps.log.info('digest delivery planned', { ...plan, fromListing: true });
  return plan;
}

/** The subscribers of a listing due at `at`, by local date: the index's rule, applied in memory. */
export function dueFromListing(
  subscribers: Subscriber[],
  at: Date,
  fallbackZone: string,
): Map<string, string[]> {
  const byDate = new Map<string, string[]>();
  const groups = new Map(
    dueGroups([...new Set(subscribers.map((s) => s.timeZone))], at, fallbackZone).map((g) => [g.timeZone, g]),
  );
  for (const s of subscribers) {
    const g = groups.get(s.timeZone);
    const hour = isDeliveryHour(s.deliveryHour) ? s.deliveryHour : DEFAULT_DELIVERY_HOUR;
    if (s.status !== 'confirmed' || !g || hour < g.fromHour || hour > g.toHour) continue;
    if (s.weeklyOn !== undefined && s.weeklyOn !== weekdayOf(g.date)) continue;
    byDate.set(g.date, [...(byDate.get(g.date) ?? []), s.id]);
  }
  return byDate;
}

async function enqueueHouse(out: Enqueuer, at: Date, timeZone: string): Promise<string | undefined> {
  if (!isDueAt(timeZone, DEFAULT_DELIVERY_HOUR, at)) return undefined;
  const houseDate = localDate(at, timeZone);
  await out.send(houseDate, [], { house: true });
  return houseDate;
}

export interface DeliveryRun {
  /** The scheduled instant delivered. */
  at: string;
  /** One report per local date among the subscribers due (and the house edition's date). */
  reports: DigestReport[];
}

/**
 * The hourly delivery in one process, as the schedule's planner and senders would run it at `at`
 * (`digest --at`): the same due groups, the same dates and windows, without a queue.
 */
export async function runDelivery(
  deps: DigestDeps,
  opts: { at: Date; dryRun?: boolean; pageSize?: number },
): Promise<DeliveryRun> {
  const at = opts.at;
  if (at.getTime() % 3_600_000 !== 0) throw new RangeError(`not a scheduled instant: ${at.toISOString()}`);
  const indexed = await deps.subscribers.deliveryIndexReady();
  const groups = indexed ? dueGroups(await deps.subscribers.deliveryZones(), at, deps.config.timeZone) : [];
  const byDate = indexed
    ? new Map<string, string[]>()
    : dueFromListing(await deps.subscribers.listByStatus('confirmed'), at, deps.config.timeZone);
  for (const g of groups) {
    const ids = byDate.get(g.date) ?? [];
    for await (const page of dueIds(deps.subscribers, g, opts.pageSize)) ids.push(...page);
    byDate.set(g.date, ids);
  }
  const houseDate = isDueAt(deps.config.timeZone, DEFAULT_DELIVERY_HOUR, at)
    ? localDate(at, deps.config.timeZone)
    : undefined;
  if (houseDate && !byDate.has(houseDate)) byDate.set(houseDate, []);
  const reports: DigestReport[] = [];
  for (const [date, subscriberIds] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
    reports.push(
      await runDigest(deps, {
        date,
        asOf: at.toISOString(),
        subscriberIds,
        dryRun: opts.dryRun,
        house: date === houseDate,
      }),
    );
  }
  return { at: at.toISOString(), reports };
}
