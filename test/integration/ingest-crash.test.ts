/**
 * Crashes in the middle of an ingestion pass, for real: the bundled CLI ingests a loopback feed into
 * dynalite through a proxy that SIGKILLs the CLI right after DynamoDB applied its k-th batch write,
 * for every k the pass makes. A second, uninterrupted pass must then leave the table as if nothing
 * had happened: every article once, its seen-key, and index entries that agree with its content.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, LOCAL_AWS, type LocalDynamo, startDynalite } from '../../bin/local/dynamo';
import { createDocumentClient } from '../../lambdas/store/client';
import { createDynamoStore } from '../../lambdas/store/dynamo';
import type { Store } from '../../lambdas/store/ports';
import { type FixtureItem, rss2 } from '../fixtures/feeds/build';
import { send, startServer, type TestServer } from '../fixtures/feeds/server';

// Articles are stamped with the time they were first seen: today, give or take a day.
const ALL_TIME = [
  new Date(Date.now() - 86_400_000).toISOString(),
  new Date(Date.now() + 86_400_000).toISOString(),
] as const;
const root = join(import.meta.dirname, '..', '..');
const CLI = join(root, 'dist', 'cli.mjs');

/** Forwards DynamoDB calls to dynalite; kills `victim` once the k-th BatchWriteItem is applied. */
class KillingProxy {
  url = '';
  private server: Server;
  private armed: { victim: ChildProcess; after: number; seen: number } | undefined;
  killed = false;

  constructor(private readonly target: string) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const target = new URL(this.target);
        const out = request(
          {
            host: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            const body: Buffer[] = [];
            answer.on('data', (c: Buffer) => body.push(c));
            answer.on('end', () => {
              const op = String(req.headers['x-amz-target'] ?? '').split('.')[1];
              const a = this.armed;
              if (a && op === 'BatchWriteItem' && ++a.seen === a.after) {
                // Applied by DynamoDB, never acknowledged: the writer dies here.
                a.victim.kill('SIGKILL');
                this.killed = true;
                this.armed = undefined;
              }
              res.writeHead(answer.statusCode ?? 500, answer.headers).end(Buffer.concat(body));
            });
          },
        );
        out.on('error', () => res.destroy());
        out.end(Buffer.concat(chunks));
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  arm(victim: ChildProcess, after: number): void {
    this.killed = false;
    this.armed = { victim, after, seen: 0 };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let dynamo: LocalDynamo;
let proxy: KillingProxy;
let feeds: TestServer;
let cwd: string;
let tableNo = 0;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'bin', 'build-cli.mjs'), '--if-stale'], { cwd: root });
  cwd = mkdtempSync(join(tmpdir(), 'ingest-crash-'));
  dynamo = await startDynalite();
  proxy = new KillingProxy(dynamo.endpoint);
  await proxy.start();
  feeds = await startServer();
});

afterAll(async () => {
  await Promise.all([proxy?.close(), dynamo?.stop(), feeds?.close()]);
  rmSync(cwd, { recursive: true, force: true });
});

/** A fresh table and the store adapters on it. */
async function freshTable(): Promise<{ table: string; store: Store }> {
  const table = `crash-${++tableNo}`;
  await ensureTable(dynamo.endpoint, table);
  const doc = createDocumentClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
  return { table, store: createDynamoStore(doc, table) };
}

/** One `ingest` process; with `killAfter`, SIGKILLed after that many applied batch writes. */
function ingest(
  table: string,
  url: string,
  killAfter?: number,
): Promise<{ code: number | null; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'ingest', '--feed', url, '--json'], {
      cwd,
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: proxy.url,
        TABLE_NAME: table,
        ALLOW_PRIVATE_NETWORK: '1',
        ...LOCAL_AWS_ENV,
      },
      stdio: 'ignore',
    });
    if (killAfter !== undefined) proxy.arm(child, killAfter);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, killed: killAfter !== undefined && proxy.killed }));
  });
}
const LOCAL_AWS_ENV = {
  AWS_REGION: LOCAL_AWS.region,
  AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
};

const story = (n: number, body: string): FixtureItem => ({
  title: `Story ${n} on the talks`,
  link: `https://news.example.org/2024/05/01/story-${n}/`,
  guid: `story-${n}`,
  date: 'Wed, 01 May 2024 10:00:00 GMT',
  html: `<p>${body}</p><p>Officials said more talks would follow next week, and observers expected little change.</p>`,
});

