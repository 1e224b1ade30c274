/**
 * The weekly edition and following an actor against the real local parts: the hourly planner's
 * index on dynalite, senders running the planned messages (one redelivered, one duplicated by a
 * retried planner) through a local SES that records every message, and the send ledger in the
 * table. Each reader gets one message: the weekly reader their week's edition, keyed by the ISO week.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS } from '../../bin/local/dynamo';
import { type DigestWork, planDelivery, sendDigestBatch } from '../../lambdas/digest/plan';
import type { DigestDeps } from '../../lambdas/digest/run-digest';
import { createSesClient } from '../../lambdas/mail/ses-client';
import { SesRawMailer } from '../../lambdas/mail/ses-mailer';
import { InMemoryWorkQueue } from '../../lambdas/queue/memory-work-queue';
import { fixedClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import { startLocalDynamo, startLocalSes, type TestDynamo } from '../support/local';
import { heavyWeek } from '../unit/digest/days';
import { digestConfig, subscriber } from '../unit/digest/fixtures';

/** Tuesday 25 November 2025, 06:00 in New York: ISO week 2025-W48. */
const AT = '2025-11-25T11:00:00.000Z';
const DATE = '2025-11-25';
const WEEK = '2025-W48';

let ses: Awaited<ReturnType<typeof startLocalSes>>;
let dynamo: TestDynamo;

beforeAll(async () => {
  [ses, dynamo] = await Promise.all([startLocalSes(), startLocalDynamo('weekly')]);
  for (const a of heavyWeek()) await dynamo.store.articles.createArticle(a);
  const s = dynamo.store.subscribers;
  await s.create(subscriber({ id: 'weekly', weeklyOn: 2 }));
  // Weekly on Friday: not due this Tuesday.
  await s.create(subscriber({ id: 'friday', weeklyOn: 5 }));
  await s.create(subscriber({ id: 'daily' }));
  // Nuclear only, following North Korea: the day's Korea drills story comes too, once.
  await s.create(subscriber({ id: 'follower', topics: ['nuclear'], actors: ['north-korea'] }));
}, 60_000);

afterAll(async () => {
  await Promise.all([ses?.stop(), dynamo?.stop()]);
});

function deps(): DigestDeps {
  return {
    ...dynamo.store,
    mailer: new SesRawMailer(createSesClient({ ...LOCAL_AWS, endpoint: ses.endpoint })),
    clock: fixedClock(AT),
    log: silentLog,
    config: digestConfig({ sendRatePerSecond: 1000 }),
    sleep: async () => {},
  };
}

/** Plans the instant's delivery on the table's index and returns the messages it enqueued. */
async function plan(): Promise<DigestWork[]> {
  const queue = new InMemoryWorkQueue<DigestWork>();
  await planDelivery(
    { subscribers: dynamo.store.subscribers, queue, clock: fixedClock(AT), log: silentLog },
    { timeZone: 'America/New_York', at: AT },
  );
  const bodies: DigestWork[] = [];
  await queue.consume(
    async (batch) => {
      bodies.push(...batch.map((m) => m.body));
      return { failedIds: [] };
    },
    { batchSize: 10, maxConcurrency: 1, maxReceiveCount: 1 },
  );
  return bodies;
}

describe('the weekly edition on dynalite and a recording SES', () => {
  it('sends each reader due one message, however often the messages are delivered', async () => {
    const first = await plan();
    expect(first.flatMap((w) => w.subscriberIds).sort()).toEqual(['daily', 'follower', 'weekly']);
    const received = (work: DigestWork, id: string, receiveCount: number) => ({
      id,
      body: work,
      receiveCount,
    });
    // First delivery of each message, then SQS redelivers the first one, then a retried planner's
    // copies arrive in one batch with a duplicate.
    for (const [i, work] of first.entries()) await sendDigestBatch(deps(), [received(work, `m${i}`, 1)]);
    const redelivery = await sendDigestBatch(deps(), [received(first[0]!, 'm0', 2)]);
    expect(redelivery.failedIds).toEqual([]);
    const again = await plan();
    const retried = await sendDigestBatch(
      deps(),
      again.flatMap((work, i) => [received(work, `r${i}`, 1), received(work, `r${i}-dup`, 1)]),
    );
    expect(retried.reports.reduce((n, r) => n + r.sent, 0)).toBe(0);

    const emails = await ses.emails();
    const to = (id: string) => emails.filter((e) => e.destination.to[0] === `${id}@readers.example.net`);
    expect(emails).toHaveLength(3);
    expect(to('friday')).toHaveLength(0);

    const weekly = to('weekly');
    expect(weekly).toHaveLength(1);
    const raw = weekly[0]!.rawMessage!;
    expect(raw).toMatch(new RegExp(`^Message-ID: <digest-${WEEK}-weekly@antiwar\\.example\\.org>`, 'mi'));
    expect(weekly[0]!.subject).toMatch(/^The week: /);
    expect(raw).toContain('Most in the news this week');
    // R29 as every digest: the one-click unsubscribe headers.
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);
    expect(raw).toMatch(/^List-Unsubscribe:\s+<https:\/\/digest\.example\.org\/unsubscribe\?token=/im);
    const record = await dynamo.store.sends.get(WEEK, 'weekly');
    expect(record).toMatchObject({ status: 'sent', windowFrom: '2025-11-18T11:00:00.000Z', windowTo: AT });
    expect(await dynamo.store.sends.get(DATE, 'weekly')).toBeUndefined();
    // Its web view is an edition like a daily one's, stored before the email went out.
    const edition = await dynamo.store.editions.get(DATE, record!.editionId!);
    expect(edition?.cadence).toBe('weekly');
    const page = await dynamo.store.editions.page(DATE, record!.editionId!, 'view');
    expect(page).toContain('Most in the news this week');

    expect(to('daily')[0]!.rawMessage).toMatch(/^Message-ID: <digest-2025-11-25-daily@/im);
    const follower = to('follower')[0]!.rawMessage!;
    expect(follower).toContain('YOU FOLLOW');
    expect((await dynamo.store.sends.get(DATE, 'follower'))?.status).toBe('sent');
    const followed = await dynamo.store.editions.get(
      DATE,
      (await dynamo.store.sends.get(DATE, 'follower'))!.editionId!,
    );
    expect(followed?.actors).toEqual(['north-korea']);
    expect(followed?.shown).toEqual(['korea-drills', 'golden-dome']);
    expect(new Set(followed!.shown).size).toBe(followed!.shown.length);
  }, 120_000);

  it('finds weekly readers through the zone index on their day only', async () => {
    const s = dynamo.store.subscribers;
    const ids = async (weekday: number) => {
      const page = await s.pageDue('America/New_York', 6, 6, undefined, 100, weekday);
      return page.ids.sort();
    };
    expect(await ids(2)).toEqual(['daily', 'follower', 'weekly']);
    expect(await ids(5)).toEqual(['daily', 'follower', 'friday']);
    expect(await ids(3)).toEqual(['daily', 'follower']);
  });
});
