/**
 * The deployed ingestion handlers against dynalite and a loopback feed server: the planner's
 * SendMessageBatch calls (SQS mocked) and the worker's SQS batch response, rows and EMF metrics.
 */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FeedWork, ingestBatch, planIngestion } from '../../lambdas/feeds/plan';
import { InMemoryWorkQueue } from '../../lambdas/queue/memory-work-queue';
import { systemClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import { ENV } from '../../lambdas/shared/names';
import { rss2 } from '../fixtures/feeds/build';
import { send, startServer, type TestServer } from '../fixtures/feeds/server';
import { startLocalDynamo, type TestDynamo } from '../support/local';

let dynamo: TestDynamo;
let server: TestServer;
const sqs = mockClient(SQSClient);

beforeAll(async () => {
  [dynamo, server] = await Promise.all([startLocalDynamo('scale-ingest'), startServer()]);
  for (const name of ['one', 'two']) {
    server.routes.set(
      `/${name}.xml`,
      send(
        rss2([
          {
            title: `A ${name} report on the ceasefire talks`,
            link: `https://${name}.example.org/report`,
            guid: `${name}-1`,
            html: `<p>The ${name} outlet reports that negotiators met again on Tuesday to discuss the truce.</p>`,
          },
        ]),
      ),
    );
  }
  Object.assign(process.env, {
    [ENV.tableName]: dynamo.tableName,
    [ENV.feeds]: JSON.stringify([
      { url: `${server.url}/one.xml`, outlet: 'One' },
      { url: `${server.url}/two.xml`, outlet: 'Two' },
    ]),
    [ENV.ingestQueueUrl]: 'https://sqs.us-east-1.amazonaws.com/123456789012/work.fifo',
    [ENV.allowPrivateNetwork]: '1',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
});

afterAll(async () => {
  sqs.restore();
  await Promise.all([dynamo?.stop(), server?.close()]);
});

const record = (id: string, body: unknown): SQSRecord =>
  ({
    messageId: id,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1', MessageGroupId: '127.0.0.1' },
  }) as unknown as SQSRecord;

/** What the handler wrote while `fn` ran: Powertools' EMF documents (stdout) and log lines (both). */
async function outputDuring(
  fn: () => Promise<unknown>,
): Promise<{ emf: Record<string, unknown>[]; logs: Record<string, unknown>[] }> {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture),
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    }),
  ];
  try {
    await fn();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  const json = lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { emf: json.filter((j) => '_aws' in j), logs: json.filter((j) => 'level' in j) };
}

