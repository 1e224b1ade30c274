/**
 * Digest benchmark: compose + render time for one topic selection of 200 stories; sends per second
 * through SES SendRawEmail against aws-ses-v2-local; heap for 10,000 subscribers over 50 selections.
 */

import { gzipSync } from 'node:zlib';
import { SESClient } from '@aws-sdk/client-ses';
import { LOCAL_AWS } from '../bin/local/dynamo';
import { startLocalSes } from '../bin/local/ses';
import { TOPIC_IDS } from '../lambdas/analysis/topics';
import { buildStoryPool, digestEntries } from '../lambdas/digest/compose';
import { composeEdition } from '../lambdas/digest/editions';
import { personalise, renderSelection } from '../lambdas/digest/render';
import { type DigestConfig, runDigest } from '../lambdas/digest/run-digest';
import type { Mailer } from '../lambdas/mail/ports';
import { SesRawMailer } from '../lambdas/mail/ses-mailer';
import { fixedClock, systemClock } from '../lambdas/shared/clock';
import { silentLog } from '../lambdas/shared/log';
import { createMemoryStore } from '../lambdas/store/memory';
import { siteLinks } from '../lambdas/subscribers/links';
import { DAY_DATE, DAY_WINDOW, heavyDay, heavyWeek, twoWeeks, WEEK_WINDOW } from '../test/unit/digest/days';
import { manyArticles, subscriber } from '../test/unit/digest/fixtures';

