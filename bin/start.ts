/**
 * `npm start`: the whole pipeline once, locally, on the embedded defaults.
 * 1. Serves the bundled sample feeds on loopback, dated as this morning's news.
 * 2. Ingests them into the embedded store under .local/.
 * 3. Adds the confirmed demo subscriber and sends the digest (to .local/outbox/ unless SES_ENDPOINT
 *    is set).
 * 4. Prints a summary, then where the email is and what to run next; `--print` adds the plain-text
 *    digest. A second run reuses the stored state: the feeds answer 304 and nothing goes out twice.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { TOPIC_IDS, topicLabel } from '../lambdas/analysis/topics';
import { buildStoryPool } from '../lambdas/digest/compose';
import { runDigest } from '../lambdas/digest/run-digest';
import { ingestFeeds } from '../lambdas/feeds/ingest';
import { consoleLog } from '../lambdas/shared/log';
import { addSubscriber } from '../lambdas/subscribers/manage';
import { digestDeps, ingestDeps, subscriptionDeps } from './local/deps';
import { openRuntime, type Runtime } from './local/runtime';
import { type SampleFeedServer, serveSampleFeeds } from './local/sample-feeds';

const DEMO_READER = 'reader@example.org';
// A fixed port keeps the sample feeds' URLs, and so their stored state, the same from run to run.
const PORT = Number(process.env.SAMPLE_FEEDS_PORT ?? 8791);
const HOUR = 3_600_000;

const log = consoleLog('warn');

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { print: { type: 'boolean' } } });
  const started = Date.now();
  // The newest sample item is dated an hour before this hour began: stable within the hour, so a
  // second run gets 304s, and always fresh enough for today's digest.
  const newestPublishedAt = new Date(Math.floor(started / HOUR) * HOUR - HOUR);
  const samples = await serveSampleFeeds(PORT, undefined, { newestPublishedAt }).catch((err: Error) => {
    throw new Error(
      `cannot serve the sample feeds on 127.0.0.1:${PORT} (${err.message}); set SAMPLE_FEEDS_PORT`,
    );
  });
  let rt: Runtime | undefined;
  try {
    rt = await openRuntime({ env: { ...process.env, ALLOW_PRIVATE_NETWORK: '1' } });
    await demo(rt, samples, Boolean(values.print));
    console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await rt?.close();
    await samples.close();
  }
}

async function demo(rt: Runtime, samples: SampleFeedServer, print: boolean): Promise<void> {
  console.log(`antiwar-digest local demo (store: ${rt.storeDescription})\n`);

  const ingest = await ingestFeeds(
    { ...ingestDeps(rt, log), options: { allowPrivateNetwork: true } },
    samples.feeds,
    { force: true },
  );
  console.log(`1. ingest: the bundled sample feeds, served on http://127.0.0.1:${samples.port}/`);
  for (const f of ingest.feeds) {
    const detail =
      f.status === 'error'
        ? `${f.errorKind}: ${f.error}`
        : `${f.items} items, ${f.new} new, ${f.updated} updated`;
    console.log(`   ${f.outlet.padEnd(26)} ${f.status.padEnd(12)} ${detail}`);
  }

  let reader = await rt.store.subscribers.getByEmail(DEMO_READER);
  if (!reader) {
    reader = await addSubscriber(subscriptionDeps(rt, log), {
      email: DEMO_READER,
      topics: [...TOPIC_IDS],
      confirmed: true,
    });
    console.log(`2. subscriber: ${DEMO_READER} added (confirmed, all topics)`);
  } else {
    console.log(`2. subscriber: ${DEMO_READER} already on the list (${reader.status})`);
  }

  const digest = await runDigest(digestDeps(rt, log), {});
  const already = digest.sent === 0 && digest.reasons.already_sent > 0;
  console.log(
    `3. digest for ${digest.date}: ${digest.sent} sent` +
      (already ? ' (already sent today: nothing goes out twice)' : '') +
      (digest.failed ? `, ${digest.failed} failed` : ''),
  );
  await nameArchivePage(rt, digest.date, reader.id);

  await summary(rt, samples.feeds.length);

  console.log('\nthe digest:');
  if (!rt.outboxDir) {
    console.log(`  sent to the SES endpoint ${process.env.SES_ENDPOINT}`);
    return;
  }
  const latest = latestOutboxMessage(rt.outboxDir, DEMO_READER);
  if (!latest) {
    console.log('  no digest in .local/outbox yet (no stories in the window); rm -rf .local starts afresh');
    return;
  }
  if (print) console.log(`\n${readFileSync(latest.txt, 'utf8')}`);
  const rel = (p: string) => relative(process.cwd(), p);
  console.log(`  open in a browser:  ${rel(latest.html)}`);
  console.log(`  the message (MIME): ${rel(latest.eml)}`);
  if (!print) console.log('  as plain text:      npm start -- --print');
  console.log(
    `\nnext: its links (view in browser, preferences, unsubscribe) open the local site; start it with\n  npm run cli -- serve        (then ${rt.config.publicBaseUrl}/ and ${rt.config.publicBaseUrl}/archive)`,
  );
  console.log(
    `  and its reading pages:      ${rt.config.publicBaseUrl}/actors (actor pages) and /feeds/digest.atom (Atom)`,
  );
}

/**
 * The archive's page of a day (its house edition) covers the 24 hours before 06:00 in the site's
 * zone, and the demo's news was all first seen just now, so the real one stays empty until
 * tomorrow. The demo names its reader's edition (every topic, the site's zone) the day's page
 * instead, so /archive and the sign-up page's sample link show something; the first named stays.
 */
