/**
 * The two Lambda handlers of the subscriptions capability, run as Lambda would run them: an HTTP API
 * payload 2.0 event and an SNS event, against dynalite and the local SES endpoint. Only Secrets
 * Manager is mocked (there is no local one).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2, SNSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSes } from '../../bin/local/ses';
import type { Subscriber } from '../../lambdas/shared/types';
import { signSubscriberToken } from '../../lambdas/subscribers/tokens';
import { localLambdaEnv, startLocalDynamo, startLocalSes, type TestDynamo } from '../support/local';

const SECRET = 'lambda-secret';
const NOW = () => new Date();
let dynamo: TestDynamo;
let ses: LocalSes;
let api: typeof import('../../lambdas/handlers/api');
let sesEvents: typeof import('../../lambdas/handlers/ses-events');
const secrets = mockClient(SecretsManagerClient);

beforeAll(async () => {
  [dynamo, ses] = await Promise.all([startLocalDynamo(), startLocalSes()]);
  Object.assign(process.env, localLambdaEnv(dynamo, ses.endpoint), { POWERTOOLS_DEV: 'true' });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: SECRET });
  // The handlers build their clients at module scope, from the environment above.
  api = await import('../../lambdas/handlers/api');
  sesEvents = await import('../../lambdas/handlers/ses-events');
});

afterAll(async () => {
  secrets.restore();
  await Promise.all([dynamo?.stop(), ses?.stop()]);
});

function httpEvent(method: string, path: string, query: string, body?: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'LambdaTest' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'digest.example.org',
      domainPrefix: 'digest',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.20', userAgent: 'LambdaTest' },
      requestId: 'r1',
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
    ...(body === undefined ? {} : { body: Buffer.from(body).toString('base64'), isBase64Encoded: true }),
  } as APIGatewayProxyEventV2;
}

function snsEvent(messages: unknown[]): SNSEvent {
  return {
    Records: messages.map((m, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn',
      Sns: {
        MessageId: `m${i}`,
        Message: typeof m === 'string' ? m : JSON.stringify(m),
        Type: 'Notification',
      },
    })),
  } as unknown as SNSEvent;
}

async function confirmedSubscriber(email: string): Promise<Subscriber> {
  const s: Subscriber = {
    id: `id-${email}`,
    email,
    status: 'confirmed',
    topics: ['nuclear'],
    timeZone: 'UTC',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    confirmedAt: '2026-11-01T00:00:00.000Z',
  };
  return dynamo.store.subscribers.create(s);
}

describe('api handler (HTTP API payload 2.0)', () => {
  it('subscribes from a base64-encoded form post and mails the confirmation through SES', async () => {
    const res = await api.handler(
      httpEvent('POST', '/subscribe', '', 'email=lambda%40example.org&topics=nuclear&topics=dissent'),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(await dynamo.store.subscribers.getByEmail('lambda@example.org')).toMatchObject({
      status: 'pending',
      consent: { ip: '198.51.100.20', userAgent: 'LambdaTest' },
    });
    const mail = (await ses.emails()).find((m) => m.destination.to.includes('lambda@example.org'));
    expect(mail?.body.text).toContain('https://digest.example.org/confirm?token=');
  });

  it('unsubscribes on the one-click POST with 200', async () => {
    const s = await confirmedSubscriber('oneclick@example.org');
    const token = encodeURIComponent(signSubscriberToken(SECRET, 'unsubscribe', s.id, NOW()));
    const res = await api.handler(
      httpEvent('POST', '/unsubscribe', `token=${token}`, 'List-Unsubscribe=One-Click'),
    );
    expect(res.statusCode).toBe(200);
    expect((await dynamo.store.subscribers.get(s.id))?.status).toBe('unsubscribed');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1); // once per cold start
  });
});

describe('ses-events handler (SNS)', () => {
  it('marks a complaint and a permanent bounce, and ignores a transient bounce', async () => {
    const a = await confirmedSubscriber('complainer@example.org');
    const b = await confirmedSubscriber('gone@example.org');
    const c = await confirmedSubscriber('full@example.org');
    const result = await sesEvents.handler(
      snsEvent([
        {
          eventType: 'Complaint',
          complaint: { complainedRecipients: [{ emailAddress: a.email }], complaintFeedbackType: 'abuse' },
        },
        {
          eventType: 'Bounce',
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'NoEmail',
            bouncedRecipients: [{ emailAddress: b.email }],
          },
        },
        {
          eventType: 'Bounce',
          bounce: {
            bounceType: 'Transient',
            bounceSubType: 'MailboxFull',
            bouncedRecipients: [{ emailAddress: c.email }],
          },
        },
      ]),
    );
    expect(result).toEqual({ records: 3, changed: 2 });
    expect(await dynamo.store.subscribers.get(a.id)).toMatchObject({
      status: 'complained',
      statusReason: expect.stringContaining('abuse'),
    });
    expect(await dynamo.store.subscribers.get(b.id)).toMatchObject({
      status: 'bounced',
      statusReason: expect.stringContaining('NoEmail'),
    });
    expect(await dynamo.store.subscribers.get(c.id)).toEqual(c);
  });

  it('fails the invocation when a message is not an SES event, after handling the others', async () => {
    const d = await confirmedSubscriber('second@example.org');
    await expect(
      sesEvents.handler(
        snsEvent([
          '{broken',
          { notificationType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: d.email }] } },
        ]),
      ),
    ).rejects.toThrow(/1 of 2 SES events failed/);
    expect((await dynamo.store.subscribers.get(d.id))?.status).toBe('complained');
  });
});
