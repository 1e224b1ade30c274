/**
 * The digest planner. The hourly schedule passes its scheduled time: the planner enqueues the
 * subscribers whose delivery hour it is in their own zone (digest/plan.ts planDelivery). An
 * operator's manual invoke with {"date"} enqueues every confirmed subscriber for that date (a
 * rerun; the ledger sends nothing twice). Fails, so the scheduler retries and the DLQ and alarms see
 * it, only when the plan could not be made or sent.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { type DigestWork, planDelivery, planDigest } from '../digest/plan';
import { SqsWorkQueue } from '../queue/sqs-work-queue';
import { systemClock } from '../shared/clock';
import { ENV } from '../shared/names';
import { createDocumentClient } from '../store/client';
import { DynamoSubscriberStore, Table } from '../store/dynamo';
import { requireEnv } from './env';
import { log } from './logger';
import { METRIC } from './metric-names';
import { count, observe } from './observability';

// Only the store this function uses: the others' code stays out of its bundle.
const table = new Table(createDocumentClient(), requireEnv(ENV.tableName));
const store = { subscribers: new DynamoSubscriberStore(table) };
const queue = new SqsWorkQueue<DigestWork>(new SQSClient({}), requireEnv(ENV.digestQueueUrl));

/**
 * `scheduledTime`: the instant the schedule was due, so a late retry plans the same hour. `date`:
 * a manual rerun of one date for everyone.
 */
export interface DigestPlanEvent {
  date?: string;
  scheduledTime?: string;
}

export const handler = async (event: DigestPlanEvent = {}, context?: Context) =>
  observe(context, undefined, async () => {
    const timeZone = requireEnv(ENV.timeZone);
    const deps = { subscribers: store.subscribers, queue, clock: systemClock, log };
    const plan = event.date
      ? await planDigest(deps, { timeZone, date: event.date })
      : await planDelivery(deps, { timeZone, ...(event.scheduledTime ? { at: event.scheduledTime } : {}) });
    count(METRIC.subscribersPlanned, plan.subscribers);
    return plan;
  });
