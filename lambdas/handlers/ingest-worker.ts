/**
 * The ingestion worker: an SQS batch of feeds in, the ingest use case over them, the messages to
 * retry out (ReportBatchItemFailures). A feed's own failure is not a message failure: the feed's
 * state already holds its backoff (R13); only what could not be stored is retried, then dead-lettered.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { analyze } from '../analysis';
import { cachingRecentArticles, countingClusters, ingestBatch, ingestCounts } from '../feeds/plan';
import { batchResponse, messagesOf, runIdOf } from '../queue/sqs-event';
import { systemClock } from '../shared/clock';
import { ENV } from '../shared/names';
import { createDocumentClient } from '../store/client';
import { DynamoArticleStore, DynamoFeedStateStore, Table } from '../store/dynamo';
import { requireEnv } from './env';
import { log } from './logger';
import { METRIC } from './metric-names';
import { count, countErrorKind, observe } from './observability';

// Only the stores ingestion uses, so the bundle leaves out the subscriber and send stores' code.
const table = new Table(createDocumentClient(), requireEnv(ENV.tableName));
const store = { articles: new DynamoArticleStore(table), feeds: new DynamoFeedStateStore(table) };
// Per warm container: the story-matching window is read once, then only topped up.
const articles = countingClusters(cachingRecentArticles(store.articles), () =>
  count(METRIC.storiesClustered, 1),
);
const allowPrivateNetwork = ['1', 'true'].includes(process.env[ENV.allowPrivateNetwork] ?? '');

export const handler = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
  const batch = messagesOf(event);
  return observe(context, runIdOf(batch), async () => {
    const result = await ingestBatch(
      {
        articles,
        feeds: store.feeds,
        analyze,
        clock: systemClock,
        log,
        metrics: { count },
        options: { allowPrivateNetwork },
      },
      batch,
    );
    const c = ingestCounts(result.report);
    count(METRIC.feedsAttempted, c.attempted);
    count(METRIC.feedsFetched, c.fetched);
    count(METRIC.feedsNotModified, c.notModified);
    count(METRIC.feedsNotStored, c.notStored);
    for (const [kind, n] of Object.entries(c.byErrorKind)) countErrorKind(kind, n);
    log.info('ingestion batch finished', {
      messages: batch.length,
      ...c,
      byErrorKind: undefined,
      newArticles: result.report.articles.new,
      updatedArticles: result.report.articles.updated,
      retried: result.failedIds.length,
    });
    return batchResponse(result.failedIds);
  });
};
