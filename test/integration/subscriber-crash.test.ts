/**
 * Issue 12 item 1, crashes: `cli serve` (the real web app in its own process) is killed with
 * SIGKILL between two writes of a subscribe or a deletion, and the next request repairs the state:
 * one address never ends with two records, a deletion is never undone, and a lock never strands an
 * address. A proxy in front of dynalite holds the chosen write and kills the server when it arrives.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS } from '../../bin/local/dynamo';
import type { WebServer } from '../../bin/local/web-server';
import type { Mailer, OutgoingMessage } from '../../lambdas/mail/ports';
import type { Subscriber } from '../../lambdas/shared/types';
import { createDocumentClient } from '../../lambdas/store/client';
import { keys } from '../../lambdas/store/keys';
import { siteLinks } from '../../lambdas/subscribers/links';
import { startLocalDynamo, startWebAppOn, type TestDynamo } from '../support/local';

const root = join(import.meta.dirname, '..', '..');
// tsx as a loader in one node process: its CLI wrapper would outlive the server it runs under a kill.
const TSX_LOADER = join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const SECRET = 'crash-secret-crash-secret-0123456789';
/** Each case starts a served app in its own process: seconds when idle, far more on a loaded machine. */
const CRASH_TIMEOUT_MS = 120_000;

let dynamo: TestDynamo;
let cwd: string;
let web: WebServer;
const sent: OutgoingMessage[] = [];

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  cwd = mkdtempSync(join(tmpdir(), 'awd-crash-'));
  // The served app reads its link key from here, so the test can make links for it.
  mkdirSync(join(cwd, '.local'), { recursive: true });
  writeFileSync(join(cwd, '.local', 'token-secret'), SECRET);
  // What runs after each crash: the same app, in this process, straight on dynalite.
  const mailer: Mailer = {
    async send(m) {
      sent.push(m);
      return { id: `m${sent.length}` };
    },
  };
  web = await startWebAppOn(dynamo, { secret: SECRET, mailer: mailer });
});

afterAll(async () => {
  await web?.close();
  await dynamo?.stop();
  rmSync(cwd, { recursive: true, force: true });
});

let child: ChildProcess | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
  child = undefined;
  proxy = undefined;
});

/** The part of a DynamoDB JSON request a trip looks at. */
type DynamoRequest = { Item?: { PK?: { S?: string } }; Key?: { PK?: { S?: string } } };
type Trip = (target: string, body: DynamoRequest) => boolean;

/** A DynamoDB endpoint that forwards to dynalite, except the first request `trip` picks: that one is held. */
async function crashingProxy(trip: Trip, onTrip: () => void): Promise<string> {
  const upstream = new URL(dynamo.endpoint);
  let tripped = false;
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const target =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      if (!tripped && trip(target, JSON.parse(raw.toString() || '{}'))) {
        tripped = true;
        onTrip(); // the write never reaches the table, and its sender dies
        return;
      }
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 500, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      out.end(raw);
    });
  });
  await new Promise<void>((r) => proxy!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

/** `cli serve` on a free port, its store behind `endpoint`; resolves with its base URL once it listens. */
async function serve(endpoint: string): Promise<{ url: string; killed: Promise<void> }> {
  const port = await freePort();
  child = spawn(
    process.execPath,
    ['--import', TSX_LOADER, join(root, 'bin', 'cli.ts'), 'serve', '--port', String(port)],
    {
      cwd,
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: endpoint,
        TABLE_NAME: dynamo.tableName,
        AWS_REGION: LOCAL_AWS.region,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      },
    },
  );
  const killed = new Promise<void>((r) => child!.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('serving')) resolve();
    });
    child!.stderr!.on('data', (d) => {
      out += d;
    });
    child!.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, killed };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (base: string, path: string, body: string) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });

async function lockOf(email: string): Promise<Record<string, unknown> | undefined> {
  const doc = createDocumentClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
  try {
    return (await doc.send(new GetCommand({ TableName: dynamo.tableName, Key: keys.email(email) }))).Item;
  } finally {
    doc.destroy();
  }
}