describe('ingestion handlers', () => {
  it('enqueues every configured feed once, grouped by host, when the planner runs for a schedule', async () => {
    sqs.on(SendMessageBatchCommand).callsFake((input) => ({
      Successful: input.Entries.map((e: { Id: string }) => ({
        Id: e.Id,
        MessageId: e.Id,
        MD5OfMessageBody: '',
      })),
    }));
    const { handler } = await import('../../lambdas/handlers/ingest-plan');
    let plan: unknown;
    const { emf } = await outputDuring(async () => {
      plan = await handler({ scheduledTime: '2024-05-02T12:00:00Z' });
    });
    expect(emf.map((doc) => doc.FeedsPlanned)).toEqual([2]);
    const entries = sqs.commandCalls(SendMessageBatchCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(plan).toMatchObject({ new: 2, enqueued: 2, hosts: 1 });
    expect(entries.map((e) => JSON.parse(e.MessageBody!).url).sort()).toEqual([
      `${server.url}/one.xml`,
      `${server.url}/two.xml`,
    ]);
    expect(new Set(entries.map((e) => e.MessageGroupId))).toEqual(new Set([new URL(server.url).host]));
    expect(entries.every((e) => JSON.parse(e.MessageBody!).runId === 'ingest:2024-05-02T12:00:00Z')).toBe(
      true,
    );
  });

  it("stores the batch's articles, retries only the malformed message and emits the feed metrics", async () => {
    const { handler } = await import('../../lambdas/handlers/ingest-worker');
    const dueBy = new Date(Date.now() + 60_000).toISOString();
    const event: SQSEvent = {
      Records: [
        record('m1', { url: `${server.url}/one.xml`, outlet: 'One', runId: 'r1', dueBy }),
        record('m2', { url: `${server.url}/two.xml`, outlet: 'Two', runId: 'r1', dueBy }),
        record('bad', '{not json'),
      ],
    };
    let response: unknown;
    const { emf, logs } = await outputDuring(async () => {
      response = await handler(event);
    });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'ERROR', message: 'malformed ingestion message', messageId: 'bad' }),
    );
    const states = await dynamo.store.feeds.list();
    expect(states.map((s) => s.lastStatus)).toEqual(['fetched', 'fetched']);
    // EMF keeps repeated values of a metric as an array; CloudWatch sums them.
    const metrics: Record<string, unknown> = {};
    for (const { _aws, ...fields } of emf) {
      for (const [k, v] of Object.entries(fields)) {
        metrics[k] = Array.isArray(v) ? v.reduce((a: number, b: number) => a + b, 0) : v;
      }
    }
    expect(metrics).toMatchObject({
      FeedsAttempted: 2,
      FeedsFetched: 2,
      ArticlesNew: 2,
      service: 'antiwar-digest',
    });
  });
});

describe('ingestion fan-out over the queue', () => {
  it('keeps at most 2 connections per host while 10 workers ingest 40 feeds of 2 hosts', async () => {
    const hosts = await Promise.all([startServer(), startServer()]);
    try {
      let open = 0;
      const peak = new Map<string, number>();
      const feeds = hosts.flatMap((h, hi) =>
        Array.from({ length: 20 }, (_, i) => {
          const path = `/f${i}.xml`;
          const xml = rss2([
            { title: `Host ${hi} feed ${i}`, link: `https://h${hi}.example.org/${i}`, guid: `${hi}-${i}` },
          ]);
          h.routes.set(path, (_req, res) => {
            const host = `${hi}`;
            open++;
            const now = (peak.get(`${host}:now`) ?? 0) + 1;
            peak.set(`${host}:now`, now);
            peak.set(host, Math.max(peak.get(host) ?? 0, now));
            setTimeout(() => {
              res.writeHead(200, { 'content-type': 'application/rss+xml' });
              res.end(xml);
              open--;
              peak.set(`${host}:now`, (peak.get(`${host}:now`) ?? 1) - 1);
            }, 30);
          });
          return { url: `${h.url}${path}`, outlet: `Host ${hi}` };
        }),
      );
      const queue = new InMemoryWorkQueue<FeedWork>({ fifo: true });
      const plan = await planIngestion(
        { feeds: dynamo.store.feeds, queue, clock: systemClock, log: silentLog },
        feeds,
        'fan-out',
      );
      const stats = await queue.consume(
        async (batch) =>
          ingestBatch(
            {
              articles: dynamo.store.articles,
              feeds: dynamo.store.feeds,
              analyze: () => ({ actors: [], topics: [] }),
              clock: systemClock,
              log: silentLog,
              options: { allowPrivateNetwork: true },
            },
            batch,
          ),
        { batchSize: 5, maxConcurrency: 10, maxReceiveCount: 3 },
      );
      const states = await dynamo.store.feeds.getMany(feeds.map((f) => f.url));
      expect(plan.enqueued).toBe(40);
      expect([...states.values()].filter((s) => s.lastStatus === 'fetched')).toHaveLength(40);
      expect(stats.deadLettered).toBe(0);
      expect(Math.max(peak.get('0') ?? 0, peak.get('1') ?? 0)).toBeLessThanOrEqual(2);
      expect(open).toBe(0);
    } finally {
      await Promise.all(hosts.map((h) => h.close()));
    }
  });
});
