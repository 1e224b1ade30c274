/**
 * The reading function's handler as Lambda runs it: HTTP API payload 2.0 events against dynalite,
 * with the environment the stack gives it (no link key, no mail).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAtom } from '../support/atom';
import { localLambdaEnv, startLocalDynamo, type TestDynamo } from '../support/local';
import { KIM, story } from '../unit/publish/fixtures';

let dynamo: TestDynamo;
let reading: typeof import('../../lambdas/handlers/reading');

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  const env = localLambdaEnv(dynamo, 'http://127.0.0.1:9');
  // What lib/subscriptions.ts gives the function, and nothing of the link key or mail.
  for (const k of ['TOKEN_SECRET_PARAMETER', 'SENDER_ADDRESS', 'AWS_ENDPOINT_URL_SES']) delete env[k];
  Object.assign(process.env, env, { POWERTOOLS_DEV: 'true' });
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  await dynamo.store.articles.putNewArticles([
    story({
      id: 'l1',
      title: 'Kim reviews a parade',
      firstSeenAt: hourAgo,
      actors: [KIM],
      topics: [{ id: 'nuclear', score: 1 }],
    }),
  ]);
  reading = await import('../../lambdas/handlers/reading');
});

afterAll(async () => {
  await dynamo?.stop();
});

function httpEvent(
  method: string,
  path: string,
  headers: Record<string, string> = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `ANY ${path}`,
    rawPath: path,
    rawQueryString: '',
    isBase64Encoded: false,
    headers: { 'user-agent': 'FeedReader/1.0', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'digest.example.org',
      domainPrefix: 'digest',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.20', userAgent: 'FeedReader/1.0' },
      requestId: 'r1',
      routeKey: `ANY ${path}`,
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
  } as APIGatewayProxyEventV2;
}

describe('the reading Lambda', () => {
  it('serves a feed and answers its repeat with 304', async () => {
    const res = await reading.handler(httpEvent('GET', '/feeds/topic/nuclear.atom'));
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toBe('application/atom+xml; charset=utf-8');
    const { errors, feed } = checkAtom(String(res.body));
    expect(errors).toEqual([]);
    expect(feed!.links.find((l) => l.rel === 'self')?.href).toBe(
      'https://digest.example.org/feeds/topic/nuclear.atom',
    );
    expect(feed!.entries.map((e) => e.title)).toEqual(['Kim reviews a parade']);
    const again = await reading.handler(
      httpEvent('GET', '/feeds/topic/nuclear.atom', { 'if-none-match': String(res.headers?.etag) }),
    );
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('serves an actor page, HEAD without a body, and refuses what is not its own', async () => {
    const page = await reading.handler(httpEvent('GET', '/actors/kim-jong-un'));
    expect(page.statusCode).toBe(200);
    expect(String(page.body)).toContain('Kim reviews a parade');
    expect(page.headers?.['strict-transport-security']).toBe('max-age=31536000');
    const head = await reading.handler(httpEvent('HEAD', '/actors/kim-jong-un'));
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect((await reading.handler(httpEvent('POST', '/actors/kim-jong-un'))).statusCode).toBe(405);
    expect((await reading.handler(httpEvent('GET', '/subscribe'))).statusCode).toBe(404);
    expect((await reading.handler(httpEvent('GET', '/actors/%E0%A4%A'))).statusCode).toBe(400);
  });
});