async function nameArchivePage(rt: Runtime, date: string, readerId: string): Promise<void> {
  if (await rt.store.editions.house(date)) return;
  const sent = await rt.store.sends.get(date, readerId);
  if (sent?.editionId) await rt.store.editions.setHouse(date, sent.editionId);
}

/** What is stored, counted the way the email counts: stories, each under its main topic. */
async function summary(rt: Runtime, feeds: number): Promise<void> {
  const now = Date.now();
  const window = {
    from: new Date(now - 7 * 24 * HOUR).toISOString(),
    to: new Date(now + 1000).toISOString(),
  };
  const articles = await rt.store.articles.listFirstSeenBetween(window.from, window.to);
  const pool = buildStoryPool(articles, window);
  const byTopic = new Map<string, number>();
  for (const s of pool.stories) {
    const main = s.topics[0];
    if (main) byTopic.set(main, (byTopic.get(main) ?? 0) + 1);
  }
  const actors = new Map<string, number>();
  for (const a of articles) for (const x of a.actors) actors.set(x.name, (actors.get(x.name) ?? 0) + 1);
  const topActors = [...actors.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
  const topics = TOPIC_IDS.filter((t) => byTopic.has(t)).map((t) => `${topicLabel(t)} ${byTopic.get(t)}`);
  console.log(
    `\nstored this week: ${articles.length} articles from ${feeds} feeds, in ${pool.stories.length} stories; ${actors.size} actors`,
  );
  console.log(`  stories by topic: ${topics.join(', ') || 'none'}`);
  console.log(`  most named: ${topActors.map(([n, c]) => `${n} (${c})`).join(', ') || 'nobody'}`);
}

function latestOutboxMessage(dir: string, to: string) {
  if (!existsSync(dir)) return undefined;
  const eml = readdirSync(dir)
    .filter((f) => f.endsWith('.eml') && f.includes(to))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!eml) return undefined;
  const base = eml.slice(0, -'.eml'.length);
  return { eml, html: `${base}.html`, txt: `${base}.txt` };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    const cause = err.cause instanceof Error ? ` (${err.cause.message.split('\n')[0]})` : '';
    console.error(`error: ${err.message.split('\n')[0]}${cause}`);
    process.exitCode = 1;
  },
);
