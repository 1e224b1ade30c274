import { describe, expect, it } from 'vitest';
import { type DigestWork, planDelivery, runDelivery } from '../../../lambdas/digest/plan';
import { type DigestDeps, runDigest } from '../../../lambdas/digest/run-digest';
import type { Mailer, OutgoingMessage } from '../../../lambdas/mail/ports';
import { InMemoryWorkQueue } from '../../../lambdas/queue/memory-work-queue';
import { fixedClock } from '../../../lambdas/shared/clock';
import { localTime } from '../../../lambdas/shared/delivery-time';
import { silentLog } from '../../../lambdas/shared/log';
import type { Article, Subscriber } from '../../../lambdas/shared/types';
import { createMemoryStore } from '../../../lambdas/store/memory';
import { article, digestConfig, sampleDay, subscriber } from './fixtures';

const HOUR = 3_600_000;

async function setup(subs: Subscriber[], articles: Article[], now: string) {
  const store = createMemoryStore();
  for (const a of articles) await store.articles.createArticle(a);
  for (const s of subs) await store.subscribers.create(s);
  const sent: (OutgoingMessage & { at: string })[] = [];
  const clock = fixedClock(now);
  const mailer: Mailer = {
    async send(m) {
      sent.push({ ...m, at: clock.now().toISOString() });
      return { id: `ses-${sent.length}` };
    },
  };
  const deps: DigestDeps = {
    articles: store.articles,
    subscribers: store.subscribers,
    sends: store.sends,
    editions: store.editions,
    mailer,
    clock,
    log: silentLog,
    config: digestConfig({ sendRatePerSecond: 1000 }),
    sleep: async () => {},
  };
  return { store, deps, sent, clock };
}

/** One article an hour, first seen and published on the hour, from `from` for `hours` hours. */
function hourly(from: string, hours: number): Article[] {
  return Array.from({ length: hours }, (_, i) => {
    const at = new Date(Date.parse(from) + i * HOUR).toISOString();
    return article({ id: `h${i}`, title: `Hourly report ${i}`, firstSeenAt: at, publishedAt: at });
  });
}

/** Runs the hourly delivery at every whole hour of [from, to), as the schedule would. */
async function everyHour(deps: DigestDeps, clock: ReturnType<typeof fixedClock>, from: string, to: string) {
  for (let t = Date.parse(from); t < Date.parse(to); t += HOUR) {
    clock.set(new Date(t + 60_000).toISOString());
    await runDelivery(deps, { at: new Date(t) });
  }
}

/** The links to articles in a page, in order: everything but the site's own links. */
const urls = (html: string) =>
  [...html.matchAll(/href="(https?:\/\/[^"]+)"/g)]
    .map((m) => m[1]!)
    .filter((u) => !u.startsWith('https://digest.example.org'));

