/**
 * Delivery against the real local parts: the hourly planner's index on dynalite, a digest run
 * killed with kill -9 and run again, a local SES that accepts a message and then answers 500, and
 * `digest --at` from the command line. Every message SES accepted is read back from its store.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_AWS } from '../../bin/local/dynamo';
import { type DigestWork, planDelivery } from '../../lambdas/digest/plan';
import { type DigestDeps, resendUncertain, runDigest } from '../../lambdas/digest/run-digest';
import { createSesClient } from '../../lambdas/mail/ses-client';
import { SesRawMailer } from '../../lambdas/mail/ses-mailer';
import { InMemoryWorkQueue } from '../../lambdas/queue/memory-work-queue';
import { fixedClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import { createDocumentClient } from '../../lambdas/store/client';
import { keys } from '../../lambdas/store/keys';
import { startLocalDynamo, startLocalSes, type TestDynamo } from '../support/local';
import { digestConfig, sampleDay, subscriber } from '../unit/digest/fixtures';

const root = join(import.meta.dirname, '..', '..');
const TSX = join(root, 'node_modules', '.bin', 'tsx');
const NOW = '2025-05-14T11:00:00.000Z';
const DATE = '2025-05-14';

let ses: Awaited<ReturnType<typeof startLocalSes>>;
let dynamo: TestDynamo;
let tableCount = 0;

beforeAll(async () => {
  ses = await startLocalSes();
});

afterAll(async () => {
  await ses?.stop();
});

beforeEach(async () => {
  await dynamo?.stop();
  dynamo = await startLocalDynamo(`delivery-${++tableCount}`);
  await clearSes();
});

afterAll(async () => {
  await dynamo?.stop();
});

async function clearSes(): Promise<void> {
  await fetch(`${ses.endpoint}/clear-store`, { method: 'POST' }).catch(() => undefined);
}

/** Recipient of every message the local SES accepted so far. */
async function recipients(): Promise<string[]> {
  return (await ses.emails()).map((e) => e.destination.to[0]!).sort();
}

/** The sample day's articles, and confirmed readers in New York listed in the order given. */
async function seed(ids: string[]) {
  for (const a of sampleDay(NOW)) await dynamo.store.articles.createArticle(a);
  for (const [i, id] of ids.entries()) {
    await dynamo.store.subscribers.create(subscriber({ id, createdAt: `2025-05-01T00:00:0${i}.000Z` }));
  }
}

function deps(mailerEndpoint = ses.endpoint, over: Partial<DigestDeps> = {}): DigestDeps {
  return {
    ...dynamo.store,
    mailer: new SesRawMailer(createSesClient({ ...LOCAL_AWS, endpoint: mailerEndpoint })),
    clock: fixedClock(NOW),
    log: silentLog,
    config: digestConfig({ sendRatePerSecond: 1000 }),
    sleep: async () => {},
    ...over,
  };
}

/**
 * A front for the local SES that passes each SendRawEmail on, and once SES has accepted it answers
 * 500 instead of its reply: the message went out, the client cannot know.
 */
