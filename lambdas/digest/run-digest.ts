/**
 * The digest use case: one date's digest to a list of subscribers, each in their own zone; to a
 * weekly reader whose day the date is, the weekly edition instead (and to one whose day it is not,
 * nothing).
 * 1. Walks the subscribers in slices of 25; per slice, one batched read of the subscribers (so an
 *    unsubscribe, pause or change of cadence since the plan wins) and one of their ledger records
 *    for the date and the two before it, or for a weekly reader for the date's ISO week and the two
 *    before it (already sent? where did the last one end?).
 * 2. Works out each reader's window: from where their last sent digest ended (at most 36 h back, a
 *    week's at most 8 days) to their delivery instant for the date. Reads the articles once for
 *    every window of the run and keeps only the fresh ones (digest/window.ts).
 * 3. Composes once per (cadence, selection, zone, window) and persists that edition (window, story
 *    ids, both web pages) before any email that links to it goes out.
 * 4. Per reader, isolated from the others: waits for a pacing slot, claims (date, reader) in the
 *    ledger, makes one SES call, and records the outcome. A throttled call releases its claim
 *    before backing off, so the only uncertain span is the SES call itself (R33, R34).
 * A claim left in "sending" (SES may have accepted it) is reported as uncertain and never resent,
 * unless an operator asks for it (resendUncertain).
 */
import pLimit from 'p-limit';
import { type Mailer, MailSendError, MailThrottledError, type OutgoingMessage } from '../mail/ports';
import type { Clock } from '../shared/clock';
import {
  addWeeks,
  deliveryInstantOn,
  isIsoWeek,
  isoWeek,
  isWeekday,
  weekdayOf,
} from '../shared/delivery-time';
import type { Log } from '../shared/log';
import { type Article, DEFAULT_DELIVERY_HOUR, type SendRecord, type Subscriber } from '../shared/types';
import {
  type ArticleStore,
  type EditionStore,
  type SendLedger,
  type SubscriberStore,
  sendKey,
} from '../store/ports';
import { siteLinks } from '../subscribers/links';
import { loadActorBaseline } from './baseline';
import {
  type ActorBaseline,
  buildStoryPool,
  followedIn,
  normaliseTopics,
  type StoryPool,
  type WeekActorCounts,
} from './compose';
import { type ComposedEdition, composeEdition, editionKey } from './editions';
import { DigestConfigError, DigestInputError } from './errors';
import { digestMessage } from './message';
import { Pacer, realSleep, throttleWait } from './pacing';
import { personalise } from './render';
import {
  addDays,
  type DigestWindow,
  dateIn,
  digestWindow,
  freshInWindow,
  isValidTimeZone,
  MAX_LOOKBACK_MS,
  parseDigestDate,
  WEEKLY_MAX_LOOKBACK_MS,
  windowEnd,
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
  editions: EditionStore;
  mailer: Mailer;
  clock: Clock;
  log: Log;
  config: DigestConfig;
  sleep?: (ms: number) => Promise<void>;
}

/** Why a subscriber got nothing this run. */
export type SkipReason =
  | 'no_new_stories'
  | 'already_sent'
  | 'paused'
  | 'no_longer_confirmed'
  | 'over_quota'
  | 'not_their_day';

export const SKIP_REASONS: Record<SkipReason, string> = {
  no_new_stories: 'no new stories in their window',
  already_sent: 'already sent for this date (or, weekly, this week)',
  not_their_day: 'weekly, on another day',
  paused: 'paused',
  no_longer_confirmed: 'no longer confirmed (unsubscribed, bounced or removed)',
  over_quota: 'over the daily quota',
};

export interface UncertainSend {
  subscriberId: string;
  claimedAt: string;
  /** The ledger key when it is not the report's date: a weekly edition's ISO week. */
  key?: string;
  /** Why it is uncertain: left from an earlier run, or this run's SES call had no clear answer. */
  error?: string;
}

