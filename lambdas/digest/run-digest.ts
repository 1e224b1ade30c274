/**
 * The daily digest use case.
 * 1. Works out each confirmed subscriber's window and topic selection; reads the articles once.
 * 2. Composes and renders once per distinct (selection, time zone, window); subscribers' own links
 *    are filled in afterwards.
 * 3. Per subscriber, isolated from the others: re-reads them (an unsubscribe during the run wins),
 *    claims (date, subscriber) in the ledger, sends at the configured pace with backoff on
 *    throttling, records the outcome, and moves their lastDigestAt to the window's end (R33, R34).
 * A claim left in "sending" (SES may have accepted it) is reported as uncertain and never resent.
 */
import pLimit from 'p-limit';
import { type Mailer, MailSendError, MailThrottledError } from '../mail/ports';
import type { Clock } from '../shared/clock';
import type { Log } from '../shared/log';
import type { Article, SendRecord, Subscriber } from '../shared/types';
import type { ArticleStore, SendLedger, SubscriberStore } from '../store/ports';
import { selectionKey, siteLinks } from '../subscribers/links';
import { loadActorBaseline } from './baseline';
import { buildStoryPool, normaliseTopics, type StoryPool } from './compose';
import { DigestConfigError, DigestInputError } from './errors';
import { digestMessage } from './message';
import { Pacer, realSleep, sendWithBackoff } from './pacing';
import { personalise, type RenderedDigest, renderSelection } from './render';
import {
  type DigestWindow,
  dateIn,
  digestWindow,
  endOfDayIn,
  FIRST_LOOKBACK_MS,
  isValidTimeZone,
  parseDigestDate,
  startOfDayIn,
} from './window';

export interface DigestConfig {
  senderAddress: string;
  senderName: string;
  postalAddress: string;
  publicBaseUrl: string;
  tokenSecret: string;
  timeZone: string;
  configurationSet?: string;
  sendRatePerSecond: number;
  maxStoriesPerTopic?: number;
  dailyQuota?: number;
}

export interface DigestDeps {
  articles: ArticleStore;
  subscribers: SubscriberStore;
  sends: SendLedger;
  mailer: Mailer;
  clock: Clock;
  log: Log;
  config: DigestConfig;
  sleep?: (ms: number) => Promise<void>;
}

/** Why a subscriber got nothing this run. */
export type SkipReason = 'no_new_stories' | 'already_sent' | 'paused' | 'no_longer_confirmed' | 'over_quota';

export interface DigestReport {
  date: string;
  /** Confirmed subscribers considered: sent + skipped + failed + uncertain (+ planned on a dry run). */
  subscribers: number;
  sent: number;
  skipped: number;
  /** SES refused (or kept throttling): recorded as failed, so a later run may retry them. */
  failed: number;
  /** Claimed but with no known outcome (a crash or an unknown error after the send began). */
  uncertain: number;
  dryRun: boolean;
  /** Dry run: how many would have been sent. */
  planned: number;
  reasons: Record<SkipReason, number>;
  /** Distinct renders (topic selection, time zone and window). */
  selections: number;
  /** Distinct stories across the run's windows. */
  stories: number;
  failures: { subscriberId: string; error: string }[];
  uncertainSubscribers: string[];
  /** Where the mailer put the messages, when it says (the local outbox). */
  locations: string[];
  previews?: { topics: string[]; subject: string; html: string; text: string }[];
}

const SEND_CONCURRENCY_MAX = 10;
/** The archive page shows every story of the day. */
const ARCHIVE_STORIES_PER_TOPIC = 200;

