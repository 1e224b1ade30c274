import { describe, expect, it } from 'vitest';
import { baselineDays, loadActorBaseline, memoizedActorDays } from '../../../lambdas/digest/baseline';
import { runDigest } from '../../../lambdas/digest/run-digest';
import type { OutgoingMessage } from '../../../lambdas/mail/ports';
import { fixedClock } from '../../../lambdas/shared/clock';
import { type Log, silentLog } from '../../../lambdas/shared/log';
import { createMemoryStore } from '../../../lambdas/store/memory';
import type { ActorDayCount, ArticleStore } from '../../../lambdas/store/ports';
import { A, article, digestConfig, sampleDay, subscriber } from './fixtures';

const END = '2025-05-14T11:00:00.000Z';
const DATE = '2025-05-14';

/** Thirty days before the digest: ten articles a day, every one naming the United States. */
function usualMonth() {
  return Array.from({ length: 300 }, (_, i) => {
    const day = new Date(Date.UTC(2025, 3, 14 + Math.floor(i / 10), 12)).toISOString();
    return article({
      id: `past-${i}`,
      title: `Past ${i}`,
      firstSeenAt: day,
      actors: i % 3 ? [A.us()] : [A.us(), A.russia()],
    });
  });
}

/** Counts actorDays calls on an article store. */
function counting(articles: ArticleStore) {
  const calls: string[] = [];
  const wrapped = new Proxy(articles, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === 'actorDays') {
        return (from: string, to: string) => {
          calls.push(`${from}..${to}`);
          return target.actorDays(from, to);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { wrapped, calls };
}

async function run(history: boolean) {
  const store = createMemoryStore();
  for (const a of [...sampleDay(END), ...(history ? usualMonth() : [])])
    await store.articles.createArticle(a);
  for (const s of [
    subscriber({ id: 'a' }),
    subscriber({ id: 'b', topics: ['military-operations', 'war-powers', 'civilian-harm'] }),
    subscriber({ id: 'c', topics: ['peace-talks', 'nuclear'], timeZone: 'Europe/Berlin' }),
  ]) {
    await store.subscribers.create(s);
  }
  const { wrapped, calls } = counting(store.articles);
  const sent: OutgoingMessage[] = [];
  await runDigest(
    {
      articles: wrapped,
      subscribers: store.subscribers,
      sends: store.sends,
      editions: store.editions,
      mailer: {
        async send(m) {
          sent.push(m);
          return { id: `m${sent.length}` };
        },
      },
      clock: fixedClock(END),
      log: silentLog,
      config: digestConfig(),
      sleep: async () => {},
    },
    { date: DATE },
  );
  const inTheNews = (to: string) =>
    /In the news: ([^\n]*)/.exec(sent.find((m) => m.to === to)!.text)?.[1] ?? '(none)';
  return { calls, inTheNews };
}

describe('the "In the news" baseline', () => {
  it('covers the 30 days before the digest date', () => {
    expect(baselineDays('2025-03-01')).toEqual({ from: '2025-01-30', to: '2025-02-28' });
  });

  it('is read once per run and drops the actor who is always in the news', async () => {
    const withHistory = await run(true);
    expect(withHistory.calls).toEqual(['2025-04-14..2025-05-13']);
    expect(withHistory.inTheNews('a@readers.example.net')).not.toContain('United States');
    expect(withHistory.inTheNews('a@readers.example.net')).toMatch(/^Ukraine \(2\)/);
    const without = await run(false);
    // Without history the count decides, so Russia (more mentions) leads instead.
    expect(without.inTheNews('a@readers.example.net')).toMatch(/^Russia \(2\), Ukraine \(2\)/);
  });

  it('gives none, with a warning, when the store cannot be read, so the digest still goes', async () => {
    const warnings: string[] = [];
    const log: Log = { ...silentLog, warn: (msg) => void warnings.push(msg) };
    const failing = { actorDays: async () => Promise.reject(new Error('throttled')) };
    expect(await loadActorBaseline(failing, DATE, log)).toBeUndefined();
    expect(warnings).toEqual(['could not read the "In the news" baseline; ranking by count']);
  });

  it('keeps a warm function’s baselines by range, and forgets a failed read', async () => {
    let reads = 0;
    let fail = true;
    const store = {
      async actorDays(from: string, to: string): Promise<ActorDayCount[]> {
        reads++;
        if (fail) throw new Error('throttled');
        return [
          { day: from, articles: 1, actors: { x: reads } },
          { day: to, articles: 0, actors: {} },
        ];
      },
    };
    const memo = memoizedActorDays(store);
    await expect(memo.actorDays('2025-01-01', '2025-01-30')).rejects.toThrow('throttled');
    fail = false;
    const first = await memo.actorDays('2025-01-01', '2025-01-30');
    expect(await memo.actorDays('2025-01-01', '2025-01-30')).toBe(first);
    expect(reads).toBe(2);
    await memo.actorDays('2025-01-02', '2025-01-31');
    await memo.actorDays('2025-01-03', '2025-02-01');
    await memo.actorDays('2025-01-01', '2025-01-30'); // pushed out by the two after it
    expect(reads).toBe(5);
  });
});