async function acceptThen500(
  upstream: string,
): Promise<{ endpoint: string; close(): Promise<void>; calls: () => number }> {
  const target = new URL(upstream);
  let calls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isSend = body.toString().includes('Action=SendRawEmail');
      if (isSend) calls++;
      const fwd = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          const out: Buffer[] = [];
          up.on('data', (c: Buffer) => out.push(c));
          up.on('end', () => {
            if (isSend && up.statusCode === 200) {
              res.writeHead(500, { 'content-type': 'text/xml' });
              res.end(
                '<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>Internal error</Message></Error></ErrorResponse>',
              );
              return;
            }
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(Buffer.concat(out));
          });
        },
      );
      fwd.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the hourly planner on dynalite', () => {
  it('finds exactly the readers due through the zone index, and the ones from before it after --reindex', async () => {
    await seed([]);
    const s = dynamo.store.subscribers;
    await s.create(subscriber({ id: 'ny', timeZone: 'America/New_York' }));
    await s.create(subscriber({ id: 'ny-noon', timeZone: 'America/New_York', deliveryHour: 12 }));
    await s.create(subscriber({ id: 'kolkata', timeZone: 'Asia/Kolkata', deliveryHour: 15 }));
    await s.create(subscriber({ id: 'gone', timeZone: 'America/New_York', status: 'unsubscribed' }));
    // A confirmed record written before the index existed: no index attributes, no zone entry.
    const doc = createDocumentClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
    const old = subscriber({ id: 'old', timeZone: 'Europe/Berlin', deliveryHour: 12 });
    await doc.send(
      new PutCommand({
        TableName: dynamo.tableName,
        Item: {
          ...old,
          ...keys.subscriber('old'),
          ...keys.subscriberByStatus('confirmed', old.createdAt, 'old'),
        },
      }),
    );
    doc.destroy();
    const plan = async (at: string) => {
      const queue = new InMemoryWorkQueue<DigestWork>();
      await planDelivery(
        { subscribers: s, queue, clock: fixedClock(at), log: silentLog },
        { timeZone: 'America/New_York', at },
      );
      const ids: string[] = [];
      await queue.consume(
        async (batch) => {
          ids.push(...batch.flatMap((m) => m.body.subscriberIds));
          return { failedIds: [] };
        },
        { batchSize: 10, maxConcurrency: 1, maxReceiveCount: 1 },
      );
      return ids.sort();
    };
    // 10:00 UTC: 06:00 in New York, 15:30 in Kolkata, 12:00 in Berlin.
    const at = '2025-05-14T10:00:00.000Z';
    // Not built yet: the planner reads the whole list and still finds the old record.
    expect(await s.deliveryIndexReady()).toBe(false);
    expect(await plan(at)).toEqual(['kolkata', 'ny', 'old']);
    expect(await s.buildDeliveryIndex()).toBe(4);
    expect(await s.deliveryIndexReady()).toBe(true);
    expect(await s.deliveryZones()).toEqual(['America/New_York', 'Asia/Kolkata', 'Europe/Berlin']);
    expect(await plan(at)).toEqual(['kolkata', 'ny', 'old']);
    expect(await plan('2025-05-14T16:00:00.000Z')).toEqual(['ny-noon']);
    // An unsubscribe takes the record off the index.
    await s.put({ ...(await s.get('kolkata'))!, status: 'unsubscribed' });
    expect(await plan(at)).toEqual(['ny', 'old']);
  });
});

describe('the delivery index of a new table', () => {
  it('is ready from the first look when every confirmed record is on it, and says so from then on', async () => {
    await dynamo.store.subscribers.create(subscriber({ id: 'ny' }));
    await dynamo.store.subscribers.create(subscriber({ id: 'p', status: 'pending' }));
    expect(await dynamo.store.subscribers.deliveryIndexReady()).toBe(true);
    expect(await dynamo.store.subscribers.deliveryZones()).toEqual(['America/New_York']);
  });
});