export function validateDigestConfig(config: DigestConfig): void {
  const bad = (key: keyof DigestConfig, why: string) => {
    throw new DigestConfigError(`digest config "${key}" ${why}`);
  };
  if (!/^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/.test(config.senderAddress ?? '')) {
    bad('senderAddress', 'must be an email address');
  }
  if (!config.senderName?.trim()) bad('senderName', 'must not be empty');
  if (!config.postalAddress?.trim()) bad('postalAddress', 'must not be empty (R29: every digest shows it)');
  let base: URL | undefined;
  try {
    base = new URL(config.publicBaseUrl);
  } catch {}
  if (!base || (base.protocol !== 'https:' && base.protocol !== 'http:')) {
    bad('publicBaseUrl', 'must be an absolute http(s) URL');
  }
  if (!config.tokenSecret) bad('tokenSecret', 'must not be empty');
  if (!isValidTimeZone(config.timeZone)) bad('timeZone', `is not an IANA time zone: "${config.timeZone}"`);
  if (!(config.sendRatePerSecond > 0) || !Number.isFinite(config.sendRatePerSecond)) {
    bad('sendRatePerSecond', 'must be a positive number');
  }
  if (
    config.maxStoriesPerTopic !== undefined &&
    (!Number.isInteger(config.maxStoriesPerTopic) || config.maxStoriesPerTopic < 1)
  ) {
    bad('maxStoriesPerTopic', 'must be a whole number of at least 1');
  }
  if (config.dailyQuota !== undefined && (!Number.isInteger(config.dailyQuota) || config.dailyQuota < 0)) {
    bad('dailyQuota', 'must be a whole number of at least 0');
  }
}

interface Plan {
  subscriber: Subscriber;
  timeZone: string;
  window: DigestWindow;
  topics: string[];
  renderKey: string;
}

interface Render {
  topics: string[];
  rendered: RenderedDigest;
  stories: number;
  previewed?: boolean;
}

const windowKey = (w: DigestWindow) => `${w.from}/${w.to}`;

