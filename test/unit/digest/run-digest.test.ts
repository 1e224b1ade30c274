import { describe, expect, it } from 'vitest';
import { DigestConfigError } from '../../../lambdas/digest/errors';
import { type DigestConfig, type DigestDeps, runDigest } from '../../../lambdas/digest/run-digest';
import {
  type Mailer,
  MailOutcomeUnknownError,
  MailSendError,
  MailThrottledError,
  type OutgoingMessage,
} from '../../../lambdas/mail/ports';
import { fixedClock } from '../../../lambdas/shared/clock';
import { silentLog } from '../../../lambdas/shared/log';
import type { Article, Subscriber } from '../../../lambdas/shared/types';
import { createMemoryStore } from '../../../lambdas/store/memory';
import type { SubscriberStore } from '../../../lambdas/store/ports';
import { article, digestConfig, sampleDay, subscriber } from './fixtures';

const END = '2025-05-14T11:00:00.000Z';
const DATE = '2025-05-14';
const CONFIG: DigestConfig = digestConfig({ configurationSet: 'digest-events', sendRatePerSecond: 14 });

/** A mailer that records what it sends and fails as told, per recipient and attempt. */
function recordingMailer(fail: (m: OutgoingMessage, attempt: number) => Error | undefined = () => undefined) {
  const sent: OutgoingMessage[] = [];
  const attempts = new Map<string, number>();
  const mailer: Mailer = {
    async send(m) {
      const n = (attempts.get(m.to) ?? 0) + 1;
      attempts.set(m.to, n);
      const err = fail(m, n);
      if (err) throw err;
      sent.push(m);
      return { id: `ses-${sent.length}` };
    },
  };
  return { mailer, sent, attempts };
}