const END = '2025-05-14T11:00:00.000Z';
const WINDOW = { from: '2025-05-13T11:00:00.000Z', to: END };
const CONFIG: DigestConfig = {
  senderAddress: 'digest@antiwar.example.org',
  senderName: 'Antiwar Digest',
  postalAddress: 'PO Box 1234, Springfield, IL 62701, USA',
  publicBaseUrl: 'https://digest.example.org',
  tokenSecret: 'bench-secret-0123456789',
  timeZone: 'America/New_York',
  sendRatePerSecond: 10_000,
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function renderFigures() {
  const articles = manyArticles(200, END);
  const links = siteLinks(CONFIG.publicBaseUrl, CONFIG.tokenSecret);
  const options = {
    senderName: CONFIG.senderName,
    postalAddress: CONFIG.postalAddress,
    links,
    mode: 'email' as const,
  };
  const compose = { date: '2025-05-14', timeZone: 'America/New_York', topics: [...TOPIC_IDS] };
  const once = () => renderSelection(buildStoryPool(articles, WINDOW), compose, options);
  for (let i = 0; i < 20; i++) once(); // warm-up
  const runs = 200;
  const t0 = performance.now();
  let last = once();
  for (let i = 1; i < runs; i++) last = once();
  const ms = (performance.now() - t0) / runs;
  const personalised = personalise(last.rendered, {
    unsubscribe: links.unsubscribe('x'),
    preferences: links.preferences('x'),
  });
  const t1 = performance.now();
  for (let i = 0; i < 10_000; i++) personalise(last.rendered, { unsubscribe: `u${i}`, preferences: `p${i}` });
  const personaliseUs = ((performance.now() - t1) / 10_000) * 1000;
  console.log(
    `compose + render, one selection of ${last.digest.storyCount} stories (${articles.length} articles): ${ms.toFixed(2)} ms` +
      ` (html ${(Buffer.byteLength(personalised.html) / 1024).toFixed(1)} KiB, ${digestEntries(last.digest).length} entries shown)`,
  );
  console.log(`per-subscriber link fill: ${personaliseUs.toFixed(1)} µs`);
}

async function sendFigures() {
  const ses = await startLocalSes();
  try {
    for (const [label, count, rate] of [
      ['unpaced', 300, 10_000],
      ['paced at 14/s', 42, 14],
    ] as const) {
      const store = createMemoryStore();
      for (const a of manyArticles(40, END)) await store.articles.createArticle(a);
      for (let i = 0; i < count; i++) {
        await store.subscribers.create(subscriber({ id: `${label[0]}${i}`, topics: [TOPIC_IDS[i % 13]!] }));
      }
      const client = new SESClient({ ...LOCAL_AWS, endpoint: ses.endpoint, maxAttempts: 1 });
      const t0 = performance.now();
      const report = await runDigest(
        {
          ...store,
          mailer: new SesRawMailer(client),
          clock: systemClock,
          log: silentLog,
          config: { ...CONFIG, sendRatePerSecond: rate },
        },
        { date: '2025-05-14' },
      );
      const s = (performance.now() - t0) / 1000;
      client.destroy();
      console.log(
        `sends to local SES (${label}): ${report.sent} sent, ${report.failed} failed in ${s.toFixed(2)} s = ${(report.sent / s).toFixed(1)}/s`,
      );
    }
  } finally {
    await ses.stop();
  }
}

async function memoryFigures() {
  const store = createMemoryStore();
  for (const a of manyArticles(200, END)) await store.articles.createArticle(a);
  // 50 distinct selections: the first 50 pairs of topics.
  const selections = TOPIC_IDS.flatMap((a, i) => TOPIC_IDS.slice(i + 1).map((b) => [a, b])).slice(0, 50);
  for (let i = 0; i < 10_000; i++) {
    await store.subscribers.create(subscriber({ id: `m${i}`, topics: selections[i % 50]! }));
  }
  let sent = 0;
  const mailer: Mailer = {
    async send() {
      sent++;
      return { id: `n${sent}` };
    },
  };
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let peak = before.heapUsed;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  const t0 = performance.now();
  const report = await runDigest(
    { ...store, mailer, clock: fixedClock(END), log: silentLog, config: CONFIG, sleep: async () => {} },
    { date: '2025-05-14' },
  );
  const s = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  // The peak includes garbage not yet collected; with --expose-gc the retained figure is exact.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const retained = gc ? `, retained after GC +${mb(process.memoryUsage().heapUsed - before.heapUsed)}` : '';
  console.log(
    `10,000 subscribers, ${report.selections} renders: ${report.sent} sent in ${s.toFixed(2)} s;` +
      ` heap before ${mb(before.heapUsed)}, sampled peak ${mb(peak)} (+${mb(peak - before.heapUsed)})${retained}` +
      ` (report: ${report.subscribers} subscribers)`,
  );
}

/**
 * What one composition costs a sender: an edition is the email, its web view and its full list.
 * A daily edition of the heavy day, the same for a reader following two actors, and a weekly
 * edition of the heavy week: a follower whose digest is their own pays this once per send.
 */
async function editionFigures() {
  const links = siteLinks(CONFIG.publicBaseUrl, CONFIG.tokenSecret);
  const options = { senderName: CONFIG.senderName, postalAddress: CONFIG.postalAddress, links };
  const days = twoWeeks();
  const sum = (list: typeof days) => {
    const m = new Map<string, number>();
    for (const d of list) for (const [id, n] of Object.entries(d.actors)) m.set(id, (m.get(id) ?? 0) + n);
    return m;
  };
  const week = { thisWeek: sum(days.slice(7)), lastWeek: sum(days.slice(0, 7)) };
  const cases = [
    ['daily edition, every topic', buildStoryPool(heavyDay(), DAY_WINDOW), {}],
    [
      'the same, following 2 actors',
      buildStoryPool(heavyDay(), DAY_WINDOW),
      { follow: ['sudan', 'volodymyr-zelensky'] },
    ],
    [
      'weekly edition, every topic',
      buildStoryPool(heavyWeek(), WEEK_WINDOW, 7 * 86_400_000),
      { cadence: 'weekly' as const, week },
    ],
  ] as const;
  for (const [label, pool, extra] of cases) {
    const input = { date: DAY_DATE, timeZone: 'America/New_York', topics: [...TOPIC_IDS], ...extra };
    const once = () => composeEdition(pool, input, options, END);
    for (let i = 0; i < 10; i++) once();
    const runs = 50;
    const t0 = performance.now();
    let last = once();
    for (let i = 1; i < runs; i++) last = once();
    const ms = (performance.now() - t0) / runs;
    const stored = gzipSync(last.pages.view).length + gzipSync(last.pages.all).length;
    console.log(
      `${label}: ${ms.toFixed(1)} ms a composition (${last.edition.storyCount} stories; email ${(Buffer.byteLength(last.email.html) / 1024).toFixed(1)} KiB, pages stored ${(stored / 1024).toFixed(1)} KiB gzip)`,
    );
  }
}

export default async function bench(): Promise<void> {
  await renderFigures();
  await editionFigures();
  await sendFigures();
  await memoryFigures();
}
