import { describe, expect, it } from 'vitest';
import {
  type DigestWork,
  memoizedArticleWindows,
  planDigest,
  sendDigestBatch,
} from '../../../lambdas/digest/plan';
import type { DigestConfig, DigestDeps } from '../../../lambdas/digest/run-digest';
import {
  type Mailer,
  MailOutcomeUnknownError,
  MailSendError,
  type OutgoingMessage,
} from '../../../lambdas/mail/ports';
import { InMemoryWorkQueue } from '../../../lambdas/queue/memory-work-queue';
import type { ReceivedMessage } from '../../../lambdas/queue/ports';
import { consumersForRate, shareOfRate } from '../../../lambdas/queue/sizing';
import { fixedClock } from '../../../lambdas/shared/clock';
import { silentLog } from '../../../lambdas/shared/log';
import { createMemoryStore } from '../../../lambdas/store/memory';
import { digestConfig, sampleDay, subscriber } from '../digest/fixtures';

const END = '2025-05-14T11:00:00.000Z';
const DATE = '2025-05-14';
const CONFIG: DigestConfig = digestConfig({ sendRatePerSecond: 1000 });

async function setup(count: number, fail: (m: OutgoingMessage) => Error | undefined = () => undefined) {
  const store = createMemoryStore();
  for (const a of sampleDay(END)) await store.articles.createArticle(a);
  for (let i = 0; i < count; i++)
    await store.subscribers.create(subscriber({ id: `s${String(i).padStart(3, '0')}` }));
  const sent: string[] = [];
  const mailer: Mailer = {
    async send(m) {
      const err = fail(m);
      if (err) throw err;
      sent.push(m.to);
      return { id: `ses-${sent.length}` };
    },
  };
  const deps: DigestDeps = {
    articles: store.articles,
    subscribers: store.subscribers,
    sends: store.sends,
    editions: store.editions,
    mailer,
    clock: fixedClock(END),
    log: silentLog,
    config: CONFIG,
    sleep: async () => {},
  };
  return { store, deps, sent };
}

const work = (id: string, subscriberIds: string[], asOf = END): ReceivedMessage<unknown> => ({
  id,
  body: { date: DATE, asOf, subscriberIds, runId: 'digest:test' } satisfies DigestWork,
  receiveCount: 1,
});

describe('planDigest', () => {
  it('enqueues the confirmed subscribers 50 ids to a message, for the date of the run in the zone', async () => {
    const { store } = await setup(120);
    await store.subscribers.create(subscriber({ id: 'pending', status: 'pending' }));
    await store.subscribers.create(subscriber({ id: 'gone', status: 'unsubscribed' }));
    const queue = new InMemoryWorkQueue<DigestWork>();
    const plan = await planDigest(
      { subscribers: store.subscribers, queue, clock: fixedClock(END), log: silentLog },
      { timeZone: 'America/New_York', asOf: '2025-05-15T02:00:00.000Z' },
    );
    const bodies: DigestWork[] = [];
    await queue.consume(
      async (batch) => {
        bodies.push(...batch.map((m) => m.body));
        return { failedIds: [] };
      },
      { batchSize: 10, maxConcurrency: 1, maxReceiveCount: 1 },
    );
    expect(plan).toMatchObject({ subscribers: 120, messages: 3, calls: 1, date: '2025-05-14' });
    expect(bodies.map((b) => b.subscriberIds.length)).toEqual([50, 50, 20]);
    const ids = bodies.flatMap((b) => b.subscriberIds);
    expect(new Set(ids).size).toBe(120);
    expect(ids).not.toContain('pending');
    expect(bodies[0]).toMatchObject({
      date: '2025-05-14',
      asOf: '2025-05-15T02:00:00.000Z',
      runId: 'digest:2025-05-14',
    });
  });

  it('enqueues page by page as it reads, in whole messages and full SendMessageBatch calls', async () => {
    const { store } = await setup(345);
    const events: string[] = [];
    const subscribers = {
      async pageIdsByStatus(...args: Parameters<typeof store.subscribers.pageIdsByStatus>) {
        const page = await store.subscribers.pageIdsByStatus(...args);
        events.push(`read ${page.ids.length}`);
        return page;
      },
    };
    const queue = new InMemoryWorkQueue<DigestWork>();
    const send = queue.send.bind(queue);
    queue.send = async (messages) => {
      events.push(`send ${messages.length}`);
      return send(messages);
    };
    const plan = await planDigest(
      { subscribers, queue, clock: fixedClock(END), log: silentLog },
      { timeZone: 'UTC', pageSize: 100, batchSize: 7 },
    );
    const bodies: DigestWork[] = [];
    await queue.consume(
      async (batch) => {
        bodies.push(...batch.map((m) => m.body));
        return { failedIds: [] };
      },
      { batchSize: 10, maxConcurrency: 1, maxReceiveCount: 1 },
    );
    // 70 ids (10 messages of 7) go out per full call; the rest waits for the next page.
    expect(events).toEqual([
      'read 100',
      'send 10',
      'read 100',
      'send 10',
      'read 100',
      'send 20',
      'read 45',
      'send 10',
    ]);
    expect(plan).toMatchObject({ subscribers: 345, messages: 50, calls: 5 });
    expect(bodies.map((b) => b.subscriberIds.length)).toEqual([...Array(49).fill(7), 2]);
    const ids = bodies.flatMap((b) => b.subscriberIds);
    expect(ids).toEqual([...(await store.subscribers.listByStatus('confirmed')).map((s) => s.id)]);
  });

  it('refuses a batch size that is not a positive whole number', async () => {
    const store = createMemoryStore();
    const queue = new InMemoryWorkQueue<DigestWork>();
    await expect(
      planDigest(
        { subscribers: store.subscribers, queue, clock: fixedClock(END), log: silentLog },
        { timeZone: 'UTC', batchSize: 0 },
      ),
    ).rejects.toThrow(RangeError);
  });

  it('enqueues nothing when nobody is confirmed', async () => {
    const store = createMemoryStore();
    const queue = new InMemoryWorkQueue<DigestWork>();
    const plan = await planDigest(
      { subscribers: store.subscribers, queue, clock: fixedClock(END), log: silentLog },
      { timeZone: 'UTC' },
    );
    expect([plan.messages, queue.size]).toEqual([0, 0]);
  });
});

