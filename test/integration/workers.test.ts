/**
 * The two SQS workers run as Lambda would run them: an SQS event in, ReportBatchItemFailures out,
 * against dynalite, the local SES endpoint and a loopback feed server. Only Secrets Manager is mocked
 * (there is no local one).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SampleFeedServer, serveSampleFeeds } from '../../bin/local/sample-feeds';
import type { LocalSes } from '../../bin/local/ses';
import type { DigestWork } from '../../lambdas/digest/plan';
import { type FeedWork, hostGroup } from '../../lambdas/feeds/plan';
import { ENV } from '../../lambdas/shared/names';
import { localLambdaEnv, startLocalDynamo, startLocalSes, type TestDynamo } from '../support/local';
import { sampleDay, subscriber } from '../unit/digest/fixtures';

let dynamo: TestDynamo;
let ses: LocalSes;
let feeds: SampleFeedServer;
let ingestWorker: typeof import('../../lambdas/handlers/ingest-worker');
let digestWorker: typeof import('../../lambdas/handlers/digest-worker');
const secrets = mockClient(SecretsManagerClient);

beforeAll(async () => {
  [dynamo, ses, feeds] = await Promise.all([startLocalDynamo(), startLocalSes(), serveSampleFeeds()]);
  Object.assign(process.env, localLambdaEnv(dynamo, ses.endpoint), {
    // The default of 1 a second would pace a few test sends over seconds.
    [ENV.sendRatePerSecond]: '100',
    // The feed server is on loopback, which the fetcher refuses unless told otherwise.
    [ENV.allowPrivateNetwork]: 'true',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: 'workers-test-secret' });
  // The handlers build their clients and read their environment at module scope.
  ingestWorker = await import('../../lambdas/handlers/ingest-worker');
  digestWorker = await import('../../lambdas/handlers/digest-worker');
});

afterAll(async () => {
  secrets.restore();
  await Promise.all([dynamo?.stop(), ses?.stop(), feeds?.close()]);
});

/** An SQS record as the event source hands it over; `groupId` makes it a FIFO queue's. */
function record(messageId: string, body: unknown, opts: { groupId?: string; receiveCount?: number } = {}) {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(opts.receiveCount ?? 1),
      SentTimestamp: '1764240000000',
      SenderId: 'AROAEXAMPLE:planner',
      ApproximateFirstReceiveTimestamp: '1764240000100',
      ...(opts.groupId
        ? { MessageGroupId: opts.groupId, MessageDeduplicationId: `dedup-${messageId}`, SequenceNumber: '1' }
        : {}),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:work',
    awsRegion: 'us-east-1',
  } satisfies SQSRecord;
}

const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

describe('ingest worker (SQS FIFO batch)', () => {
  const feedWork = (url: string, outlet: string): FeedWork => ({
    url,
    outlet,
    runId: 'ingest:test',
    dueBy: new Date(Date.now() + 5 * 60_000).toISOString(),
  });

  it('stores the articles of every feed in its batch and retries nothing', async () => {
    const records = feeds.feeds.map((f, i) =>
      record(`feed-${i}`, feedWork(f.url, f.outlet), { groupId: hostGroup(f.url) }),
    );
    const from = new Date(Date.now() - 60_000).toISOString();
    const res = await ingestWorker.handler(sqsEvent(...records));
    expect(res.batchItemFailures).toEqual([]);
    const to = new Date(Date.now() + 60_000).toISOString();
    const stored = await dynamo.store.articles.listFirstSeenBetween(from, to);
    expect(new Set(stored.map((a) => a.outlet))).toEqual(new Set(feeds.feeds.map((f) => f.outlet)));
    for (const f of feeds.feeds) expect((await dynamo.store.feeds.get(f.url))?.lastStatus).toBe('fetched');
  });

  it("reports the malformed messages failed, but not a feed's own error, which its state backs off", async () => {
    const missing = new URL('/missing.xml', feeds.feeds[0]!.url).href;
    const res = await ingestWorker.handler(
      sqsEvent(
        record('not-json', '{broken', { groupId: 'g' }),
        record('no-url', { outlet: 'X', runId: 'r', dueBy: new Date().toISOString() }, { groupId: 'g' }),
        record('gone', feedWork(missing, 'Gone'), { groupId: hostGroup(missing) }),
      ),
    );
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'not-json' }, { itemIdentifier: 'no-url' }]);
    expect(await dynamo.store.feeds.get(missing)).toMatchObject({ lastStatus: 'error', lastHttpStatus: 404 });
  });
});

describe('digest worker (SQS batch)', () => {
  const END = '2025-05-14T11:00:00.000Z';
  const work = (subscriberIds: string[]): DigestWork => ({
    date: '2025-05-14',
    asOf: END,
    subscriberIds,
    runId: 'digest:2025-05-14',
  });
  const ids = ['w1', 'w2', 'w3'];
  const mailsTo = async (id: string) =>
    (await ses.emails()).filter((m) => m.destination.to.includes(`${id}@readers.example.net`));

  beforeAll(async () => {
    for (const a of sampleDay(END)) await dynamo.store.articles.createArticle(a);
    for (const id of [...ids, 'w4']) await dynamo.store.subscribers.create(subscriber({ id }));
  });

  it('mails each subscriber of its message once, and nobody else', async () => {
    const res = await digestWorker.handler(sqsEvent(record('d1', work(ids))));
    expect(res.batchItemFailures).toEqual([]);
    for (const id of ids) expect(await mailsTo(id)).toHaveLength(1);
    expect(await mailsTo('w4')).toHaveLength(0);
    expect((await mailsTo('w1'))[0]?.rawMessage).toMatch(
      /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m,
    );
  });

  it('sends nothing again when the same message is delivered a second time', async () => {
    const before = (await ses.emails()).length;
    const res = await digestWorker.handler(sqsEvent(record('d1', work(ids), { receiveCount: 2 })));
    expect(res.batchItemFailures).toEqual([]);
    expect((await ses.emails()).length).toBe(before);
    for (const id of ids) expect(await mailsTo(id)).toHaveLength(1);
  });

  it('reports a malformed message failed and still mails the subscribers of the others', async () => {
    const res = await digestWorker.handler(
      sqsEvent(
        record('bad', { date: '2025-05-14', subscriberIds: [] }),
        record('not-json', 'subscriberIds=w4'),
        record('d2', work(['w4'])),
      ),
    );
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'bad' }, { itemIdentifier: 'not-json' }]);
    expect(await mailsTo('w4')).toHaveLength(1);
  });
});