async function setup(
  subs: Subscriber[],
  options: { articles?: Article[]; mailer?: Mailer; config?: Partial<DigestConfig> } = {},
) {
  const store = createMemoryStore();
  for (const a of options.articles ?? sampleDay(END)) await store.articles.createArticle(a);
  for (const s of subs) await store.subscribers.create(s);
  const recorder = recordingMailer();
  const sleeps: number[] = [];
  const clock = fixedClock(END);
  const deps: DigestDeps = {
    articles: store.articles,
    subscribers: store.subscribers,
    sends: store.sends,
    editions: store.editions,
    mailer: options.mailer ?? recorder.mailer,
    clock,
    log: silentLog,
    config: { ...CONFIG, ...options.config },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
  return { store, deps, sent: recorder.sent, sleeps, clock };
}

const subjects = (sent: OutgoingMessage[]) => Object.fromEntries(sent.map((m) => [m.to, m.subject]));

describe('runDigest', () => {
  it('sends one digest to each confirmed subscriber and none to the others', async () => {
    const { deps, sent } = await setup([
      subscriber({ id: 'a' }),
      subscriber({ id: 'b', topics: ['nuclear'] }),
      subscriber({ id: 'p', status: 'pending' }),
      subscriber({ id: 'u', status: 'unsubscribed' }),
      subscriber({ id: 'z', paused: true }),
    ]);
    const report = await runDigest(deps, { date: DATE });
    expect(sent.map((m) => m.to).sort()).toEqual(['a@readers.example.net', 'b@readers.example.net']);
    expect(report).toMatchObject({
      date: DATE,
      subscribers: 3,
      sent: 2,
      skipped: 1,
      failed: 0,
      uncertain: 0,
    });
    expect(report.reasons.paused).toBe(1);
  });

  it('gives each subscriber only the topics they chose', async () => {
    const { deps, sent } = await setup([subscriber({ id: 'n', topics: ['nuclear', 'dissent'] })]);
    await runDigest(deps, { date: DATE });
    const text = sent[0]!.text;
    expect(text).toContain('Nuclear · ');
    expect(text).toContain('Dissent · ');
    expect(text).not.toContain('Peace talks');
    expect(text).not.toContain('Geneva');
  });

  it('sends nothing twice when run again for the same date (R33)', async () => {
    const { deps, sent, store } = await setup([subscriber({ id: 'a' }), subscriber({ id: 'b' })]);
    await runDigest(deps, { date: DATE });
    const again = await runDigest(deps, { date: DATE });
    expect(sent).toHaveLength(2);
    expect(again).toMatchObject({ sent: 0, skipped: 2, failed: 0 });
    expect(again.reasons.already_sent).toBe(2);
    expect((await store.sends.listForDate(DATE)).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('reports a claim left in "sending" as uncertain and does not resend it (R33)', async () => {
    const { deps, sent, store } = await setup([subscriber({ id: 'a' }), subscriber({ id: 'b' })]);
    await store.sends.claim(DATE, 'a', '2025-05-14T10:59:00.000Z'); // a crash after SES accepted
    const report = await runDigest(deps, { date: DATE });
    expect(sent.map((m) => m.to)).toEqual(['b@readers.example.net']);
    expect(report.uncertain).toBe(1);
    expect(report.uncertainSubscribers).toEqual(['a']);
    expect((await store.sends.get(DATE, 'a'))!.status).toBe('sending');
  });

  it('leaves the claim in "sending" when the outcome of a send is unknown', async () => {
    const { mailer } = recordingMailer(() => new MailOutcomeUnknownError('socket hang up'));
    const { deps, store } = await setup([subscriber({ id: 'a' })], { mailer });
    const first = await runDigest(deps, { date: DATE });
    expect(first).toMatchObject({ sent: 0, failed: 0, uncertain: 1 });
    expect((await store.sends.get(DATE, 'a'))!.status).toBe('sending');
    const second = await runDigest(deps, { date: DATE });
    expect(second.uncertain).toBe(1);
  });

  it('records a refused send as failed and retries it on the next run', async () => {
    let refuse = true;
    const rec = recordingMailer(() => (refuse ? new MailSendError('MessageRejected') : undefined));
    const { deps, store } = await setup([subscriber({ id: 'a' })], { mailer: rec.mailer });
    const first = await runDigest(deps, { date: DATE });
    expect(first).toMatchObject({ sent: 0, failed: 1 });
    expect(first.failures[0]).toMatchObject({
      subscriberId: 'a',
      error: expect.stringContaining('MessageRejected'),
    });
    expect((await store.sends.get(DATE, 'a'))!.status).toBe('failed');
    refuse = false;
    const second = await runDigest(deps, { date: DATE });
    expect(second.sent).toBe(1);
    expect(rec.sent).toHaveLength(1);
    expect((await store.sends.get(DATE, 'a'))!).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('keeps sending to the others when one recipient fails', async () => {
    const rec = recordingMailer((m) =>
      m.to.startsWith('b@') ? new MailSendError('bad address') : undefined,
    );
    const { deps } = await setup(
      [subscriber({ id: 'a' }), subscriber({ id: 'b' }), subscriber({ id: 'c' })],
      {
        mailer: rec.mailer,
      },
    );
    const report = await runDigest(deps, { date: DATE });
    expect(rec.sent.map((m) => m.to).sort()).toEqual(['a@readers.example.net', 'c@readers.example.net']);
    expect(report).toMatchObject({ sent: 2, failed: 1 });
  });

  it('backs off and retries when SES throttles (R34)', async () => {
    const rec = recordingMailer((_, attempt) =>
      attempt <= 2 ? new MailThrottledError('Throttling') : undefined,
    );
    const { deps, sleeps, store } = await setup([subscriber({ id: 'a' })], { mailer: rec.mailer });
    // What the ledger holds while the sender waits: a backoff must never sit on a claim.
    const during: (string | undefined)[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      if (ms >= 1000) during.push((await store.sends.get(DATE, 'a'))?.status);
    };
    const report = await runDigest({ ...deps, sleep }, { date: DATE });
    expect(report.sent).toBe(1);
    expect(rec.attempts.get('a@readers.example.net')).toBe(3);
    expect(sleeps.filter((ms) => ms >= 1000)).toEqual([1000, 2000]);
    expect(during).toEqual(['failed', 'failed']);
    expect((await store.sends.get(DATE, 'a'))!).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('claims a reader only after their pacing slot, right before the SES call (R33)', async () => {
    const subs = ['a', 'b', 'c'].map((id) => subscriber({ id }));
    const { deps, store, sent } = await setup(subs, { config: { sendRatePerSecond: 1 } });
    const claimedWhileWaiting: string[] = [];
    const sleep = async () => {
      for (const r of await store.sends.listForDate(DATE))
        if (r.status === 'sending') claimedWhileWaiting.push(r.subscriberId);
    };
    await runDigest({ ...deps, sleep }, { date: DATE });
    expect(sent).toHaveLength(3);
    expect(claimedWhileWaiting).toEqual([]);
  });

  it('spaces sends to the configured rate (R34)', async () => {
    const subs = ['a', 'b', 'c', 'd', 'e'].map((id) => subscriber({ id }));
    const { deps, sleeps, sent } = await setup(subs, { config: { sendRatePerSecond: 2 } });
    await runDigest(deps, { date: DATE });
    expect(sent).toHaveLength(5);
    // The clock stands still in this test, so each later start waits one more interval of 500 ms.
    expect([...sleeps].sort((x, y) => x - y)).toEqual([500, 1000, 1500, 2000]);
  });

  it('refuses to send more than the daily quota (R34)', async () => {
    const subs = ['a', 'b', 'c'].map((id) => subscriber({ id }));
    const { deps, sent, store } = await setup(subs, { config: { dailyQuota: 2 } });
    const report = await runDigest(deps, { date: DATE });
    expect(sent).toHaveLength(2);
    expect(report.reasons.over_quota).toBe(1);
    expect(await store.sends.listForDate(DATE)).toHaveLength(2);
  });

  it('sends nothing and says so when a subscriber has no new stories', async () => {
    const { deps, sent, store } = await setup([subscriber({ id: 'i', topics: ['intelligence'] })]);
    const report = await runDigest(deps, { date: DATE });
    expect(sent).toHaveLength(0);
    expect(report).toMatchObject({ sent: 0, skipped: 1 });
    expect(report.reasons.no_new_stories).toBe(1);
    expect(await store.sends.listForDate(DATE)).toHaveLength(0);
  });

  it('renders once per topic selection, with each subscriber’s own links', async () => {
    const subs = [
      subscriber({ id: 'a', topics: ['nuclear'] }),
      subscriber({ id: 'b', topics: ['nuclear'] }),
      subscriber({ id: 'c', topics: ['sanctions', 'diplomacy'] }),
      subscriber({ id: 'd', topics: ['diplomacy', 'sanctions'] }),
    ];
    const { deps, sent } = await setup(subs);
    const report = await runDigest(deps, { date: DATE });
    expect(report.selections).toBe(2);
    const a = sent.find((m) => m.to.startsWith('a@'))!;
    const b = sent.find((m) => m.to.startsWith('b@'))!;
    expect(a.html).toContain('unsubscribe?token=a.');
    expect(b.html).toContain('unsubscribe?token=b.');
    expect(a.html).not.toContain('token=b.');
    expect(subjects(sent)['c@readers.example.net']).toBe(subjects(sent)['d@readers.example.net']);
  });

  it("starts the next day's window where the sent one ended, from the ledger alone", async () => {
    const { deps, store, clock, sent } = await setup([subscriber({ id: 'a' })]);
    const before = await store.subscribers.get('a');
    await runDigest(deps, { date: DATE });
    // The ledger keeps the window; the digest writes nothing to the subscriber.
    expect((await store.sends.get(DATE, 'a'))!).toMatchObject({
      status: 'sent',
      windowFrom: '2025-05-13T11:00:00.000Z',
      windowTo: END,
    });
    expect(await store.subscribers.get('a')).toEqual(before);
    await store.articles.createArticle(
      article({ id: 'later', title: 'Talks resume on Thursday', firstSeenAt: '2025-05-14T20:00:00.000Z' }),
    );
    clock.set('2025-05-15T11:00:00.000Z');
    const next = await runDigest(deps, { date: '2025-05-15' });
    expect(next.sent).toBe(1);
    expect((await store.sends.get('2025-05-15', 'a'))!.windowFrom).toBe(END);
    expect(sent[1]!.html).toContain('Talks resume on Thursday');
    expect(sent[1]!.html).not.toContain('Hodeidah');
  });

  it('skips a subscriber who unsubscribed while the run was under way', async () => {
    const { deps, store, sent } = await setup([subscriber({ id: 'a' }), subscriber({ id: 'b' })]);
    const stale = await store.subscribers.listByStatus('confirmed');
    const b = (await store.subscribers.get('b'))!;
    await store.subscribers.put({ ...b, status: 'unsubscribed' });
    const subscribers: SubscriberStore = Object.assign(Object.create(store.subscribers), {
      listByStatus: async () => stale,
    });
    const report = await runDigest({ ...deps, subscribers }, { date: DATE });
    expect(sent.map((m) => m.to)).toEqual(['a@readers.example.net']);
    expect(report.reasons.no_longer_confirmed).toBe(1);
    expect((await store.subscribers.get('b'))!.status).toBe('unsubscribed');
  });

  it('claims and sends nothing on a dry run, and previews each selection once', async () => {
    const subs = [
      subscriber({ id: 'a', topics: ['nuclear'] }),
      subscriber({ id: 'b', topics: ['nuclear'] }),
      subscriber({ id: 'c', topics: ['sanctions'] }),
    ];
    const { deps, sent, store } = await setup(subs);
    const report = await runDigest(deps, { date: DATE, dryRun: true });
    expect(sent).toHaveLength(0);
    expect(await store.sends.listForDate(DATE)).toHaveLength(0);
    expect((await store.subscribers.get('a'))!.lastDigestAt).toBeUndefined();
    expect(report).toMatchObject({ sent: 0, planned: 3, dryRun: true });
    expect(report.previews!.map((p) => p.topics)).toEqual([['nuclear'], ['sanctions']]);
    expect(report.previews![0]!.html).toContain('<!doctype html>');
  });

  it('puts the bulk-mail headers on every message (R29)', async () => {
    const { deps, sent } = await setup([subscriber({ id: 'a' })]);
    await runDigest(deps, { date: DATE });
    const m = sent[0]!;
    expect(m.from).toBe('"Antiwar Digest" <digest@antiwar.example.org>');
    expect(m.headers!['List-Unsubscribe']).toMatch(
      /^<https:\/\/digest\.example\.org\/unsubscribe\?token=a\.0\.[0-9a-z]+\.[\w-]{32}>$/,
    );
    expect(m.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(m.headers!['X-SES-CONFIGURATION-SET']).toBe('digest-events');
    expect(m.messageId).toBe('digest-2025-05-14-a@antiwar.example.org');
  });

  it('takes today in the configured time zone when no date is given', async () => {
    const { deps, clock } = await setup([]);
    clock.set('2025-05-15T02:00:00.000Z'); // still the 14th in New York
    expect((await runDigest(deps)).date).toBe('2025-05-14');
  });

  it('names the bad key of an invalid configuration', async () => {
    const { deps } = await setup([]);
    await expect(runDigest({ ...deps, config: { ...CONFIG, timeZone: 'Mars/Olympus' } })).rejects.toThrow(
      DigestConfigError,
    );
    await expect(runDigest({ ...deps, config: { ...CONFIG, postalAddress: ' ' } })).rejects.toThrow(
      /postalAddress/,
    );
  });
});
