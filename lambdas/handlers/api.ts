/**
 * The subscription pages and the archive behind API Gateway's HTTP API (payload format 2.0). HTTP API
 * rather than a bare function URL: it takes a custom domain with an ACM certificate directly, and its
 * stage throttling bounds requests across every Lambda instance, where our per-IP limit is per
 * instance. The event shape is the one function URLs send, so switching costs nothing here.
 * Composition root only: web/app.ts holds the routes, subscribers/ the rules. The feeds and actor
 * pages have a function of their own (handlers/reading.ts).
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createArchiveReader } from '../digest/archive';
import { createSesClient } from '../mail/ses-client';
import { SesRawMailer } from '../mail/ses-mailer';
import { systemClock } from '../shared/clock';
import { ENV } from '../shared/names';
import { createDocumentClient } from '../store/client';
import { createDynamoStore } from '../store/dynamo';
import { fromHttpApiEvent, toHttpApiResult } from '../web/api-gateway';
import { createWebApp, type WebApp } from '../web/app';
import { requireEnv } from './env';
import { log } from './logger';
import { tokenSecret } from './token-secret';

const store = createDynamoStore(createDocumentClient(), requireEnv(ENV.tableName));
const mailer = new SesRawMailer(createSesClient(), {
  configurationSet: process.env[ENV.configurationSet] || undefined,
});

// Stored pages only: a request reads no article and renders nothing; a warm instance keeps the
// latest pages in memory.
const archive = createArchiveReader(store.editions);

let app: Promise<WebApp> | undefined;

// Built on the first request of a cold start: the signing key comes from Secrets Manager.
async function buildApp(): Promise<WebApp> {
  const site = {
    publicBaseUrl: requireEnv(ENV.publicBaseUrl),
    tokenSecret: await tokenSecret(),
    senderAddress: requireEnv(ENV.senderAddress),
    senderName: requireEnv(ENV.senderName),
    postalAddress: requireEnv(ENV.postalAddress),
  };
  const timeZone = requireEnv(ENV.timeZone);
  return createWebApp({
    subscribers: store.subscribers,
    sends: store.sends,
    limits: store.limits,
    mailer,
    clock: systemClock,
    log,
    config: { ...site, defaultTimeZone: timeZone },
    archive,
    // Served by the reading function on the same API; the archive index names them.
    readingPages: true,
  });
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  app ??= buildApp().catch((err) => {
    app = undefined; // a transient Secrets Manager failure must not poison the warm instance
    throw err;
  });
  const res = await (await app)(fromHttpApiEvent(event));
  if (res.status >= 500) log.error('web request failed', { status: res.status, path: event.rawPath });
  return toHttpApiResult(res);
};