describe('delivery in each reader’s morning', () => {
  const tokyo = subscriber({ id: 'tokyo', timeZone: 'Asia/Tokyo' });
  const newYork = subscriber({ id: 'ny', timeZone: 'America/New_York' });

  it('sends to a Tokyo and a New York reader at 06:00 local, each dated on their own date', async () => {
    const { deps, sent, clock } = await setup(
      [tokyo, newYork],
      hourly('2025-05-12T00:00:00Z', 72),
      '2025-05-13T00:00:00Z',
    );
    await everyHour(deps, clock, '2025-05-13T00:00:00Z', '2025-05-14T00:00:00Z');
    const got = sent.map((m) => [m.to.split('@')[0], m.at.slice(0, 13), m.messageId!.slice(7, 17)]);
    expect(got).toEqual([
      ['ny', '2025-05-13T10', '2025-05-13'],
      ['tokyo', '2025-05-13T21', '2025-05-14'],
    ]);
  });

  it('gives each reader exactly one digest per local date across the Sunday clocks change', async () => {
    const early = subscriber({ id: 'early', timeZone: 'America/New_York', deliveryHour: 2 });
    const late = subscriber({ id: 'late', timeZone: 'America/New_York', deliveryHour: 1 });
    const berlin = subscriber({ id: 'berlin', timeZone: 'Europe/Berlin', deliveryHour: 6 });
    for (const [from, to] of [
      ['2025-03-08T00:00:00Z', '2025-03-11T00:00:00Z'], // New York springs forward on the 9th
      ['2025-11-01T00:00:00Z', '2025-11-04T00:00:00Z'], // and falls back on 2 November
    ] as const) {
      const { deps, sent, clock } = await setup(
        [early, late, berlin, tokyo, newYork],
        hourly(new Date(Date.parse(from) - 24 * HOUR).toISOString(), 96),
        from,
      );
      await everyHour(deps, clock, from, to);
      const byReader = new Map<string, string[]>();
      for (const m of sent) {
        const id = m.to.split('@')[0]!;
        const zone = [early, late, berlin, tokyo, newYork].find((s) => s.id === id)!.timeZone;
        const local = localTime(new Date(m.at), zone);
        byReader.set(id, [...(byReader.get(id) ?? []), `${local.date} ${local.hour}`]);
      }
      if (from.startsWith('2025-03')) {
        // 02:00 does not exist on the 9th: the 02:00 reader gets it at 03:00, once.
        expect(byReader.get('early')).toEqual(['2025-03-08 2', '2025-03-09 3', '2025-03-10 2']);
        expect(byReader.get('ny')).toEqual(['2025-03-08 6', '2025-03-09 6', '2025-03-10 6']);
      } else {
        // 01:00 happens twice on 2 November: the 01:00 reader gets the first only.
        expect(byReader.get('late')).toEqual(['2025-11-01 1', '2025-11-02 1', '2025-11-03 1']);
        expect(byReader.get('ny')).toEqual(['2025-11-01 6', '2025-11-02 6', '2025-11-03 6']);
      }
      for (const dates of byReader.values()) {
        expect(new Set(dates.map((d) => d.slice(0, 10))).size).toBe(dates.length);
      }
    }
  });

  it('sends to a reader only in their delivery hour when the hour is run', async () => {
    const { deps, sent } = await setup(
      [newYork, subscriber({ id: 'noon', timeZone: 'America/New_York', deliveryHour: 12 })],
      sampleDay('2025-05-14T11:00:00.000Z'),
      '2025-05-14T10:01:00Z',
    );
    const run = await runDelivery(deps, { at: new Date('2025-05-14T10:00:00Z') });
    expect(sent.map((m) => m.to)).toEqual(['ny@readers.example.net']);
    expect(run.reports.map((r) => [r.date, r.subscribers])).toEqual([['2025-05-14', 1]]);
  });
});

describe('the hourly planner', () => {
  it('enqueues only the readers due now, by local date, from one index query per zone', async () => {
    const store = createMemoryStore();
    const subs = [
      subscriber({ id: 'ny', timeZone: 'America/New_York' }),
      subscriber({ id: 'ny-noon', timeZone: 'America/New_York', deliveryHour: 12 }),
      subscriber({ id: 'kolkata', timeZone: 'Asia/Kolkata', deliveryHour: 15 }),
      subscriber({ id: 'tokyo', timeZone: 'Asia/Tokyo', deliveryHour: 19 }),
      subscriber({ id: 'gone', timeZone: 'America/New_York', status: 'unsubscribed' }),
    ];
    for (const s of subs) await store.subscribers.create(s);
    const queries: string[] = [];
    const subscribers = Object.assign(Object.create(store.subscribers), {
      pageDue: (zone: string, from: number, to: number, cursor?: string, limit?: number) => {
        queries.push(`${zone} ${from}-${to}`);
        return store.subscribers.pageDue(zone, from, to, cursor, limit);
      },
    });
    const queue = new InMemoryWorkQueue<DigestWork>();
    // 10:00 UTC: 06:00 in New York, 15:30 in Kolkata, 19:00 in Tokyo.
    const plan = await planDelivery(
      { subscribers, queue, clock: fixedClock('2025-05-14T10:00:07Z'), log: silentLog },
      { timeZone: 'America/New_York' },
    );
    const bodies: DigestWork[] = [];
    await queue.consume(
      async (batch) => {
        bodies.push(...batch.map((m) => m.body));
        return { failedIds: [] };
      },
      { batchSize: 10, maxConcurrency: 1, maxReceiveCount: 1 },
    );
    expect(queries.sort()).toEqual(['America/New_York 6-6', 'Asia/Kolkata 15-15', 'Asia/Tokyo 19-19']);
    const byDate = Object.fromEntries(
      bodies.filter((b) => b.subscriberIds.length).map((b) => [b.date, [...b.subscriberIds].sort()]),
    );
    expect(byDate).toEqual({ '2025-05-14': ['kolkata', 'ny', 'tokyo'] });
    expect(plan).toMatchObject({ at: '2025-05-14T10:00:00.000Z', subscribers: 3, houseDate: '2025-05-14' });
    expect(bodies.filter((b) => b.house)).toEqual([
      expect.objectContaining({ date: '2025-05-14', subscriberIds: [] }),
    ]);
  });
});

