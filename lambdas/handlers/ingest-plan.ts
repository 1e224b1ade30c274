/**
 * The ingestion planner, run by the schedule: enqueues the feeds due, one message per feed, for the
 * workers (feeds/plan.ts). Fails, so the scheduler retries and the DLQ and alarms see it, only when
 * the plan could not be made or sent; a retry enqueues nothing twice (FIFO deduplication).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { type FeedWork, planIngestion } from '../feeds/planner';
import { SqsWorkQueue } from '../queue/sqs-work-queue';
import { systemClock } from '../shared/clock';
import { ENV } from '../shared/names';
import type { FeedConfig } from '../shared/types';
import { createDocumentClient } from '../store/client';
import { DynamoFeedStateStore, Table } from '../store/dynamo';
import { ConfigurationError, requireEnv } from './env';
import { log } from './logger';
import { METRIC } from './metric-names';
import { count, observe } from './observability';

// Only the store this function uses: the others' code stays out of its bundle.
const table = new Table(createDocumentClient(), requireEnv(ENV.tableName));
const store = { feeds: new DynamoFeedStateStore(table) };
const queue = new SqsWorkQueue<FeedWork>(new SQSClient({}), requireEnv(ENV.ingestQueueUrl));
const feeds = parseFeeds(requireEnv(ENV.feeds));

/** What the schedule sends; a manual invoke may send nothing. */
export interface IngestPlanEvent {
  scheduledTime?: string;
}

export const handler = async (event: IngestPlanEvent = {}, context?: Context) => {
  const runId = `ingest:${event.scheduledTime ?? context?.awsRequestId ?? systemClock.now().toISOString()}`;
  return observe(context, runId, async () => {
    const plan = await planIngestion({ feeds: store.feeds, queue, clock: systemClock, log }, feeds, runId);
    count(METRIC.feedsPlanned, plan.enqueued);
    return plan;
  });
};

function parseFeeds(json: string): FeedConfig[] {
  try {
    const list = JSON.parse(json) as FeedConfig[];
    if (!Array.isArray(list)) throw new Error('not an array');
    return list;
  } catch (err) {
    throw new ConfigurationError(`${ENV.feeds} is not a JSON array of feeds: ${(err as Error).message}`);
  }
}
