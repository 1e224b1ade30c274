/**
 * The weekly edition: the week's stories (one entry per story across the week) and "Most in the
 * news this week", on the reader's chosen day at their hour, exactly once per (reader, ISO week).
 */
import { describe, expect, it } from 'vitest';
import { buildStoryPool, composeDigest, weekNews } from '../../../lambdas/digest/compose';
import {
  type DigestWork,
  dueFromListing,
  planDelivery,
  runDelivery,
  sendDigestBatch,
} from '../../../lambdas/digest/plan';
import { weekCount } from '../../../lambdas/digest/render';
import { type DigestDeps, resendUncertain, runDigest } from '../../../lambdas/digest/run-digest';
import { digestWindow } from '../../../lambdas/digest/window';
import {
  type Mailer,
  MailOutcomeUnknownError,
  MailThrottledError,
  type OutgoingMessage,
} from '../../../lambdas/mail/ports';
import { InMemoryWorkQueue } from '../../../lambdas/queue/memory-work-queue';
import { fixedClock } from '../../../lambdas/shared/clock';
import {
  addWeeks,
  isIsoWeek,
  isoWeek,
  isoWeekMonday,
  weekdayOf,
} from '../../../lambdas/shared/delivery-time';
import { silentLog } from '../../../lambdas/shared/log';
import type { Article, Subscriber } from '../../../lambdas/shared/types';
import { ledgerDates } from '../../../lambdas/store/dynamo';
import { createMemoryStore } from '../../../lambdas/store/memory';
import { heavyWeek, twoWeeks, WEEK_WINDOW } from './days';
import { digestConfig, subscriber } from './fixtures';

/** Tuesday 25 November 2025, 06:00 in New York: ISO week 2025-W48. */
const AT = '2025-11-25T11:00:00.000Z';
const DATE = '2025-11-25';
const WEEK = '2025-W48';
const TUESDAY = 2;
const DAY = 86_400_000;
const CEASEFIRE = 'Negotiators Circulate Draft 90-Day Ceasefire Ahead of Istanbul Round';

/** The week before the heavy week: the same stories a week earlier, under their own ids, half of them. */
function weekBefore(): Article[] {
  return heavyWeek(new Date(Date.parse(AT) - 7 * DAY).toISOString())
    .filter((_, i) => i % 2 === 0)
    .map((a) => ({ ...a, id: `${a.id}-before`, storyId: `${a.storyId}-before`, url: `${a.url}-before` }));
}

async function setup(subs: Subscriber[], mailer?: Mailer, articles = [...heavyWeek(), ...weekBefore()]) {
  const store = createMemoryStore();
  for (const a of articles) await store.articles.createArticle(a);
  for (const s of subs) await store.subscribers.create(s);
  const sent: OutgoingMessage[] = [];
  const clock = fixedClock(AT);
  const deps: DigestDeps = {
    ...store,
    mailer: mailer ?? {
      async send(m) {
        sent.push(m);
        return { id: `ses-${sent.length}` };
      },
    },
    clock,
    log: silentLog,
    config: digestConfig({ sendRatePerSecond: 1000 }),
    sleep: async () => {},
  };
  return { store, deps, sent, clock };
}

const weekly = (id: string, over: Partial<Subscriber> = {}) => subscriber({ id, weeklyOn: TUESDAY, ...over });
const to = (sent: OutgoingMessage[], id: string) => sent.filter((m) => m.to.startsWith(`${id}@`));