const V1 = [
  story(
    1,
    'Russian Defense Minister Sergei Shoigu met NATO officials in Brussels on Tuesday to discuss the war in Ukraine.',
  ),
  story(
    2,
    'Vladimir Putin told reporters in Moscow that Russia would not accept new sanctions from the European Union.',
  ),
  story(
    3,
    'China and India agreed in Beijing to resume border talks, the Chinese foreign ministry said on Monday.',
  ),
];
// Story 1 rewritten: Shoigu is gone, Blinken arrives.
const V2 = [
  story(
    1,
    'Secretary of State Antony Blinken met NATO officials in Brussels on Tuesday to discuss the war in Ukraine.',
  ),
  ...V1.slice(1),
];

/** The batch writes DynamoDB applied while `run` ran. */
async function writesDuring(run: () => Promise<unknown>): Promise<number> {
  const start = dynamo.requests.BatchWriteItem ?? 0;
  await run();
  return (dynamo.requests.BatchWriteItem ?? 0) - start;
}

/** Every article once, with its seen-key, and each actor entry of it present exactly once. */
async function expectWhole(store: Store, expected: number): Promise<void> {
  const articles = await store.articles.listFirstSeenBetween(...ALL_TIME);
  expect(articles).toHaveLength(expected);
  const seen = await store.articles.getSeen(articles.map((a) => a.id));
  for (const a of articles) {
    expect(seen.get(a.id)?.contentHash).toBe(a.contentHash);
    for (const actor of a.actors) {
      const ids = await store.articles.listByActor(actor.id, ...ALL_TIME);
      expect(ids.filter((id) => id === a.id)).toHaveLength(1);
    }
  }
}

// Each case runs a dozen CLI processes: generous on a loaded machine, still seconds on an idle one.
const CRASH_TIMEOUT_MS = 180_000;

describe('ingestion killed mid-pass', () => {
  it(
    'stores every new article once, whole, after a kill at any batch write and a rerun',
    async () => {
      feeds.routes.set('/new.xml', send(rss2(V1)));
      const url = `${feeds.url}/new.xml`;
      const reference = await freshTable();
      const writes = await writesDuring(() => ingest(reference.table, url));
      expect(writes).toBeGreaterThanOrEqual(2);
      for (let k = 1; k <= writes; k++) {
        const { table, store } = await freshTable();
        const crashed = await ingest(table, url, k);
        expect(crashed.killed, `kill after write ${k}`).toBe(true);
        expect((await ingest(table, url)).code).toBe(0);
        await expectWhole(store, V1.length);
      }
    },
    CRASH_TIMEOUT_MS,
  );

  it(
    'leaves no index entry of an actor an updated article no longer names, whatever write the kill follows',
    async () => {
      const url = `${feeds.url}/update.xml`;
      feeds.routes.set('/update.xml', send(rss2(V1)));
      const probe = await freshTable();
      await ingest(probe.table, url);
      feeds.routes.set('/update.xml', send(rss2(V2)));
      const writes = await writesDuring(() => ingest(probe.table, url));
      expect(writes).toBeGreaterThanOrEqual(3);
      for (let k = 1; k <= writes; k++) {
        feeds.routes.set('/update.xml', send(rss2(V1)));
        const { table, store } = await freshTable();
        expect((await ingest(table, url)).code).toBe(0);
        const [before] = (await store.articles.listFirstSeenBetween(...ALL_TIME)).filter(
          (a) => a.title === 'Story 1 on the talks',
        );
        const shoigu = before!.actors.find((a) => a.name.includes('Shoigu'));
        expect(shoigu).toBeDefined();

        feeds.routes.set('/update.xml', send(rss2(V2)));
        expect((await ingest(table, url, k)).killed, `kill after write ${k}`).toBe(true);
        expect((await ingest(table, url)).code).toBe(0);

        const after = await store.articles.getArticle(before!.id);
        expect(after?.text).toContain('Blinken');
        expect(after?.actors.map((a) => a.name).join()).not.toContain('Shoigu');
        const shoiguIds = await store.articles.listByActor(
          shoigu!.id,
          '2000-01-01T00:00:00Z',
          '2100-01-01T00:00:00Z',
        );
        expect(shoiguIds, `kill after write ${k}`).not.toContain(before!.id);
        await expectWhole(store, V2.length);
      }
    },
    CRASH_TIMEOUT_MS,
  );
});
