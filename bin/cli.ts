#!/usr/bin/env -S npx tsx
/**
 * The operators' command-line tool (../shared/CLI.md): every part of the pipeline by hand, locally or
 * against a deployed stack (--stack NAME). `npm run cli -- help` lists the commands.
 */
import { createReadStream, createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findActors } from '../lambdas/analysis';
import { analyzeJsonl } from '../lambdas/analysis/analyze-jsonl';
import { renderArchive, runDigest } from '../lambdas/digest/run-digest';
import { checkFeed, ingestFeeds } from '../lambdas/feeds/ingest';
import { consoleLog } from '../lambdas/shared/log';
import type { FeedConfig } from '../lambdas/shared/types';
import { selectionKey } from '../lambdas/subscribers/links';
import { addSubscriber, listSubscribers, removeSubscriber } from '../lambdas/subscribers/manage';
import { digestDeps, ingestDeps, openRuntime, type Runtime, subscriptionDeps } from './local/runtime';

const USAGE = `usage: npm run cli -- <command> [options]

  ingest [--feed URL]... [--force] [--json]   one ingestion pass (configured feeds by default)
  analyze [--in FILE] [--out FILE]            JSON Lines of articles in, actors and topics out
  digest [--date YYYY-MM-DD] [--dry-run] [--json]
  subscribers add EMAIL [--topics a,b] [--confirmed]
  subscribers list [--json]
  subscribers remove EMAIL
  feeds list [--json]                         each feed's polling state
  feeds check URL [--json]                    fetch once, show what would be stored (stores nothing)
  actors top [--date YYYY-MM-DD] [--json]     the day's most-mentioned actors
  actors show NAME [--from DATE] [--to DATE] [--json]
  serve [--port N]                            subscription pages and the digest archive

  Global: --stack NAME uses a deployed stack (real AWS credentials).
  Environment: DYNAMODB_ENDPOINT, TABLE_NAME, SES_ENDPOINT, ALLOW_PRIVATE_NETWORK=1 (see README).`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const log = consoleLog(process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn');

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      feed: { type: 'string', multiple: true },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
      in: { type: 'string' },
      out: { type: 'string' },
      date: { type: 'string' },
      'dry-run': { type: 'boolean' },
      topics: { type: 'string' },
      confirmed: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      port: { type: 'string' },
      stack: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  if (!command || values.help || command === 'help') {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
    throw new UsageError(`--date must be YYYY-MM-DD, got "${values.date}"`);
  }

  // analyze needs no store: it reads and writes JSON Lines only.
  if (command === 'analyze') {
    const input = values.in ? createReadStream(values.in) : process.stdin;
    const output = values.out ? createWriteStream(values.out) : process.stdout;
    const result = await analyzeJsonl(input, output, log);
    if (values.out) await new Promise<void>((resolve) => output.end(() => resolve()));
    if (result.errors > 0)
      console.error(`analyze: ${result.errors} of ${result.lines} lines had errors (see "error")`);
    return 0;
  }

  const rt = await openRuntime({ stack: values.stack });
  try {
    switch (command) {
      case 'ingest':
        return await ingest(rt, values.feed ?? [], Boolean(values.force), Boolean(values.json));
      case 'digest':
        return await digest(rt, values.date, Boolean(values['dry-run']), Boolean(values.json));
      case 'subscribers':
        return await subscribers(rt, sub, arg, values);
      case 'feeds':
        return await feeds(rt, sub, arg, Boolean(values.json));
      case 'actors':
        return await actors(rt, sub, arg, values);
      case 'serve':
        return await serve(rt, values.port);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } finally {
    if (command !== 'serve') await rt.close();
  }
}

async function ingest(rt: Runtime, urls: string[], force: boolean, json: boolean): Promise<number> {
  const configured = new Map(rt.config.feeds.map((f) => [f.url, f]));
  const feeds: FeedConfig[] = urls.length
    ? urls.map((url) => configured.get(url) ?? { url, outlet: outletFromUrl(url) })
    : rt.config.feeds;
  // Feeds named on the command line are fetched now, whatever their schedule says.
  const report = await ingestFeeds(ingestDeps(rt, log), feeds, { force: force || urls.length > 0 });
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  }
  for (const f of report.feeds) {
    const what =
      f.status === 'error'
        ? `${f.errorKind}: ${f.error ?? ''}`
        : `${f.items} items, ${f.new} new, ${f.updated} updated`;
    console.log(`${f.status.padEnd(12)} ${f.url}  ${what}  (${f.ms} ms)`);
  }
  console.log(`articles: ${report.articles.new} new, ${report.articles.updated} updated`);
  return 0;
}