export async function runDigest(
  deps: DigestDeps,
  opts: {
    date?: string;
    dryRun?: boolean;
    /**
     * Only these subscribers, each read fresh and kept if confirmed: one sender's share of a run
     * planned by digest/plan.ts. The send ledger's claims still decide who gets the digest (R33).
     */
    subscriberIds?: string[];
    /** The run's reference time instead of the clock: every sender of one run gets the same windows. */
    asOf?: string;
  } = {},
): Promise<DigestReport> {
  const { config, log } = deps;
  validateDigestConfig(config);
  if (config.tokenSecret.length < 16) {
    log.warn('digest config "tokenSecret" is short: unsubscribe tokens are only as strong as it is');
  }
  const started = opts.asOf ? new Date(opts.asOf) : deps.clock.now();
  if (Number.isNaN(started.getTime())) throw new DigestInputError(`asOf is not a time: "${opts.asOf}"`);
  const date = opts.date ?? dateIn(started, config.timeZone);
  parseDigestDate(date);
  const dryRun = opts.dryRun === true;
  const sleep = deps.sleep ?? realSleep;
  const links = siteLinks(config.publicBaseUrl, config.tokenSecret);

  const subscribers = opts.subscriberIds
    ? await confirmedAmong(deps.subscribers, opts.subscriberIds)
    : await deps.subscribers.listByStatus('confirmed');
  const report: DigestReport = {
    date,
    subscribers: subscribers.length,
    sent: 0,
    skipped: 0,
    failed: 0,
    uncertain: 0,
    dryRun,
    planned: 0,
    reasons: { no_new_stories: 0, already_sent: 0, paused: 0, no_longer_confirmed: 0, over_quota: 0 },
    selections: 0,
    stories: 0,
    failures: [],
    uncertainSubscribers: [],
    locations: [],
    ...(dryRun ? { previews: [] } : {}),
  };
  const skip = (reason: SkipReason) => {
    report.skipped++;
    report.reasons[reason]++;
  };

  const plans: Plan[] = subscribers.map((subscriber) => {
    const timeZone = isValidTimeZone(subscriber.timeZone) ? subscriber.timeZone : config.timeZone;
    const window = digestWindow(date, timeZone, started, subscriber.lastDigestAt);
    const topics = normaliseTopics(subscriber.topics);
    return {
      subscriber,
      timeZone,
      window,
      topics,
      renderKey: `${selectionKey(topics)}|${timeZone}|${windowKey(window)}`,
    };
  });

  // One read of the articles for every window of the run.
  const open = plans.filter((p) => p.window.from < p.window.to);
  let articles: Article[] = [];
  if (open.length) {
    const from = open.map((p) => p.window.from).sort()[0]!;
    const to = open.map((p) => p.window.to).sort()[open.length - 1]!;
    articles = await deps.articles.listFirstSeenBetween(from, to);
  }
  // "In the news" sets the day against the 30 before it: read once per run, only when needed.
  const baseline = open.length ? await loadActorBaseline(deps.articles, date, log) : undefined;
  const pools = new Map<string, StoryPool>();
  const poolFor = (w: DigestWindow) => {
    let pool = pools.get(windowKey(w));
    if (!pool) {
      pool = buildStoryPool(articles, w);
      pools.set(windowKey(w), pool);
    }
    return pool;
  };
  const renders = new Map<string, Render>();
  const renderFor = (plan: Plan): Render => {
    let render = renders.get(plan.renderKey);
    if (!render) {
      const { digest, rendered } = renderSelection(
        poolFor(plan.window),
        {
          date,
          timeZone: plan.timeZone,
          topics: plan.topics,
          maxStoriesPerTopic: config.maxStoriesPerTopic,
          baseline,
        },
        { senderName: config.senderName, postalAddress: config.postalAddress, links, mode: 'email' },
      );
      render = { topics: plan.topics, rendered, stories: digest.storyCount };
      renders.set(plan.renderKey, render);
    }
    return render;
  };

  // The quota counts what this date already used; a slot is reserved before the claim is awaited.
  let quotaUsed = 0;
  if (config.dailyQuota !== undefined && !dryRun) {
    quotaUsed = (await deps.sends.listForDate(date)).filter((r) => r.status !== 'failed').length;
  }
  const pacer = new Pacer(config.sendRatePerSecond, deps.clock, sleep);
  const limit = pLimit(Math.max(1, Math.min(SEND_CONCURRENCY_MAX, Math.ceil(config.sendRatePerSecond))));

  /** Nothing to send: say whether that is because it already went (or may have). */
  const nothingNew = async (plan: Plan) => {
    const record = await deps.sends.get(date, plan.subscriber.id);
    if (record) return settleExisting(plan, record);
    skip('no_new_stories');
  };
  const settleExisting = (plan: Plan, record: SendRecord) => {
    if (record.status === 'sending') {
      report.uncertain++;
      report.uncertainSubscribers.push(plan.subscriber.id);
      log.warn('digest send uncertain: claimed but never confirmed, not resending', {
        date,
        subscriberId: plan.subscriber.id,
        claimedAt: record.claimedAt,
      });
    } else if (record.status === 'sent') skip('already_sent');
    // A refused send whose window has since emptied: nothing to retry it with.
    else skip('no_new_stories');
    return undefined;
  };

  const deliver = async (plan: Plan): Promise<void> => {
    const { subscriber } = plan;
    if (subscriber.paused) return skip('paused');
    if (plan.window.from >= plan.window.to) return nothingNew(plan);
    const render = renderFor(plan);
    if (render.stories === 0) return nothingNew(plan);
    const personal = {
      unsubscribe: links.unsubscribe(subscriber),
      preferences: links.preferences(subscriber),
    };

    if (dryRun) {
      const record = await deps.sends.get(date, subscriber.id);
      if (record && record.status !== 'failed') return settleExisting(plan, record);
      report.planned++;
      if (!render.previewed) {
        render.previewed = true;
        report.previews!.push({ topics: render.topics, ...personalise(render.rendered, personal) });
      }
      return;
    }

    if (config.dailyQuota !== undefined && quotaUsed >= config.dailyQuota) return skip('over_quota');
    quotaUsed++;
    // The list was read at the start; an unsubscribe or pause since then must win.
    const fresh = await deps.subscribers.get(subscriber.id);
    if (fresh?.status !== 'confirmed' || fresh.paused) {
      quotaUsed--;
      return skip(fresh?.paused ? 'paused' : 'no_longer_confirmed');
    }
    const message = digestMessage(
      personalise(render.rendered, personal),
      { email: fresh.email, id: subscriber.id, unsubscribeUrl: personal.unsubscribe },
      date,
      config,
    );
    const claim = await deps.sends.claim(date, subscriber.id, deps.clock.now().toISOString());
    if (!claim.claimed) {
      quotaUsed--;
      return settleExisting(plan, claim.record);
    }

    let sent: { id: string; location?: string };
    try {
      await pacer.wait();
      sent = await sendWithBackoff(deps.mailer, message, {
        sleep,
        baseMs: Math.max(1000, 1000 / config.sendRatePerSecond),
        onThrottled: (attempt, waitMs) =>
          log.warn('digest send throttled, backing off', { subscriberId: subscriber.id, attempt, waitMs }),
      });
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      if (err instanceof MailSendError || err instanceof MailThrottledError) {
        // A refusal: nothing went out, so the record may be claimed again by a later run.
        await deps.sends.markFailed(date, subscriber.id, error, deps.clock.now().toISOString());
        report.failed++;
        report.failures.push({ subscriberId: subscriber.id, error });
        log.error('digest send failed', { date, subscriberId: subscriber.id, error });
      } else {
        // It may have gone out: the claim stays in "sending" and the next run reports it.
        report.uncertain++;
        report.uncertainSubscribers.push(subscriber.id);
        log.error('digest send outcome unknown', { date, subscriberId: subscriber.id, error });
      }
      return;
    }

    report.sent++;
    if (sent.location) report.locations.push(sent.location);
    const doneAt = deps.clock.now().toISOString();
    try {
      await deps.sends.markSent(date, subscriber.id, sent.id, doneAt);
    } catch (err) {
      // The message went out; a record left in "sending" makes the next run report it, not resend.
      log.error('digest sent but not recorded', { date, subscriberId: subscriber.id, error: String(err) });
    }
    try {
      await deps.subscribers.recordDigest(subscriber.id, plan.window.to, doneAt);
    } catch (err) {
      // The next window then starts from the older mark, capped at 36 h: repeats, never gaps.
      log.warn('could not move lastDigestAt', { subscriberId: subscriber.id, error: String(err) });
    }
  };

  await Promise.all(
    plans.map((plan) =>
      limit(async () => {
        try {
          await deliver(plan);
        } catch (err) {
          const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
          report.failed++;
          report.failures.push({ subscriberId: plan.subscriber.id, error });
          log.error('digest failed for a subscriber', { date, subscriberId: plan.subscriber.id, error });
        }
      }),
    ),
  );

  report.selections = renders.size;
  report.stories = new Set([...pools.values()].flatMap((p) => p.stories.map((s) => s.storyId))).size;
  log.info('digest run finished', {
    date,
    dryRun,
    subscribers: report.subscribers,
    sent: report.sent,
    skipped: report.skipped,
    failed: report.failed,
    uncertain: report.uncertain,
    selections: report.selections,
  });
  return report;
}