describe('exactly once, against a local SES that records every message', () => {
  it('sends each reader one digest when a run is killed -9 while waiting for a pacing slot and run again', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    await seed(ids);
    // node itself with tsx's loader, not the tsx launcher: kill -9 must hit the process that sends.
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'test', 'support', 'digest-child.ts')],
      {
        cwd: root,
        env: {
          ...process.env,
          DYNAMODB_ENDPOINT: dynamo.endpoint,
          TABLE_NAME: dynamo.tableName,
          SES_ENDPOINT: ses.endpoint,
          DIGEST_DATE: DATE,
          DIGEST_NOW: NOW,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    // One message a second: a goes at once, b after the first wait; kill during the second wait.
    await new Promise<void>((resolve, reject) => {
      let waits = 0;
      child.stdout!.on('data', (d: Buffer) => {
        waits += d
          .toString()
          .split('\n')
          .filter((l) => l === 'pacing').length;
        if (waits >= 2 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`the run ended before it was killed (${code})`)));
    });
    await new Promise((resolve) => child.once('close', resolve));
    expect(await recipients()).toEqual(['a@readers.example.net', 'b@readers.example.net']);
    // Nothing was left claimed: the wait came before the claim.
    expect(await dynamo.store.sends.listUncertain(DATE)).toEqual([]);

    const rerun = await runDigest(deps(), { date: DATE });
    expect(rerun).toMatchObject({ sent: 3, uncertain: 0, reasons: { already_sent: 2 } });
    expect(await recipients()).toEqual(ids.map((id) => `${id}@readers.example.net`));
  }, 30_000);

  it('reports an uncertain send, never retries it, and resends it only when asked', async () => {
    await seed(['a', 'b']);
    const faulty = await acceptThen500(ses.endpoint);
    try {
      const report = await runDigest(deps(faulty.endpoint), { date: DATE });
      // One attempt each: SES accepted both, and each reader has one copy.
      expect(faulty.calls()).toBe(2);
      expect(await recipients()).toEqual(['a@readers.example.net', 'b@readers.example.net']);
      expect(report).toMatchObject({ sent: 0, failed: 0, uncertain: 2 });
      expect(report.uncertainSends.map((u) => u.subscriberId).sort()).toEqual(['a', 'b']);
      expect((await dynamo.store.sends.listUncertain(DATE)).map((r) => r.subscriberId).sort()).toEqual([
        'a',
        'b',
      ]);

      // A rerun reports them again and sends nothing.
      const again = await runDigest(deps(faulty.endpoint), { date: DATE });
      expect(again).toMatchObject({ sent: 0, uncertain: 2 });
      expect(faulty.calls()).toBe(2);

      // The explicit resend: too soon after the claim it waits; later it sends, naming the risk.
      const early = await resendUncertain(deps(), DATE);
      expect(early.resent).toEqual([]);
      expect(early.left.map((l) => l.reason)).toEqual([
        expect.stringMatching(/under 15 minutes/),
        expect.stringMatching(/under 15 minutes/),
      ]);
      const later = await resendUncertain(
        deps(ses.endpoint, { clock: fixedClock('2025-05-14T11:30:00.000Z') }),
        DATE,
      );
      expect(later.resent.map((r) => r.email).sort()).toEqual([
        'a@readers.example.net',
        'b@readers.example.net',
      ]);
      expect(await dynamo.store.sends.listUncertain(DATE)).toEqual([]);
      expect((await recipients()).filter((r) => r.startsWith('a@'))).toHaveLength(2);
    } finally {
      await faulty.close();
    }
  });
});

describe('digest from the command line', () => {
  function cli(
    args: string[],
    env: Record<string, string>,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(TSX, [join(root, 'bin', 'cli.ts'), ...args], {
        cwd: root,
        env: {
          ...process.env,
          DYNAMODB_ENDPOINT: dynamo.endpoint,
          TABLE_NAME: dynamo.tableName,
          AWS_ACCESS_KEY_ID: '',
          ...env,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('sends at --at only to the readers whose delivery hour it is, with one SES attempt each', async () => {
    await seed([]);
    await dynamo.store.subscribers.create(subscriber({ id: 'ny', timeZone: 'America/New_York' }));
    await dynamo.store.subscribers.create(
      subscriber({ id: 'tokyo', timeZone: 'Asia/Tokyo', deliveryHour: 20 }),
    );
    const faulty = await acceptThen500(ses.endpoint);
    try {
      // 10:00 UTC is 06:00 in New York and 19:00 in Tokyo; a time inside the hour runs that hour.
      const r = await cli(['digest', '--at', '2025-05-14T10:20:00Z'], { SES_ENDPOINT: faulty.endpoint });
      // An uncertain send needs the operator: the run says so and ends non-zero.
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/^error:/m);
      expect(await recipients()).toEqual(['ny@readers.example.net']);
      expect(faulty.calls()).toBe(1);
      expect(r.stdout).toContain('delivery at 2025-05-14T10:00:00.000Z');
      expect(r.stdout).toMatch(/digest 2025-05-14: 1 subscribers, 0 sent, 0 skipped, 0 failed, 1 uncertain/);
      expect(r.stdout).toMatch(/ny@readers\.example\.net {2}claimed /);
      expect(r.stdout).toContain('digest --resend-uncertain 2025-05-14');
    } finally {
      await faulty.close();
    }
    const tokyo = await cli(['digest', '--at', '2025-05-14T11:00:00Z', '--json'], {
      SES_ENDPOINT: ses.endpoint,
    });
    const out = JSON.parse(tokyo.stdout) as { reports: { date: string; sent: number }[] };
    expect(out.reports.map((x) => [x.date, x.sent])).toEqual([['2025-05-14', 1]]);
    expect(await recipients()).toEqual(['ny@readers.example.net', 'tokyo@readers.example.net']);
    const future = await cli(['digest', '--date', '2999-01-01'], { SES_ENDPOINT: ses.endpoint });
    expect(future.code).not.toBe(0);
    expect(future.stderr.trim()).toMatch(/^error: 2999-01-01 is after today/);
  }, 60_000);
});
