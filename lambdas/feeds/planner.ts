/**
 * The ingestion planner's half of scaling out (the worker's half is in plan.ts): picks the feeds due
 * and enqueues one message per feed. Kept apart from the ingest use case so the planner Lambda loads
 * no fetching, parsing or cleaning code.
 *
 * Per-host politeness (R15) across workers comes from the queue: messages are grouped by feed host
 * (an SQS FIFO message group), and a group is handed to one batch at a time, so at most one worker
 * talks to a host at any moment; inside that worker `ingestFeeds` allows 2 connections per host.
 * Grouping several feeds into one message would not hold across redeliveries or a host with more
 * feeds than a message carries; a message per feed also keeps failures per feed.
 */
import { createHash } from 'node:crypto';
import { MalformedMessageError, type WorkMessage, type WorkQueue } from '../queue/ports';
import type { Clock } from '../shared/clock';
import type { Log } from '../shared/log';
import type { FeedConfig, FeedState } from '../shared/types';
import type { FeedStateStore } from '../store/ports';

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
