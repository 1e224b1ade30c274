/**
 * The digest planner, run by the schedule: enqueues the confirmed subscribers, 50 ids to a message,
 * for the senders (digest/plan.ts). Fails, so the scheduler retries and the DLQ and alarms see it,
 * only when the plan could not be made or sent.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { type DigestWork, planDigest } from '../digest/plan';
import { SqsWorkQueue } from '../queue/sqs-work-queue';
import { systemClock } from '../shared/clock';
import { ENV } from '../shared/names';
import { createDocumentClient } from '../store/client';
import { createDynamoStore } from '../store/dynamo';
import { requireEnv } from './env';
import { log } from './logger';
import { METRIC } from './metric-names';
import { count, observe } from './observability';

const store = createDynamoStore(createDocumentClient(), requireEnv(ENV.tableName));
const queue = new SqsWorkQueue<DigestWork>(new SQSClient({}), requireEnv(ENV.digestQueueUrl));

/**
 * The schedule passes the time the run was due, so a late retry still sends the digest of the day it
 * was due for, with the same windows; an explicit `date` (a manual invoke) wins.
 */
export interface DigestPlanEvent {
  date?: string;
  scheduledTime?: string;
}

export const handler = async (event: DigestPlanEvent = {}, context?: Context) =>
  observe(context, undefined, async () => {
    const plan = await planDigest(
      { subscribers: store.subscribers, queue, clock: systemClock, log },
      {
        timeZone: requireEnv(ENV.timeZone),
        ...(event.date ? { date: event.date } : {}),
        ...(event.scheduledTime ? { asOf: event.scheduledTime } : {}),
      },
    );
    count(METRIC.subscribersPlanned, plan.subscribers);
    return plan;
  });
