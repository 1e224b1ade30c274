/**
 * Scheduled ingestion: one pass over the configured feeds. Composition root only: the rules live in
 * feeds/ingest.ts. A pass in which individual feeds fail still succeeds (their failures are in the
 * report, the logs and the metrics); the invocation fails, so the scheduler retries and the DLQ and
 * alarms see it, only when the pass could not run or every feed failed.
 */
import { analyze } from '../analysis';
import { ingestFeeds } from '../feeds/ingest';
import { createDocumentClient } from '../store/client';
import { createDynamoStore } from '../store/dynamo';
import { systemClock } from '../shared/clock';
import { ENV } from '../shared/names';
import type { FeedConfig } from '../shared/types';
import { ConfigurationError, requireEnv } from './env';
import { log } from './logger';

const store = createDynamoStore(createDocumentClient(), requireEnv(ENV.tableName));
const feeds = parseFeeds(requireEnv(ENV.feeds));

export class IngestPassError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IngestPassError';
  }
}

export const handler = async () => {
  const report = await ingestFeeds(
    {
      articles: store.articles,
      feeds: store.feeds,
      analyze,
      clock: systemClock,
      log,
      options: { allowPrivateNetwork: ['1', 'true'].includes(process.env[ENV.allowPrivateNetwork] ?? '') },
    },
    feeds,
  );
  const failed = report.feeds.filter((f) => f.status === 'error');
  log.info('ingest pass finished', {
    feeds: report.feeds.length,
    failed: failed.length,
    newArticles: report.articles.new,
    updatedArticles: report.articles.updated,
  });
  for (const f of failed) log.warn('feed failed', { feedUrl: f.url, errorKind: f.errorKind, error: f.error });
  if (failed.length > 0 && failed.length === report.feeds.length) {
    throw new IngestPassError(`all ${failed.length} feeds failed`);
  }
  return report.articles;
};

function parseFeeds(json: string): FeedConfig[] {
  try {
    const feeds = JSON.parse(json) as FeedConfig[];
    if (!Array.isArray(feeds)) throw new Error('not an array');
    return feeds;
  } catch (err) {
    throw new ConfigurationError(`${ENV.feeds} is not a JSON array of feeds: ${(err as Error).message}`);
  }
}
