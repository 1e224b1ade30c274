/**
 * Feeds and actor pages on dynalite: what one request costs the table (DynamoDB requests, article
 * heads read) and how long it takes, cold (a fresh instance), warm (built, unchanged), on a repeat
 * with validators (304), by a cold instance with validators, and after one new article. A month of
 * 3,000 invented articles; a busy actor named by 600 of them, a rare one by 12.
 */
import { performance } from 'node:perf_hooks';
import { LOCAL_AWS } from '../bin/local/dynamo';
import { TOPIC_IDS } from '../lambdas/analysis/topics';
import { createPublisher } from '../lambdas/publish/publisher';
import { fixedClock } from '../lambdas/shared/clock';
import { silentLog } from '../lambdas/shared/log';
import type { ActorMention } from '../lambdas/shared/types';
import { createDocumentClient } from '../lambdas/store/client';
import { createDynamoStore } from '../lambdas/store/dynamo';
import type { Store } from '../lambdas/store/ports';
import { createWebApp, type WebApp } from '../lambdas/web/app';
import { readingRoutesOf } from '../lambdas/web/reading';
import { countRequests } from '../test/support/dynamo-requests';
import { startLocalDynamo } from '../test/support/local';
import { story } from '../test/unit/publish/fixtures';

const NOW = '2026-12-03T15:00:00.000Z';
const ARTICLES = 3000;
const BUSY: ActorMention = { id: 'Q30', name: 'United States', type: 'state', mentions: 2 };
const RARE: ActorMention = { id: 'Q56226', name: 'Kim Jong Un', type: 'person', mentions: 1 };
const OTHERS: ActorMention[] = [
  { id: 'Q159', name: 'Russia', type: 'state', mentions: 1 },
  { id: 'Q212', name: 'Ukraine', type: 'state', mentions: 1 },
  { id: 'Q794', name: 'Iran', type: 'state', mentions: 1 },
  { id: 'Q801', name: 'Israel', type: 'state', mentions: 1 },
];
// A realistic body, so a head read skips real weight.
const BODY = 'Officials said on Tuesday that talks would resume next week. '.repeat(80);

export default async function main(): Promise<void> {
  const db = await startLocalDynamo('publish-bench');
  const doc = createDocumentClient({ ...LOCAL_AWS, endpoint: db.endpoint });
  const counter = countRequests(doc);
  const store = createDynamoStore(doc, db.tableName);
  try {
    await seed(store);
    const clock = fixedClock(NOW);
    const app = (): WebApp =>
      createWebApp({
        subscribers: store.subscribers,
        sends: store.sends,
        limits: store.limits,
        mailer: { send: async () => ({ id: 'x' }) },
        clock,
        log: silentLog,
        config: {
          publicBaseUrl: 'https://digest.example.org',
          tokenSecret: 'bench-secret-0123456789',
          senderAddress: 'digest@example.org',
          senderName: 'Antiwar Digest',
          postalAddress: '1 Peace Street',
          defaultTimeZone: 'America/New_York',
        },
        reading: readingRoutesOf(
          createPublisher({
            articles: store.articles,
            editions: store.editions,
            clock,
            site: {
              name: 'Antiwar Digest',
              baseUrl: 'https://digest.example.org',
              timeZone: 'America/New_York',
            },
          }),
        ),
      });
    const get = (a: WebApp, path: string, headers: Record<string, string> = {}) =>
      a({ method: 'GET', path, query: {}, headers, body: '', sourceIp: '198.51.100.1' });

    console.log(
      `${ARTICLES} articles over 30 days; "requests" = DynamoDB requests, "heads" = articles read (bodies never)`,
    );
    console.log(
      `${'request'.padEnd(34)} ${'cold'.padStart(22)} ${'warm'.padStart(18)} ${'304'.padStart(18)} ${'304, cold inst.'.padStart(18)} ${'after 1 new'.padStart(22)}`,
    );
    const cases: [string, string, () => Promise<void>][] = [
      ['/feeds/topic/diplomacy.atom', 'topic feed (diplomacy)', () => add(store, 'diplomacy', [])],
      ['/feeds/actor/united-states.atom', 'actor feed, busy (600)', () => add(store, 'nuclear', [BUSY])],
      ['/feeds/actor/kim-jong-un.atom', 'actor feed, rare (12)', () => add(store, 'nuclear', [RARE])],
      ['/actors/united-states', 'actor page, busy (600)', () => add(store, 'sanctions', [BUSY])],
      ['/actors/kim-jong-un', 'actor page, rare (12)', () => add(store, 'sanctions', [RARE])],
      ['/feeds/digest.atom', 'digest feed (30 editions)', async () => {}],
    ];
    for (const [path, label, change] of cases) {
      const a = app();
      counter.take();
      const measure = async (run: () => Promise<{ status: number }>, runs = 1) => {
        const times: number[] = [];
        let cost = counter.take();
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          await run();
          times.push(performance.now() - t);
          cost = counter.take();
        }
        times.sort((x, y) => x - y);
        const ms = times[Math.floor(times.length / 2)]!;
        return `${cost.total} req ${cost.itemsRead['A#'] ?? 0} heads ${ms.toFixed(1)} ms`;
      };
      const first = await get(a, path);
      counter.take();
      const cold = await measure(() => get(app(), path));
      const warm = await measure(() => get(a, path), 21);
      const validators = { 'if-none-match': first.headers.etag! };
      const repeat = await measure(() => get(a, path, validators), 21);
      const coldRepeat = await measure(() => get(app(), path, validators), 5);
      await change();
      counter.take();
      const after = await measure(() => get(a, path, validators));
      console.log(
        `${label.padEnd(34)} ${cold.padStart(22)} ${warm.padStart(18)} ${repeat.padStart(18)} ${coldRepeat.padStart(18)} ${after.padStart(22)}`,
      );
    }
  } finally {
    doc.destroy();
    await db.stop();
  }
}