const recordsOf = async (email: string) =>
  (await dynamo.store.subscribers.list()).filter((s) => s.email === email);

/** Kills the served app at the held write, while it handles `send`. */
async function crashDuring(trip: Trip, send: (url: string) => Promise<unknown>): Promise<void> {
  let kill = () => {};
  const endpoint = await crashingProxy(trip, () => kill());
  const { url, killed } = await serve(endpoint);
  kill = () => child!.kill('SIGKILL');
  await send(url).catch(() => undefined); // the connection dies with the process
  await killed;
}

async function confirmedReader(email: string): Promise<Subscriber> {
  const now = new Date().toISOString();
  return dynamo.store.subscribers.create({
    id: `crash-${email}`,
    email,
    status: 'confirmed',
    topics: ['nuclear'],
    timeZone: 'UTC',
    createdAt: now,
    updatedAt: now,
    confirmedAt: now,
  });
}

describe('kill -9 in the middle of a subscriber write (issue 12)', () => {
  it(
    'adopts the lock a killed subscribe left without its record, and the address gets one record',
    async () => {
      const email = 'killed-subscribe@example.org';
      const recordPut: Trip = (t, b) => t === 'PutItem' && String(b.Item?.PK?.S).startsWith('U#');
      await crashDuring(recordPut, (url) => post(url, '/subscribe', form({ email })));
      const lock = await lockOf(email);
      expect(lock?.subscriberId).toEqual(expect.any(String));
      expect(await recordsOf(email)).toEqual([]);

      // The reader tries again, on a healthy instance.
      expect((await post(web.url, '/subscribe', form({ email }))).status).toBe(200);
      const records = await recordsOf(email);
      expect(records.map((s) => s.id)).toEqual([lock!.subscriberId]);
      const link = /\/confirm\?token=(\S+)/.exec(sent.at(-1)?.text ?? '')?.[1];
      const confirmed = await post(web.url, '/confirm', form({ token: decodeURIComponent(link!) }));
      expect(confirmed.status).toBe(200);
      expect((await dynamo.store.subscribers.getByEmail(email))?.status).toBe('confirmed');
      expect((await post(web.url, '/subscribe', form({ email }))).status).toBe(200);
      expect(await recordsOf(email)).toHaveLength(1);
    },
    CRASH_TIMEOUT_MS,
  );

  it.each([
    ['its record', 'U#'],
    ['its address lock', 'E#'],
  ])(
    'finishes a deletion killed before it removed %s, and never brings the record back',
    async (_what, prefix) => {
      const email = `killed-delete-${prefix[0]}@example.org`;
      const s = await confirmedReader(email);
      const token = new URL(siteLinks('http://x', SECRET).preferences(s)).searchParams.get('token')!;
      const removal: Trip = (t, b) => t === 'DeleteItem' && String(b.Key?.PK?.S).startsWith(prefix);
      await crashDuring(removal, (url) =>
        post(url, '/preferences', form({ token, action: 'delete-confirm' })),
      );
      // Killed mid-way: the address is already hidden, whatever is left.
      expect((await lockOf(email))?.deleting).toBe(true);
      expect(await dynamo.store.subscribers.getByEmail(email)).toBeUndefined();

      // The same address signs up again: the deletion is finished and a new record made.
      expect((await post(web.url, '/subscribe', form({ email }))).status).toBe(200);
      expect(await dynamo.store.subscribers.get(s.id)).toBeUndefined();
      const records = await recordsOf(email);
      expect(records).toHaveLength(1);
      expect(records[0]!.id).not.toBe(s.id);
      expect((await lockOf(email))?.subscriberId).toBe(records[0]!.id);
      // The deleted reader's old link opens nothing.
      const old = await fetch(`${web.url}/preferences?token=${encodeURIComponent(token)}`);
      expect(old.status).toBe(404);
    },
    CRASH_TIMEOUT_MS,
  );
});