describe('freshness', () => {
  it("keeps a new feed's backlog and old articles out of the email", async () => {
    const end = '2025-05-14T11:00:00.000Z';
    const seen = '2025-05-14T09:30:00.000Z';
    const backlog = [
      article({
        id: 'old-1',
        title: 'A report from last week',
        firstSeenAt: seen,
        publishedAt: '2025-05-07T09:00:00.000Z',
      }),
      article({
        id: 'old-2',
        title: 'Three days old already',
        firstSeenAt: seen,
        publishedAt: '2025-05-11T09:00:00.000Z',
      }),
      article({
        id: 'late',
        title: 'Yesterday but late to arrive',
        firstSeenAt: seen,
        publishedAt: '2025-05-13T08:00:00.000Z',
      }),
    ];
    const { deps, sent } = await setup([subscriber({ id: 'a' })], [...sampleDay(end), ...backlog], end);
    await runDigest(deps, { date: '2025-05-14' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.html).not.toContain('A report from last week');
    expect(sent[0]!.html).not.toContain('Three days old already');
    expect(sent[0]!.html).toContain('Yesterday but late to arrive');
  });
});

describe('the web view is the email', () => {
  const end = '2025-05-14T11:00:00.000Z';

  it('stores the edition before the email goes out, and its page lists exactly the email’s stories in order', async () => {
    const { deps, sent, store } = await setup([subscriber({ id: 'a' })], sampleDay(end), end);
    const mailer: Mailer = {
      async send(m) {
        // The page the email links to is already there when it is sent.
        const path = /\/archive\/(\d{4}-\d{2}-\d{2})\/([0-9a-f]{16})"/.exec(m.html)!;
        expect(await store.editions.page(path[1]!, path[2]!, 'view')).toBeDefined();
        return deps.mailer.send(m);
      },
    };
    // One story a topic: the email leaves some out, and its page must leave out the same ones.
    await runDigest(
      { ...deps, mailer, config: { ...deps.config, maxStoriesPerTopic: 1 } },
      { date: '2025-05-14' },
    );
    const email = sent[0]!;
    const [, date, id] = /https:\/\/digest\.example\.org\/archive\/(\d{4}-\d{2}-\d{2})\/([0-9a-f]{16})"/.exec(
      email.html,
    )!;
    const view = (await store.editions.page(date!, id!, 'view'))!;
    expect(urls(view)).toEqual(urls(email.html));
    expect(urls(view).length).toBeGreaterThan(5);
    const all = (await store.editions.page(date!, id!, 'all'))!;
    expect(urls(all).length).toBeGreaterThan(urls(view).length);
    const edition = (await store.editions.get(date!, id!))!;
    // The edition names every story the email shows, top stories included.
    expect(edition.shown).toHaveLength(email.html.match(/<h3 /g)!.length);
    expect(edition).toMatchObject({
      date: '2025-05-14',
      timeZone: 'America/New_York',
      window: { from: '2025-05-13T11:00:00.000Z', to: '2025-05-14T11:00:00.000Z' },
    });
    expect((await store.sends.get('2025-05-14', 'a'))!.editionId).toBe(id);
  });

  it('gives a reader of two topics every story the email counts, in it or behind its "more" link', async () => {
    const day = '2025-05-14T10:00:00.000Z';
    const many = Array.from({ length: 18 }, (_, i) =>
      article({
        id: `m${i}`,
        title: `${i % 2 ? 'Sanctions' : 'Talks'} story number ${i}`,
        firstSeenAt: new Date(Date.parse(day) - (i + 1) * 600_000).toISOString(),
        topics: [
          { id: i % 2 ? 'sanctions' : 'peace-talks', score: 1 },
          ...(i % 3 === 0 ? [{ id: 'diplomacy', score: 0.5 }] : []),
        ],
      }),
    );
    const { deps, sent, store } = await setup(
      [subscriber({ id: 'two', topics: ['sanctions', 'peace-talks'] })],
      many,
      end,
    );
    await runDigest({ ...deps, config: { ...deps.config, maxStoriesPerTopic: 3 } }, { date: '2025-05-14' });
    const html = sent[0]!.html;
    const more =
      /href="https:\/\/digest\.example\.org(\/archive\/2025-05-14\/([0-9a-f]{16})\/all)#[a-z-]+"/.exec(html)!;
    expect(more).not.toBeNull();
    const all = (await store.editions.page('2025-05-14', more[2]!, 'all'))!;
    const edition = (await store.editions.get('2025-05-14', more[2]!))!;
    const reachable = new Set([...urls(html), ...urls(all)]);
    expect(edition.storyCount).toBe(18);
    for (const a of many) expect(reachable.has(a.url)).toBe(true);
    expect(new Set(urls(html)).size).toBeLessThan(18);
  });

  it('links readers whose windows differ to different editions, each with its own stories', async () => {
    const a = subscriber({ id: 'a' });
    const b = subscriber({ id: 'b' });
    const { deps, sent, store } = await setup([a, b], sampleDay(end), end);
    // b's last digest ended at 06:00 UTC, so b's window is shorter.
    await store.sends.claim('2025-05-13', 'b', '2025-05-14T06:00:00.000Z', {
      windowFrom: '2025-05-13T06:00:00.000Z',
      windowTo: '2025-05-14T06:00:00.000Z',
    });
    await store.sends.markSent('2025-05-13', 'b', 'ses-0', '2025-05-14T06:00:01.000Z');
    await runDigest(deps, { date: '2025-05-14' });
    const idOf = (m: OutgoingMessage) => /\/archive\/2025-05-14\/([0-9a-f]{16})"/.exec(m.html)![1]!;
    const [ma, mb] = ['a', 'b'].map((id) => sent.find((m) => m.to.startsWith(`${id}@`))!);
    expect(idOf(ma!)).not.toBe(idOf(mb!));
    for (const m of [ma!, mb!]) {
      expect(urls((await store.editions.page('2025-05-14', idOf(m), 'view'))!)).toEqual(urls(m.html));
    }
  });

  it("names the day's house edition once the default hour has passed in the site's zone", async () => {
    const { deps, store } = await setup([], sampleDay(end), end);
    const early = await runDigest(
      { ...deps, clock: fixedClock('2025-05-14T09:00:00Z') },
      { date: '2025-05-14', house: true },
    );
    expect(early.houseEdition).toBeUndefined();
    const report = await runDigest(deps, { date: '2025-05-14', house: true });
    expect(report.houseEdition).toMatch(/^[0-9a-f]{16}$/);
    expect(await store.editions.house('2025-05-14')).toBe(report.houseEdition);
    expect(await store.editions.listDates(10)).toEqual(['2025-05-14']);
  });
});