let added = 0;
async function add(store: Store, topic: string, actors: ActorMention[]): Promise<void> {
  added++;
  await store.articles.putNewArticles([
    story({
      id: `new-${added}`,
      title: `A new story ${added}`,
      firstSeenAt: new Date(Date.parse(NOW) - 60_000 + added).toISOString(),
      actors,
      topics: [{ id: topic, score: 1 }],
      text: BODY,
      html: `<p>${BODY}</p>`,
    }),
  ]);
}

async function seed(store: Store): Promise<void> {
  const start = Date.parse(NOW) - 30 * 86_400_000;
  const step = (30 * 86_400_000) / ARTICLES;
  const articles = Array.from({ length: ARTICLES }, (_, i) =>
    story({
      id: `a${String(i).padStart(5, '0')}`,
      title: `Invented headline number ${i} about the war and the talks`,
      firstSeenAt: new Date(start + i * step).toISOString(),
      actors: [
        ...(i % 5 === 0 ? [BUSY] : []),
        ...(i % 250 === 0 ? [RARE] : []),
        OTHERS[i % OTHERS.length]!,
        OTHERS[(i + 1) % OTHERS.length]!,
      ],
      topics: [
        { id: TOPIC_IDS[i % TOPIC_IDS.length]!, score: 0.9 },
        ...(i % 3 === 0 ? [{ id: 'diplomacy', score: 0.5 }] : []),
      ],
      text: BODY,
      html: `<p>${BODY}</p>`,
    }),
  );
  for (let i = 0; i < articles.length; i += 200)
    await store.articles.putNewArticles(articles.slice(i, i + 200));
  for (let d = 0; d < 30; d++) {
    const date = new Date(Date.parse(NOW) - d * 86_400_000).toISOString().slice(0, 10);
    const id = `${date.replace(/-/g, '')}00000000`;
    await store.editions.put(
      {
        date,
        id,
        topics: [...TOPIC_IDS],
        timeZone: 'America/New_York',
        window: { from: `${date}T05:00:00.000Z`, to: `${date}T11:00:00.000Z` },
        subject: `Lead headline of ${date} — and 20 more`,
        shown: [],
        all: [],
        storyCount: 21,
        createdAt: `${date}T11:00:00.000Z`,
      },
      { view: `<p>${BODY}</p>`.repeat(20), all: `<p>${BODY}</p>`.repeat(40) },
    );
    await store.editions.setHouse(date, id);
  }
}