/** The confirmed subscribers among `ids`, in their order, read 10 at a time. */
async function confirmedAmong(store: SubscriberStore, ids: string[]): Promise<Subscriber[]> {
  const limit = pLimit(10);
  const found = await Promise.all([...new Set(ids)].map((id) => limit(() => store.get(id))));
  return found.filter((s): s is Subscriber => s?.status === 'confirmed');
}

/**
 * The "view in browser" page of a day and topic selection: the day's 24 hours in the configured
 * zone (up to now for today), every story shown. Undefined for a malformed or future date, or a
 * day without stories on those topics.
 */
export async function renderArchive(
  deps: Pick<DigestDeps, 'articles' | 'clock' | 'config'>,
  date: string,
  topics: string[],
): Promise<{ subject: string; html: string; text: string } | undefined> {
  const { config } = deps;
  try {
    parseDigestDate(date);
  } catch (err) {
    if (err instanceof DigestInputError) return undefined;
    throw err;
  }
  const now = deps.clock.now();
  if (startOfDayIn(date, config.timeZone) > now) return undefined;
  const end = Math.min(now.getTime(), endOfDayIn(date, config.timeZone).getTime());
  const window = { from: new Date(end - FIRST_LOOKBACK_MS).toISOString(), to: new Date(end).toISOString() };
  const pool = buildStoryPool(await deps.articles.listFirstSeenBetween(window.from, window.to), window);
  const { digest, rendered } = renderSelection(
    pool,
    {
      date,
      timeZone: config.timeZone,
      topics,
      maxStoriesPerTopic: ARCHIVE_STORIES_PER_TOPIC,
    },
    {
      senderName: config.senderName,
      postalAddress: config.postalAddress,
      links: siteLinks(config.publicBaseUrl, config.tokenSecret),
      mode: 'web',
    },
    { budget: false },
  );
  return digest.storyCount ? rendered : undefined;
}
