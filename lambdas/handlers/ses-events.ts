/**
 * SES bounce and complaint events, published by the configuration set to SNS (R32). Each SNS record
 * carries one SES event as JSON. A record that fails makes the invocation fail, so SNS's retries and
 * the on-failure destination keep it; handling is idempotent, so a retry is harmless.
 */
import type { Context, SNSEvent } from 'aws-lambda';
import { systemClock } from '../shared/clock';
import { ENV } from '../shared/names';
import { createDocumentClient } from '../store/client';
import { DynamoSubscriberStore, Table } from '../store/dynamo';
import { handleSesNotification } from '../subscribers/ses-notifications';
import { requireEnv } from './env';
import { log } from './logger';
import { METRIC } from './metric-names';
import { count, observe } from './observability';

// Only the store this function uses: the others' code stays out of its bundle.
const table = new Table(createDocumentClient(), requireEnv(ENV.tableName));
const store = { subscribers: new DynamoSubscriberStore(table) };

export class SesEventsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SesEventsError';
  }
}

export const handler = async (event: SNSEvent, context?: Context) =>
  observe(context, event.Records[0]?.Sns.MessageId, () => handle(event));

async function handle(event: SNSEvent) {
  const deps = { subscribers: store.subscribers, clock: systemClock, log };
  const failures: unknown[] = [];
  let changed = 0;
  for (const record of event.Records) {
    try {
      const result = await handleSesNotification(deps, record.Sns.Message);
      changed += result.changed.length;
      if (result.kind === 'permanent-bounce') count(METRIC.bounces, 1);
      if (result.kind === 'complaint') count(METRIC.complaints, 1);
      log.info('SES event handled', {
        kind: result.kind,
        changed: result.changed.length,
        unknown: result.unknown,
      });
    } catch (err) {
      log.error('SES event failed', { messageId: record.Sns.MessageId, error: (err as Error).message });
      failures.push(err);
    }
  }
  if (failures.length > 0) {
    throw new SesEventsError(`${failures.length} of ${event.Records.length} SES events failed`, {
      cause: failures[0],
    });
  }
  return { records: event.Records.length, changed };
}
