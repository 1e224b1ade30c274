/**
 * `npm start`: the whole pipeline once, locally, on the embedded defaults. Serves the bundled sample
 * feeds on loopback, ingests them into the embedded store under .local/, adds a demo subscriber,
 * sends the digest (to .local/outbox/ unless SES_ENDPOINT is set) and shows it. A second run reuses
 * the stored state: the feeds answer 304, no article is added twice and no second digest goes out.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TOPIC_IDS, topicLabel } from '../lambdas/analysis/topics';
import { runDigest } from '../lambdas/digest/run-digest';
import { ingestFeeds } from '../lambdas/feeds/ingest';
import { consoleLog } from '../lambdas/shared/log';
import { addSubscriber } from '../lambdas/subscribers/manage';
import { digestDeps, ingestDeps, openRuntime, subscriptionDeps } from './local/runtime';
import { serveSampleFeeds } from './local/sample-feeds';

const DEMO_READER = 'reader@example.org';
// A fixed port keeps the sample feeds' URLs, and so their stored state, the same from run to run.
const PORT = Number(process.env.SAMPLE_FEEDS_PORT ?? 8791);

const log = consoleLog('warn');
const started = Date.now();
const samples = await serveSampleFeeds(PORT).catch((err: Error) => {
  console.error(
    `error: cannot serve the sample feeds on 127.0.0.1:${PORT} (${err.message}); set SAMPLE_FEEDS_PORT`,
  );
  process.exit(1);
});
const rt = await openRuntime({ env: { ...process.env, ALLOW_PRIVATE_NETWORK: '1' } });

try {
  console.log(
    `antiwar-digest local demo\n  store: ${rt.storeDescription}\n  sample feeds: http://127.0.0.1:${samples.port}/\n`,
  );

  const ingest = await ingestFeeds(
    { ...ingestDeps(rt, log), options: { allowPrivateNetwork: true } },
    samples.feeds,
    { force: true },
  );
  console.log('1. ingest');
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
    console.log(`\n2. subscriber ${DEMO_READER} added (confirmed, all topics)`);
  } else {
    console.log(`\n2. subscriber ${DEMO_READER} already on the list (${reader.status})`);
  }

  const digest = await runDigest(digestDeps(rt, log), {});
  console.log(
    `\n3. digest for ${digest.date}: ${digest.sent} sent, ${digest.skipped} skipped, ${digest.failed} failed` +
      (digest.sent === 0 && digest.skipped > 0
        ? ' (already sent for this date: nothing goes out twice)'
        : ''),
  );

  // Summary of what is stored.
  const now = new Date();
  const recent = await rt.store.articles.listFirstSeenBetween(
    new Date(now.getTime() - 7 * 86_400_000).toISOString(),
    new Date(now.getTime() + 1000).toISOString(),
  );
  const actors = new Map<string, number>();
  const topics = new Map<string, number>();
  for (const a of recent) {
    for (const x of a.actors) actors.set(x.name, (actors.get(x.name) ?? 0) + 1);
    const main = a.topics[0];
    if (main) topics.set(main.id, (topics.get(main.id) ?? 0) + 1);
  }
  const stories = new Set(recent.map((a) => a.storyId)).size;
  const topActors = [...actors.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(
    `\nstored: ${samples.feeds.length} feeds, ${recent.length} articles in ${stories} stories, ${actors.size} actors, ${topics.size} topics`,
  );
  console.log(`  most named: ${topActors.map(([n, c]) => `${n} (${c})`).join(', ')}`);
  console.log(
    `  by main topic: ${[...topics.entries()].map(([t, c]) => `${topicLabel(t)} ${c}`).join(', ')}`,
  );

  if (rt.outboxDir) {
    const latest = latestOutboxMessage(rt.outboxDir, DEMO_READER);
    if (latest) {
      const rel = (p: string) => relative(process.cwd(), p);
      console.log(`\nthe digest:\n  message: ${rel(latest.eml)}\n  open in a browser: ${rel(latest.html)}\n`);
      console.log(readFileSync(latest.txt, 'utf8'));
    }
  } else {
    console.log('\nthe digest went to the SES endpoint in SES_ENDPOINT');
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await rt.close();
  await samples.close();
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