describe('ISO weeks', () => {
  it('names the week of a date as ISO 8601 does, across year ends', () => {
    expect(isoWeek(DATE)).toBe(WEEK);
    expect(weekdayOf(DATE)).toBe(TUESDAY);
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeekMonday('2026-W01')).toBe('2025-12-29');
    expect(addWeeks('2026-W01', -1)).toBe('2025-W52');
    expect([isIsoWeek('2026-W53'), isIsoWeek('2025-W53'), isIsoWeek('2025-W00')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('keeps each week’s key on the ledger dates a deletion erases', () => {
    const keys = ledgerDates(AT);
    expect(keys).toContain(DATE);
    expect(keys).toContain(WEEK);
    expect(keys).toContain(addWeeks(WEEK, -13));
  });

  it('opens a first weekly window a week back, a later one where the last ended (at most 8 days)', () => {
    const end = new Date(AT);
    expect(digestWindow(end, undefined, 'weekly').from).toBe('2025-11-18T11:00:00.000Z');
    expect(digestWindow(end, '2025-11-20T11:00:00.000Z', 'weekly').from).toBe('2025-11-20T11:00:00.000Z');
    expect(digestWindow(end, '2025-11-01T11:00:00.000Z', 'weekly').from).toBe('2025-11-17T11:00:00.000Z');
  });
});

describe('the weekly composition', () => {
  const pool = () => buildStoryPool(heavyWeek(), WEEK_WINDOW, 7 * DAY);
  const counts = () => {
    const days = twoWeeks();
    const sum = (list: typeof days) => {
      const m = new Map<string, number>();
      for (const d of list) for (const [id, n] of Object.entries(d.actors)) m.set(id, (m.get(id) ?? 0) + n);
      return m;
    };
    return { thisWeek: sum(days.slice(7)), lastWeek: sum(days.slice(0, 7)) };
  };

  it('holds each story of the week once, however many days it ran', () => {
    const digest = composeDigest(pool(), {
      date: DATE,
      timeZone: 'America/New_York',
      topics: [],
      cadence: 'weekly',
      week: counts(),
    });
    const all = [...digest.top, ...digest.sections.flatMap((s) => s.entries)];
    expect(all.filter((e) => e.title === CEASEFIRE)).toHaveLength(1);
    expect(all.find((e) => e.storyId === 'ceasefire-draft')?.sources).toHaveLength(3);
    expect(new Set(all.map((e) => e.storyId)).size).toBe(all.length);
    expect(digest.inTheNews).toEqual([]);
  });

  it('lists who was most in the news this week with the change from the week before', () => {
    const rows = weekNews(pool().stories, counts());
    const byName = Object.fromEntries(rows.map((r) => [r.name, weekCount(r)]));
    expect(rows[0]?.name).toBe('United States');
    expect(byName).toMatchObject({
      'United States': '420 (same)',
      Russia: '280 (+70)',
      Israel: '140 (\u221270)',
    });
    // Without counts (a failed read) it ranks by the edition's own stories and claims no change.
    expect(weekNews(pool().stories).every((r) => r.previous === undefined)).toBe(true);
    expect(weekCount({ articles: 9, previous: 0 })).toBe('9 (new)');
  });
});

describe('the weekly edition through the digest run', () => {
  it('goes to a weekly reader on their day only, keyed by the ISO week, and daily readers every day', async () => {
    const { deps, sent, store, clock } = await setup([weekly('w'), subscriber({ id: 'd' })]);
    for (let day = 19; day <= 26; day++) {
      const at = `2025-11-${day}T11:00:00.000Z`;
      clock.set(at);
      await runDelivery(deps, { at: new Date(at) });
    }
    // The daily reader every day with stories (the week's last story is the 25th's).
    expect(to(sent, 'd')).toHaveLength(7);
    const w = to(sent, 'w');
    expect(w).toHaveLength(1);
    expect(w[0]!.messageId).toBe(`digest-${WEEK}-w@antiwar.example.org`);
    expect(w[0]!.subject).toMatch(/^The week: /);
    expect(w[0]!.text).toContain('ANTIWAR DIGEST · THE WEEK');
    expect(w[0]!.text).toContain('Nov 18 – Nov 25');
    const record = await store.sends.get(WEEK, 'w');
    expect(record).toMatchObject({ status: 'sent', windowFrom: '2025-11-18T11:00:00.000Z', windowTo: AT });
    expect(await store.sends.get(DATE, 'w')).toBeUndefined();
    const edition = await store.editions.get(DATE, record!.editionId!);
    expect(edition).toMatchObject({
      cadence: 'weekly',
      window: { from: '2025-11-18T11:00:00.000Z', to: AT },
    });
    expect(edition!.all.filter((id) => id === 'ceasefire-draft')).toHaveLength(1);
    // Its web page is the same composition: the ceasefire story once, and the week's box.
    const page = (await store.editions.page(DATE, edition!.id, 'view'))!;
    expect(page.split(`>${CEASEFIRE}</a></h3>`)).toHaveLength(2);
    expect(page).toContain('Most in the news this week');
  });

  it('shows who was most in the news with the change from the week before, from the actor counts', async () => {
    const { deps, sent } = await setup([weekly('w')]);
    await runDigest(deps, { date: DATE, asOf: AT });
    const text = to(sent, 'w')[0]!.text.replace(/\s+/g, ' ');
    const count = (list: Article[], id: string, from: string, until: string) =>
      list.filter(
        (a) =>
          a.actors.some((x) => x.id === id) &&
          a.firstSeenAt.slice(0, 10) >= from &&
          a.firstSeenAt.slice(0, 10) < until,
      ).length;
    const all = [...heavyWeek(), ...weekBefore()];
    const now = count(all, 'russia', '2025-11-18', DATE);
    const before = count(all, 'russia', '2025-11-11', '2025-11-18');
    expect(now).toBeGreaterThan(before);
    expect(text).toContain(`Russia ${now} (+${now - before})`);
  });

  it('sends one weekly edition per ISO week under reruns, throttling and a change of day', async () => {
    let calls = 0;
    const sent: OutgoingMessage[] = [];
    const mailer: Mailer = {
      async send(m) {
        calls++;
        if (calls === 1) throw new MailThrottledError('Maximum sending rate exceeded');
        sent.push(m);
        return { id: `ses-${calls}` };
      },
    };
    const { deps, store, clock } = await setup([weekly('w')], mailer);
    const first = await runDigest(deps, { date: DATE, asOf: AT });
    expect(first).toMatchObject({ sent: 1, weekly: 1, failed: 0 });
    expect(calls).toBe(2);
    const again = await runDigest(deps, { date: DATE, asOf: AT });
    expect(again).toMatchObject({ sent: 0, reasons: { already_sent: 1 } });
    // Moving the day to Thursday of the same week: that week's edition went out already.
    await store.subscribers.put({ ...(await store.subscribers.get('w'))!, weeklyOn: 4 });
    clock.set('2025-11-27T11:00:00.000Z');
    const thursday = await runDigest(deps, { date: '2025-11-27', asOf: '2025-11-27T11:00:00.000Z' });
    expect(thursday).toMatchObject({ sent: 0, reasons: { already_sent: 1 } });
    // And the next week's Thursday it comes, starting where the last one ended.
    clock.set('2025-12-04T11:00:00.000Z');
    const next = await runDigest(deps, { date: '2025-12-04', asOf: '2025-12-04T11:00:00.000Z' });
    expect(next.reasons.no_new_stories + next.sent).toBe(1);
    expect(sent).toHaveLength(1);
    expect((await store.sends.get(WEEK, 'w'))!.attempts).toBe(2);
  });

  it('sends a redelivered or duplicated message’s weekly reader once', async () => {
    const { deps, sent, store } = await setup([weekly('w'), subscriber({ id: 'd' })]);
    const queue = new InMemoryWorkQueue<DigestWork>();
    await planDelivery(
      { subscribers: store.subscribers, queue, clock: deps.clock, log: silentLog },
      {
        at: AT,
        timeZone: 'America/New_York',
      },
    );
    const bodies: DigestWork[] = [];
    await queue.consume(
      async (batch) => {
        bodies.push(...batch.map((m) => m.body));
        return { failedIds: [] };
      },
      { batchSize: 10, maxConcurrency: 1, maxReceiveCount: 1 },
    );
    const work = bodies.find((b) => b.subscriberIds.includes('w'))!;
    expect(work.subscriberIds.sort()).toEqual(['d', 'w']);
    // The same message twice in one batch, then redelivered in another.
    const message = (id: string, receiveCount: number) => ({ id, body: work, receiveCount });
    await sendDigestBatch(deps, [message('m1', 1), message('m1-dup', 1)]);
    const redelivered = await sendDigestBatch(deps, [message('m1', 2)]);
    expect(redelivered.failedIds).toEqual([]);
    expect(redelivered.reports[0]).toMatchObject({ sent: 0, reasons: { already_sent: 2 } });
    expect(to(sent, 'w').map((m) => m.messageId)).toEqual([`digest-${WEEK}-w@antiwar.example.org`]);
    expect(to(sent, 'd').map((m) => m.messageId)).toEqual([`digest-${DATE}-d@antiwar.example.org`]);
  });

  it('keeps a daily and a weekly send apart when a reader switches from daily to weekly', async () => {
    const { deps, sent, store, clock } = await setup([subscriber({ id: 'x' })]);
    clock.set('2025-11-24T11:00:00.000Z');
    await runDigest(deps, { date: '2025-11-24', asOf: '2025-11-24T11:00:00.000Z' });
    await store.subscribers.put({ ...(await store.subscribers.get('x'))!, weeklyOn: TUESDAY });
    clock.set(AT);
    const report = await runDigest(deps, { date: DATE, asOf: AT });
    expect(report).toMatchObject({ sent: 1, weekly: 1 });
    expect(sent.map((m) => m.messageId)).toEqual([
      'digest-2025-11-24-x@antiwar.example.org',
      `digest-${WEEK}-x@antiwar.example.org`,
    ]);
    expect((await store.sends.get('2025-11-24', 'x'))?.status).toBe('sent');
    expect((await store.sends.get(WEEK, 'x'))?.status).toBe('sent');
    // The weekly window is the week's, not from where the daily ended.
    expect((await store.sends.get(WEEK, 'x'))?.windowFrom).toBe('2025-11-18T11:00:00.000Z');
    expect(await store.sends.get(DATE, 'x')).toBeUndefined();
  });

  it('skips a weekly reader on another day when an operator runs a date for everyone', async () => {
    const { deps, sent } = await setup([weekly('w', { weeklyOn: 5 }), subscriber({ id: 'd' })]);
    const report = await runDigest(deps, { date: DATE, asOf: AT });
    expect(report).toMatchObject({ sent: 1, weekly: 0, reasons: { not_their_day: 1 } });
    expect(sent.map((m) => m.to)).toEqual(['d@readers.example.net']);
  });

  it('resends an uncertain weekly edition only when asked, by its week', async () => {
    let fail = true;
    const sent: OutgoingMessage[] = [];
    const mailer: Mailer = {
      async send(m) {
        if (fail) throw new MailOutcomeUnknownError('connection reset');
        sent.push(m);
        return { id: 'ses-1' };
      },
    };
    const { deps, clock } = await setup([weekly('w')], mailer);
    const report = await runDigest(deps, { date: DATE, asOf: AT });
    expect(report.uncertainSends).toEqual([expect.objectContaining({ subscriberId: 'w', key: WEEK })]);
    fail = false;
    clock.set('2025-11-25T12:00:00.000Z');
    const resent = await resendUncertain(deps, WEEK);
    expect(resent.resent.map((r) => r.subscriberId)).toEqual(['w']);
    expect(sent[0]!.messageId).toBe(`digest-${WEEK}-w@antiwar.example.org`);
    expect(sent[0]!.subject).toMatch(/^The week: /);
  });
});

describe('the planner and weekly readers', () => {
  it('enqueues a weekly reader on their day and not on the others, from the index and the listing', async () => {
    const { store } = await setup([weekly('w'), subscriber({ id: 'd' })], undefined, []);
    const due = async (at: string) => {
      const queue = new InMemoryWorkQueue<DigestWork>();
      await planDelivery(
        { subscribers: store.subscribers, queue, clock: fixedClock(at), log: silentLog },
        {
          at,
          timeZone: 'America/New_York',
        },
      );
      const ids: string[] = [];
      await queue.consume(
        async (batch) => {
          ids.push(...batch.flatMap((m) => m.body.subscriberIds));
          return { failedIds: [] };
        },
        { batchSize: 10, maxConcurrency: 1, maxReceiveCount: 1 },
      );
      return ids.sort();
    };
    expect(await due(AT)).toEqual(['d', 'w']);
    expect(await due('2025-11-24T11:00:00.000Z')).toEqual(['d']);
    const listing = await store.subscribers.listByStatus('confirmed');
    expect([...dueFromListing(listing, new Date(AT), 'America/New_York').values()].flat().sort()).toEqual([
      'd',
      'w',
    ]);
    expect([...dueFromListing(listing, new Date('2025-11-24T11:00:00.000Z'), 'UTC').values()].flat()).toEqual(
      ['d'],
    );
  });
});