describe('sendDigestBatch', () => {
  it('sends to the subscribers of its messages and to no one else', async () => {
    const { deps, sent } = await setup(5);
    const result = await sendDigestBatch(deps, [work('m1', ['s000', 's001']), work('m2', ['s003'])]);
    expect(sent.sort()).toEqual(['s000', 's001', 's003'].map((id) => `${id}@readers.example.net`));
    expect(result.failedIds).toEqual([]);
  });

  it('sends nothing twice when a message is delivered again or duplicated', async () => {
    const { deps, sent } = await setup(3);
    await sendDigestBatch(deps, [work('m1', ['s000', 's001'])]);
    const again = await sendDigestBatch(deps, [work('m1', ['s000', 's001']), work('dup', ['s001', 's002'])]);
    expect(sent.sort()).toEqual(['s000', 's001', 's002'].map((id) => `${id}@readers.example.net`));
    expect(again.reports[0]).toMatchObject({ sent: 1, reasons: { already_sent: 2 } });
  });

  it('retries the message of a refused send, and the retry sends only what was refused', async () => {
    let refuse = true;
    const { deps, sent } = await setup(3, (m) =>
      refuse && m.to.startsWith('s001') ? new MailSendError('Email address is not verified') : undefined,
    );
    const first = await sendDigestBatch(deps, [work('m1', ['s000', 's001']), work('m2', ['s002'])]);
    expect(first.failedIds).toEqual(['m1']);
    refuse = false;
    const retry = await sendDigestBatch(deps, [work('m1', ['s000', 's001'])]);
    expect(retry.failedIds).toEqual([]);
    expect(sent.filter((to) => to.startsWith('s000'))).toHaveLength(1);
    expect(sent.filter((to) => to.startsWith('s001'))).toHaveLength(1);
  });

  it('does not retry a send whose outcome is unknown: SES may have accepted it', async () => {
    const { deps, store } = await setup(1, () => new MailOutcomeUnknownError('socket hang up'));
    const result = await sendDigestBatch(deps, [work('m1', ['s000'])]);
    expect(result.failedIds).toEqual([]);
    expect(result.reports[0]?.uncertain).toBe(1);
    expect((await store.sends.get(DATE, 's000'))?.status).toBe('sending');
  });

  it('reports a malformed message failed and still sends the rest', async () => {
    const { deps, sent } = await setup(1);
    const result = await sendDigestBatch(deps, [
      { id: 'bad', body: { date: DATE, subscriberIds: [] }, receiveCount: 1 },
      work('m1', ['s000']),
    ]);
    expect(result).toMatchObject({ failedIds: ['bad'], malformed: 1 });
    expect(sent).toHaveLength(1);
  });

  it('skips a subscriber who unsubscribed after the plan', async () => {
    const { deps, store, sent } = await setup(2);
    await store.subscribers.put({ ...(await store.subscribers.get('s001'))!, status: 'unsubscribed' });
    const result = await sendDigestBatch(deps, [work('m1', ['s000', 's001'])]);
    expect(sent).toEqual(['s000@readers.example.net']);
    expect(result.failedIds).toEqual([]);
  });

  it("reads the day's articles once for every message of a run in a warm sender", async () => {
    const { deps } = await setup(4);
    const articles = memoizedArticleWindows(deps.articles);
    const warm = { ...deps, articles };
    await sendDigestBatch(warm, [work('m1', ['s000', 's001'])]);
    await sendDigestBatch(warm, [work('m2', ['s002', 's003'])]);
    expect(articles.reads()).toBe(1);
  });
});

describe('sender sizing', () => {
  it("runs enough senders for the rate, each at its share, never fewer than Lambda's minimum of 2", () => {
    expect([1, 14, 200].map((r) => consumersForRate(r))).toEqual([2, 2, 20]);
    expect(shareOfRate(14, consumersForRate(14))).toBe(7);
    expect(() => consumersForRate(0)).toThrow(RangeError);
  });
});
