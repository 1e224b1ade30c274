/**
 * The Atom feeds and the actor pages behind the same HTTP API as the subscription pages, in a
 * function of their own: it reads articles (their heads and index entries) and editions, and
 * nothing of subscribers; it sends no mail and holds no link key. A warm instance keeps what it
 * built per change marker (publish/publisher.ts). Composition root only.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createPublisher } from '../publish/publisher';
import { systemClock } from '../shared/clock';
import { ENV } from '../shared/names';
import { createDocumentClient } from '../store/client';
import { DynamoArticleStore, Table } from '../store/dynamo';
import { DynamoEditionStore } from '../store/dynamo-editions';
import { fromHttpApiEvent, toHttpApiResult } from '../web/api-gateway';
import { createReadingApp } from '../web/reading';
import { requireEnv } from './env';
import { log } from './logger';

// Only the stores this function reads: the others' code stays out of its bundle.
const table = new Table(createDocumentClient(), requireEnv(ENV.tableName));
const store = { articles: new DynamoArticleStore(table), editions: new DynamoEditionStore(table) };
const publicBaseUrl = requireEnv(ENV.publicBaseUrl);
const site = { name: requireEnv(ENV.senderName), postalAddress: requireEnv(ENV.postalAddress) };

const app = createReadingApp({
  publisher: createPublisher({
    articles: store.articles,
    editions: store.editions,
    clock: systemClock,
    site: { name: site.name, baseUrl: publicBaseUrl, timeZone: requireEnv(ENV.timeZone) },
  }),
  site: () => site,
  https: () => publicBaseUrl.startsWith('https:'),
  log,
});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const res = await app(fromHttpApiEvent(event));
  if (res.status >= 500) log.error('reading request failed', { status: res.status, path: event.rawPath });
  return toHttpApiResult(res);
};