export interface DigestReport {
  date: string;
  /** Subscribers considered: sent + skipped + failed + uncertain (+ planned on a dry run). */
  subscribers: number;
  sent: number;
  /** Of those sent, weekly editions (ledger key: the date's ISO week). */
  weekly: number;
  skipped: number;
  /** SES refused (or kept throttling): recorded as failed, so a later run may retry them. */
  failed: number;
  /** Claimed but with no known outcome (a crash or an unknown error during the SES call). */
  uncertain: number;
  dryRun: boolean;
  /** Dry run: how many would have been sent. */
  planned: number;
  reasons: Record<SkipReason, number>;
  /** Each skipped subscriber and why. */
  skips: { subscriberId: string; reason: SkipReason }[];
  /** Distinct compositions (cadence, topic selection, time zone and window). */
  selections: number;
  /** Editions this run stored (the rest were already there). */
  editions: number;
  /** The house edition (`/archive/DATE`) this run composed, when asked for and complete. */
  houseEdition?: string;
  /** Distinct stories across the run's windows. */
  stories: number;
  failures: { subscriberId: string; error: string }[];
  uncertainSubscribers: string[];
  uncertainSends: UncertainSend[];
  /** Where the mailer put the messages, when it says (the local outbox). */
  locations: string[];
  previews?: { topics: string[]; subject: string; html: string; text: string }[];
}

const SEND_CONCURRENCY_MAX = 10;
/** Subscribers read, and their ledger records, per batched request. */
export const DIGEST_SLICE = 25;
/** Attempts at one send while SES throttles, the first included (R34). */
const THROTTLE_ATTEMPTS = 5;

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

type Cadence = 'daily' | 'weekly';

interface Plan {
  subscriber: Subscriber;
  timeZone: string;
  cadence: Cadence;
  /** The ledger's key: the date, or for a weekly edition the date's ISO week (`2026-W49`). */
  key: string;
  window: DigestWindow;
  topics: string[];
  /** The actors the reader follows. */
  follow: string[];
  /** The ledger's record of this key, when there is one. */
  record?: SendRecord;
}

const cadenceOf = (s: Subscriber): Cadence => (isWeekday(s.weeklyOn) ? 'weekly' : 'daily');

/**
 * Runs the digest of one date.
 * `subscriberIds`: only these (one sender's share of a planned run); otherwise every confirmed
 * subscriber. `asOf`: the run's reference time instead of the clock, so every sender of one
 * scheduled instant gets the same windows. `house`: also compose the date's house edition, the
 * archive's page for the day (every topic, the configured zone and the default hour).
 */