function outletFromUrl(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

async function digest(
  rt: Runtime,
  date: string | undefined,
  dryRun: boolean,
  json: boolean,
): Promise<number> {
  const deps = digestDeps(rt, log);
  const report = await runDigest(deps, { date, dryRun });
  const previews: string[] = [];
  if (dryRun) {
    const dir = join(process.cwd(), '.local', 'preview');
    mkdirSync(dir, { recursive: true });
    const write = (topics: string[], html: string) => {
      const path = join(dir, `${report.date}-${selectionKey(topics) || 'all'}.html`);
      writeFileSync(path, html);
      previews.push(path);
    };
    for (const p of report.previews ?? []) write(p.topics, p.html);
    // Nothing new would go out (already sent, say): show the day as its archive page instead, one
    // per topic selection on the list, so the operator still sees what readers got.
    if (previews.length === 0) {
      const selections = new Map<string, string[]>();
      for (const s of await rt.store.subscribers.listByStatus('confirmed'))
        selections.set(selectionKey(s.topics), s.topics);
      for (const topics of selections.values()) {
        const page = await renderArchive(deps, report.date, topics);
        if (page) write(topics, page.html);
      }
    }
  }
  if (json) {
    const { previews: _omit, ...rest } = report;
    process.stdout.write(`${JSON.stringify(dryRun ? { ...rest, previewFiles: previews } : rest)}\n`);
    return 0;
  }
  console.log(
    `digest ${report.date}: ${report.subscribers} subscribers, ${report.sent} sent, ${report.skipped} skipped, ${report.failed} failed`,
  );
  for (const p of previews) console.log(`preview: ${p}`);
  if (rt.outboxDir && !dryRun && report.sent > 0) console.log(`messages written to ${rt.outboxDir}`);
  return report.failed > 0 ? 1 : 0;
}

async function subscribers(
  rt: Runtime,
  sub: string | undefined,
  email: string | undefined,
  values: { topics?: string; confirmed?: boolean; json?: boolean },
): Promise<number> {
  const deps = subscriptionDeps(rt, log);
  switch (sub) {
    case 'add': {
      if (!email) throw new UsageError('subscribers add needs an EMAIL');
      const topics = values.topics
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const s = await addSubscriber(deps, { email, topics, confirmed: Boolean(values.confirmed) });
      console.log(`${s.email}: ${s.status}, topics ${s.topics.join(', ')}`);
      return 0;
    }
    case 'list': {
      const list = await listSubscribers(deps);
      if (values.json) {
        process.stdout.write(
          `${JSON.stringify(list.map((s) => ({ email: s.email, status: s.status, topics: s.topics })))}\n`,
        );
      } else {
        for (const s of list) console.log(`${s.status.padEnd(12)} ${s.email}  ${s.topics.join(', ')}`);
        if (list.length === 0) console.log('no subscribers');
      }
      return 0;
    }
    case 'remove': {
      if (!email) throw new UsageError('subscribers remove needs an EMAIL');
      const removed = await removeSubscriber(deps, email);
      console.log(removed ? `${email} removed` : `${email} is not on the list`);
      return removed ? 0 : 1;
    }
    default:
      throw new UsageError('subscribers needs add, list or remove');
  }
}

async function feeds(
  rt: Runtime,
  sub: string | undefined,
  url: string | undefined,
  json: boolean,
): Promise<number> {
  if (sub === 'list') {
    const states = await rt.store.feeds.list();
    const configured = rt.config.feeds.filter((f) => !states.some((s) => s.url === f.url));
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ feeds: states, neverFetched: configured.map((f) => f.url) })}\n`,
      );
      return 0;
    }
    for (const s of states) {
      const status = s.disabled ? `disabled (${s.disabledReason ?? ''})` : (s.lastStatus ?? 'never');
      const err = s.lastErrorKind ? ` ${s.lastErrorKind}` : '';
      const validators = [s.etag && `etag ${s.etag}`, s.lastModified && `last-modified ${s.lastModified}`]
        .filter(Boolean)
        .join(', ');
      console.log(
        `${s.url}\n  status ${status}${err}, errors in a row ${s.consecutiveErrors}, next attempt ${s.nextAttemptAt}` +
          (validators ? `\n  ${validators}` : ''),
      );
    }
    for (const f of configured) console.log(`${f.url}\n  never fetched`);
    return 0;
  }
  if (sub === 'check') {
    if (!url) throw new UsageError('feeds check needs a URL');
    const result = await checkFeed(ingestDeps(rt, log), url);
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  throw new UsageError('feeds needs list or check');
}

async function actors(
  rt: Runtime,
  sub: string | undefined,
  name: string | undefined,
  values: { date?: string; from?: string; to?: string; json?: boolean },
): Promise<number> {
  const today = new Date().toISOString().slice(0, 10);
  if (sub === 'top') {
    const rows = await rt.store.articles.topActors(values.date ?? today);
    if (values.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    else
      for (const r of rows.slice(0, 30))
        console.log(`${String(r.articles).padStart(4)}  ${r.name} (${r.type})`);
    return 0;
  }
  if (sub === 'show') {
    if (!name) throw new UsageError('actors show needs a NAME');
    const [actor, ...others] = findActors(name);
    if (!actor) {
      console.error(`no known actor is called "${name}"`);
      return 1;
    }
    if (others.length > 0) console.error(`"${name}" may also mean: ${others.map((a) => a.name).join(', ')}`);
    const from = values.from ?? new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const to = values.to ?? today;
    const ids = await rt.store.articles.listByActor(actor.id, from, `${to}T23:59:59.999Z`);
    const articles = (await Promise.all(ids.map((id) => rt.store.articles.getArticle(id)))).filter(
      (a) => a !== undefined,
    );
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ actor, from, to, articles: articles.map(({ html: _h, text: _t, ...a }) => a) })}\n`,
      );
    } else {
      console.log(
        `${actor.name} (${actor.type}, ${actor.id}): ${articles.length} articles from ${from} to ${to}`,
      );
      for (const a of articles)
        console.log(`  ${a.firstSeenAt.slice(0, 10)}  ${a.outlet}: ${a.title}\n    ${a.url}`);
    }
    return 0;
  }
  throw new UsageError('actors needs top or show');
}

async function serve(rt: Runtime, portArg: string | undefined): Promise<number> {
  const { serveSite } = await import('./local/serve');
  const port = portArg ? Number(portArg) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number`);
  await serveSite(rt, port, log);
  return 0;
}

// `cli ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    console.error(
      `error: ${err.message}${err.cause ? ` (${(err.cause as Error).message ?? err.cause})` : ''}`,
    );
    if (err instanceof UsageError) console.error(`\n${USAGE}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