export async function runDigest(
  deps: DigestDeps,
  opts: {
    date?: string;
    dryRun?: boolean;
    subscriberIds?: string[];
    asOf?: string;
    house?: boolean;
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
  const run = new DigestRun(deps, date, started, opts.dryRun === true);

  const ids = opts.subscriberIds
    ? [...new Set(opts.subscriberIds)]
    : (await deps.subscribers.listByStatus('confirmed')).map((s) => s.id);
  await run.prepareQuota();
  for (let i = 0; i < ids.length; i += DIGEST_SLICE) await run.slice(ids.slice(i, i + DIGEST_SLICE));
  if (opts.house) await run.house();
  return run.finish();
}

interface Composition {
  composed: ComposedEdition;
  stored?: Promise<void>;
  previewed?: boolean;
}

/** One run's shared state: the article reads, compositions, pacing and the report. */
class DigestRun {
  readonly report: DigestReport;
  private readonly links;
  private readonly sleep;
  private readonly pacer: Pacer;
  private readonly limit;
  private readonly articleReads: { from: string; to: string; articles: Promise<Article[]> }[] = [];
  private readonly pools = new Map<string, StoryPool>();
  private readonly compositions = new Map<string, Composition>();
  private readonly ends = new Map<string, Date>();
  private baseline?: Promise<ActorBaseline | undefined>;
  private weekCounts?: Promise<WeekActorCounts | undefined>;
  private quotaUsed = 0;
  /** The date's ISO week: the ledger key of its weekly editions. */
  readonly week: string;

  constructor(
    private readonly deps: DigestDeps,
    readonly date: string,
    private readonly started: Date,
    readonly dryRun: boolean,
  ) {
    const { config } = deps;
    this.links = siteLinks(config.publicBaseUrl, config.tokenSecret, deps.clock);
    this.sleep = deps.sleep ?? realSleep;
    this.pacer = new Pacer(config.sendRatePerSecond, deps.clock, this.sleep);
    this.limit = pLimit(Math.max(1, Math.min(SEND_CONCURRENCY_MAX, Math.ceil(config.sendRatePerSecond))));
    this.week = isoWeek(date);
    this.report = {
      date,
      subscribers: 0,
      sent: 0,
      weekly: 0,
      skipped: 0,
      failed: 0,
      uncertain: 0,
      dryRun,
      planned: 0,
      reasons: {
        no_new_stories: 0,
        already_sent: 0,
        paused: 0,
        no_longer_confirmed: 0,
        over_quota: 0,
        not_their_day: 0,
      },
      skips: [],
      selections: 0,
      editions: 0,
      stories: 0,
      failures: [],
      uncertainSubscribers: [],
      uncertainSends: [],
      locations: [],
      ...(dryRun ? { previews: [] } : {}),
    };
  }

  /**
   * The quota counts what this date already used, and the weekly editions claimed in the last 24
   * hours; a slot is reserved before the claim is awaited.
   */
  async prepareQuota(): Promise<void> {
    if (this.deps.config.dailyQuota !== undefined && !this.dryRun) {
      const since = new Date(this.started.getTime() - 86_400_000).toISOString();
      const [daily, weekly] = await Promise.all([
        this.deps.sends.listForDate(this.date),
        this.deps.sends.listForDate(this.week),
      ]);
      this.quotaUsed =
        daily.filter((r) => r.status !== 'failed').length +
        weekly.filter((r) => r.status !== 'failed' && r.claimedAt >= since).length;
    }
  }

  /** The ledger keys a reader's plan reads: this date's or week's, and the two before it. */
  private ledgerKeys(s: Subscriber): string[] {
    return cadenceOf(s) === 'weekly'
      ? [this.week, addWeeks(this.week, -1), addWeeks(this.week, -2)]
      : [this.date, addDays(this.date, -1), addDays(this.date, -2)];
  }

  /** Reads a slice of subscribers and their ledger records, then delivers to each. */
  async slice(ids: string[]): Promise<void> {
    const { deps, date } = this;
    const found = await deps.subscribers.getMany(ids);
    const confirmed: Subscriber[] = [];
    const weekday = weekdayOf(date);
    for (const id of ids) {
      const s = found.get(id);
      this.report.subscribers++;
      if (s?.status !== 'confirmed') this.skip(id, 'no_longer_confirmed');
      // The record read now decides: a reader who moved to weekly since the plan waits for their day.
      else if (cadenceOf(s) === 'weekly' && s.weeklyOn !== weekday) this.skip(id, 'not_their_day');
      else confirmed.push(s);
    }
    if (!confirmed.length) return;
    const records = await deps.sends.getMany(
      confirmed.flatMap((s) => this.ledgerKeys(s).map((d) => ({ date: d, subscriberId: s.id }))),
    );
    const plans = confirmed.map((s) => this.plan(s, records));
    await Promise.all(
      plans.map((plan) =>
        this.limit(async () => {
          try {
            await this.deliver(plan);
          } catch (err) {
            const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
            this.report.failed++;
            this.report.failures.push({ subscriberId: plan.subscriber.id, error });
            deps.log.error('digest failed for a subscriber', {
              date,
              subscriberId: plan.subscriber.id,
              error,
            });
          }
        }),
      ),
    );
  }

  private plan(subscriber: Subscriber, records: Map<string, SendRecord>): Plan {
    const { config } = this.deps;
    const timeZone = isValidTimeZone(subscriber.timeZone) ? subscriber.timeZone : config.timeZone;
    let end = this.ends.get(timeZone);
    if (!end) {
      end = windowEnd(this.date, timeZone, this.started);
      this.ends.set(timeZone, end);
    }
    const cadence = cadenceOf(subscriber);
    const [key, ...before] = this.ledgerKeys(subscriber);
    // Where the last digest that surely went out ended; an uncertain one does not count, so a
    // reader who may have missed it gets its stories again rather than never. A weekly edition
    // starts where the last weekly one ended (a daily one before a switch does not count).
    let lastEnd = cadence === 'daily' ? subscriber.lastDigestAt : undefined;
    for (const d of before) {
      const r = records.get(sendKey(d, subscriber.id));
      if (r?.status === 'sent' && r.windowTo && (!lastEnd || r.windowTo > lastEnd)) lastEnd = r.windowTo;
    }
    return {
      subscriber,
      timeZone,
      cadence,
      key: key!,
      window: digestWindow(end, lastEnd, cadence),
      topics: normaliseTopics(subscriber.topics),
      follow: subscriber.actors ?? [],
      record: records.get(sendKey(key!, subscriber.id)),
    };
  }

  private skip(subscriberId: string, reason: SkipReason): void {
    this.report.skipped++;
    this.report.reasons[reason]++;
    this.report.skips.push({ subscriberId, reason });
  }

  private uncertain(key: string, subscriberId: string, claimedAt: string, error?: string): void {
    this.report.uncertain++;
    this.report.uncertainSubscribers.push(subscriberId);
    this.report.uncertainSends.push({
      subscriberId,
      claimedAt,
      ...(key !== this.date ? { key } : {}),
      ...(error ? { error } : {}),
    });
  }

  /** A record already there decides: sent (skip), uncertain (report, never resend), or refused. */
  private settleExisting(key: string, subscriberId: string, record: SendRecord): void {
    if (record.status === 'sending') {
      this.uncertain(key, subscriberId, record.claimedAt);
      this.deps.log.warn('digest send uncertain: claimed but never confirmed, not resending', {
        date: this.date,
        key,
        subscriberId,
        claimedAt: record.claimedAt,
      });
    } else if (record.status === 'sent') this.skip(subscriberId, 'already_sent');
    // A refused send whose window has since emptied: nothing to retry it with.
    else this.skip(subscriberId, 'no_new_stories');
  }

  private async deliver(plan: Plan): Promise<void> {
    const { subscriber, record } = plan;
    const { deps, date, report } = this;
    const { config, log } = deps;
    if (record && record.status !== 'failed') return this.settleExisting(plan.key, subscriber.id, record);
    if (subscriber.paused) return this.skip(subscriber.id, 'paused');
    if (plan.window.from >= plan.window.to) return this.skip(subscriber.id, 'no_new_stories');
    const composition = await this.compose(
      plan.cadence,
      plan.topics,
      plan.follow,
      plan.timeZone,
      plan.window,
    );
    if (composition.composed.edition.storyCount === 0) return this.skip(subscriber.id, 'no_new_stories');
    const personal = {
      unsubscribe: this.links.unsubscribe(subscriber),
      preferences: this.links.preferences(subscriber),
    };
    if (this.dryRun) {
      report.planned++;
      if (!composition.previewed) {
        composition.previewed = true;
        const { edition, email } = composition.composed;
        report.previews!.push({ topics: edition.topics, ...personalise(email, personal) });
      }
      return;
    }
    if (config.dailyQuota !== undefined && this.quotaUsed >= config.dailyQuota) {
      return this.skip(subscriber.id, 'over_quota');
    }
    this.quotaUsed++;
    // The edition is stored before any email links to it.
    await this.store(composition);
    // The Message-ID names the ledger key too, so a daily and a weekly one never share one.
    const message = digestMessage(
      personalise(composition.composed.email, personal),
      { email: subscriber.email, id: subscriber.id, unsubscribeUrl: personal.unsubscribe },
      plan.key,
      config,
    );
    const intent = {
      windowFrom: plan.window.from,
      windowTo: plan.window.to,
      editionId: composition.composed.edition.id,
    };
    const outcome = await this.send(plan.key, subscriber.id, message, intent);
    if (outcome.kind !== 'sent') {
      if (outcome.kind !== 'failed') this.quotaUsed--;
      return;
    }
    report.sent++;
    if (plan.cadence === 'weekly') report.weekly++;
    if (outcome.location) report.locations.push(outcome.location);
    try {
      await deps.sends.markSent(plan.key, subscriber.id, outcome.id, deps.clock.now().toISOString());
    } catch (err) {
      // The message went out; a record left in "sending" makes the next run report it, not resend.
      log.error('digest sent but not recorded', {
        date,
        key: plan.key,
        subscriberId: subscriber.id,
        error: String(err),
      });
    }
  }

  /**
   * Pacing slot, claim, one SES call. Throttling is a refusal (nothing went out): the claim is
   * released before the backoff wait, and the next attempt waits for a slot and claims again.
   */
  private async send(
    key: string,
    subscriberId: string,
    message: OutgoingMessage,
    intent: { windowFrom: string; windowTo: string; editionId: string },
  ): Promise<{ kind: 'sent'; id: string; location?: string } | { kind: 'failed' | 'settled' | 'uncertain' }> {
    const { deps, report } = this;
    const { log } = deps;
    const now = () => deps.clock.now().toISOString();
    for (let attempt = 1; ; attempt++) {
      await this.pacer.wait();
      const claim = await deps.sends.claim(key, subscriberId, now(), intent);
      if (!claim.claimed) {
        this.settleExisting(key, subscriberId, claim.record);
        return { kind: 'settled' };
      }
      try {
        const sent = await deps.mailer.send(message);
        return { kind: 'sent', id: sent.id, ...(sent.location ? { location: sent.location } : {}) };
      } catch (err) {
        const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        if (err instanceof MailThrottledError || err instanceof MailSendError) {
          // A refusal: nothing went out, so the record may be claimed again.
          await deps.sends.markFailed(key, subscriberId, error, now());
          if (err instanceof MailThrottledError && attempt < THROTTLE_ATTEMPTS) {
            const waitMs = throttleWait(attempt, deps.config.sendRatePerSecond);
            log.warn('digest send throttled, backing off', { subscriberId, attempt, waitMs });
            await this.sleep(waitMs);
            continue;
          }
          report.failed++;
          report.failures.push({ subscriberId, error });
          log.error('digest send failed', { date: this.date, key, subscriberId, error });
          return { kind: 'failed' };
        }
        // It may have gone out: the claim stays in "sending" and is reported, never resent.
        this.uncertain(key, subscriberId, claim.record.claimedAt, error);
        log.error('digest send outcome unknown', { date: this.date, key, subscriberId, error });
        return { kind: 'uncertain' };
      }
    }
  }

  /** The articles of the run, read once per distinct range that no earlier read covers. */
  private async articlesFor(from: string, to: string): Promise<Article[]> {
    let read = this.articleReads.find((r) => r.from <= from && r.to >= to);
    if (!read) {
      read = { from, to, articles: this.deps.articles.listFirstSeenBetween(from, to) };
      this.articleReads.push(read);
    }
    return read.articles;
  }

  private async poolFor(window: DigestWindow, cadence: Cadence): Promise<StoryPool> {
    const key = `${cadence}|${window.from}/${window.to}`;
    let pool = this.pools.get(key);
    if (!pool) {
      // Every window ends at its reader's delivery instant and reaches back at most 36 h (a week's
      // 8 days): one read of that longest span serves each window ending there (and a warm
      // sender's other messages). A week's read also serves the daily windows inside it.
      const reach = cadence === 'weekly' ? WEEKLY_MAX_LOOKBACK_MS : MAX_LOOKBACK_MS;
      const longest = new Date(Date.parse(window.to) - reach).toISOString();
      const articles = await this.articlesFor([longest, window.from].sort()[0]!, window.to);
      // A week's stories are ranked over the week: this morning's are not worth more than Monday's.
      const span = cadence === 'weekly' ? Date.parse(window.to) - Date.parse(window.from) : undefined;
      pool = buildStoryPool(freshInWindow(articles, window), window, span);
      this.pools.set(key, pool);
    }
    return pool;
  }

  /**
   * "Most in the news this week": articles naming each actor over the 7 UTC days before the date,
   * and the 7 before those, from the actor-by-day entries (one read per run). A failed read is
   * logged and the weekly edition ranks by its own stories, without the change.
   */
  private weekActorCounts(): Promise<WeekActorCounts | undefined> {
    this.weekCounts ??= (async () => {
      try {
        const days = await this.deps.articles.actorDays(addDays(this.date, -14), addDays(this.date, -1));
        const sum = (from: string) => {
          const m = new Map<string, number>();
          for (const d of days)
            if (d.day >= from && d.day < this.date)
              for (const [id, n] of Object.entries(d.actors)) m.set(id, (m.get(id) ?? 0) + n);
          return m;
        };
        const thisWeek = sum(addDays(this.date, -7));
        const both = sum(addDays(this.date, -14));
        const lastWeek = new Map([...both].map(([id, n]) => [id, n - (thisWeek.get(id) ?? 0)]));
        return { thisWeek, lastWeek };
      } catch (err) {
        this.deps.log.warn("could not read the week's actor counts; ranking by the edition's stories", {
          date: this.date,
          error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        });
        return undefined;
      }
    })();
    return this.weekCounts;
  }

  /** "In the news" sets the day against the 30 before it: read once per run, when first needed. */
  private actorBaseline() {
    this.baseline ??= loadActorBaseline(this.deps.articles, this.date, this.deps.log);
    return this.baseline;
  }

  private async compose(
    cadence: Cadence,
    topics: string[],
    following: string[],
    timeZone: string,
    window: DigestWindow,
  ) {
    const weekly = cadence === 'weekly';
    const [pool, baseline, week] = await Promise.all([
      this.poolFor(window, cadence),
      weekly ? undefined : this.actorBaseline(),
      weekly ? this.weekActorCounts() : undefined,
    ]);
    // Only the followed actors some story names change the digest: the rest share the topics' one.
    const follow = followedIn(pool, following);
    const key = editionKey(cadence, topics, follow, timeZone, window);
    let c = this.compositions.get(key);
    if (!c) {
      const { config } = this.deps;
      c = {
        composed: composeEdition(
          pool,
          {
            date: this.date,
            timeZone,
            topics,
            follow,
            maxStoriesPerTopic: config.maxStoriesPerTopic,
            ...(baseline ? { baseline } : {}),
            ...(weekly ? { cadence, week } : {}),
          },
          { senderName: config.senderName, postalAddress: config.postalAddress, links: this.links },
          this.deps.clock.now().toISOString(),
        ),
      };
      this.compositions.set(key, c);
    }
    return c;
  }

  private store(c: Composition): Promise<void> {
    if (!c.stored) {
      c.stored = this.deps.editions.put(c.composed.edition, c.composed.pages).then((stored) => {
        if (stored) this.report.editions++;
      });
      // A failed write is retried by the next reader of this edition, not remembered.
      c.stored.catch(() => {
        c.stored = undefined;
      });
    }
    return c.stored;
  }

  /**
   * A reader's message for the window an earlier claim recorded (the resend of an uncertain send),
   * its edition stored first; undefined when that window now holds no story.
   */
  async messageFor(subscriber: Subscriber, record: SendRecord): Promise<OutgoingMessage | undefined> {
    const { config } = this.deps;
    const plan = this.plan(subscriber, new Map());
    // The record's key says what was claimed, whatever the reader chose since.
    const cadence: Cadence = isIsoWeek(record.date) ? 'weekly' : 'daily';
    const window =
      record.windowFrom && record.windowTo
        ? digestWindow(new Date(record.windowTo), record.windowFrom, cadence)
        : digestWindow(new Date(plan.window.to), undefined, cadence);
    const c = await this.compose(cadence, plan.topics, plan.follow, plan.timeZone, window);
    if (c.composed.edition.storyCount === 0) return undefined;
    if (!this.dryRun) await this.store(c);
    const personal = {
      unsubscribe: this.links.unsubscribe(subscriber),
      preferences: this.links.preferences(subscriber),
    };
    return digestMessage(
      personalise(c.composed.email, personal),
      { email: subscriber.email, id: subscriber.id, unsubscribeUrl: personal.unsubscribe },
      record.date,
      config,
    );
  }

  /**
   * The house edition: what a reader of every topic in the configured zone at the default hour
   * gets, from the previous delivery instant to this one. Named only once its window is complete.
   */
  async house(): Promise<void> {
    const { config } = this.deps;
    const end = deliveryInstantOn(config.timeZone, DEFAULT_DELIVERY_HOUR, this.date);
    if (end.getTime() > this.started.getTime()) return;
    const previous = deliveryInstantOn(config.timeZone, DEFAULT_DELIVERY_HOUR, addDays(this.date, -1));
    const window = digestWindow(end, previous.toISOString());
    const c = await this.compose('daily', normaliseTopics([]), [], config.timeZone, window);
    if (c.composed.edition.storyCount === 0 || this.dryRun) return;
    await this.store(c);
    await this.deps.editions.setHouse(this.date, c.composed.edition.id);
    this.report.houseEdition = c.composed.edition.id;
  }

  finish(): DigestReport {
    const { report } = this;
    report.selections = this.compositions.size;
    report.stories = new Set([...this.pools.values()].flatMap((p) => p.stories.map((s) => s.storyId))).size;
    this.deps.log.info('digest run finished', {
      date: this.date,
      dryRun: this.dryRun,
      subscribers: report.subscribers,
      sent: report.sent,
      skipped: report.skipped,
      failed: report.failed,
      uncertain: report.uncertain,
      selections: report.selections,
      editions: report.editions,
    });
    return report;
  }
}

/** Claims younger than this may still be in flight: a sender can take minutes over a batch. */
export const UNCERTAIN_GRACE_MS = 15 * 60_000;

export interface ResendReport {
  date: string;
  /** Uncertain claims found for the date. */
  uncertain: number;
  /** Sent again: these readers may now have two copies. */
  resent: { subscriberId: string; email: string; claimedAt: string }[];
  /** Left alone, and why. */
  left: { subscriberId: string; claimedAt: string; reason: string }[];
  failed: { subscriberId: string; error: string }[];
  dryRun: boolean;
}

/**
 * The operator's explicit resend of a date's uncertain sends (`digest --resend-uncertain`), or of an
 * ISO week's uncertain weekly editions (`2026-W49`). SES may have accepted each of them, so each
 * reader may get a second copy: that is the risk the operator takes, and the report names every
 * address it was taken for.
 * 1. Lists the key's claims still in "sending"; leaves those younger than 15 minutes (a sender may
 *    still be at them), and readers no longer confirmed or paused.
 * 2. Recomposes each from the window its claim recorded (a weekly one dated on the local date its
 *    window ended), and stores that edition.
 * 3. Takes the claim over only if it is still the same uncertain claim (two resends never both
 *    send), makes one SES call and records the outcome.
 */
export async function resendUncertain(
  deps: DigestDeps,
  date: string,
  opts: { dryRun?: boolean } = {},
): Promise<ResendReport> {
  const { config, log } = deps;
  validateDigestConfig(config);
  const weekly = isIsoWeek(date);
  if (!weekly) parseDigestDate(date);
  const now = deps.clock.now();
  const records = await deps.sends.listUncertain(date);
  const report: ResendReport = {
    date,
    uncertain: records.length,
    resent: [],
    left: [],
    failed: [],
    dryRun: opts.dryRun === true,
  };
  const found = await deps.subscribers.getMany(records.map((r) => r.subscriberId));
  const runs = new Map<string, DigestRun>();
  const runOn = (day: string) => {
    let run = runs.get(day);
    if (!run) {
      run = new DigestRun(deps, day, now, report.dryRun);
      runs.set(day, run);
    }
    return run;
  };
  for (const record of records) {
    const leave = (reason: string) =>
      report.left.push({ subscriberId: record.subscriberId, claimedAt: record.claimedAt, reason });
    const subscriber = found.get(record.subscriberId);
    if (now.getTime() - Date.parse(record.claimedAt) < UNCERTAIN_GRACE_MS) {
      leave('claimed under 15 minutes ago: a sender may still be sending it');
      continue;
    }
    if (subscriber?.status !== 'confirmed') {
      leave('no longer confirmed');
      continue;
    }
    if (subscriber.paused) {
      leave('paused');
      continue;
    }
    // A weekly edition is dated on the reader's local date where its window ended.
    const zone = isValidTimeZone(subscriber.timeZone) ? subscriber.timeZone : config.timeZone;
    const end = record.windowTo ? Date.parse(record.windowTo) - 1 : Date.parse(record.claimedAt);
    const day = weekly ? dateIn(new Date(end), zone) : date;
    const message = await runOn(day).messageFor(subscriber, record);
    if (!message) {
      leave('no stories left in the window it was claimed for');
      continue;
    }
    if (report.dryRun) {
      report.resent.push({
        subscriberId: subscriber.id,
        email: subscriber.email,
        claimedAt: record.claimedAt,
      });
      continue;
    }
    const taken = await deps.sends.reclaimUncertain(date, subscriber.id, record.claimedAt, now.toISOString());
    if (!taken) {
      leave('its record changed meanwhile (sent, or taken by another resend)');
      continue;
    }
    try {
      const sent = await deps.mailer.send(message);
      await deps.sends.markSent(date, subscriber.id, sent.id, deps.clock.now().toISOString());
      report.resent.push({
        subscriberId: subscriber.id,
        email: subscriber.email,
        claimedAt: record.claimedAt,
      });
      log.warn('uncertain digest resent on request', { date, subscriberId: subscriber.id });
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      if (err instanceof MailThrottledError || err instanceof MailSendError) {
        await deps.sends.markFailed(date, subscriber.id, error, deps.clock.now().toISOString());
      }
      // Otherwise it stays uncertain, claimed again at `now`.
      report.failed.push({ subscriberId: subscriber.id, error });
    }
  }
  return report;
}
