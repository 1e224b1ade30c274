/**
 * The digest sender: an SQS message of subscriber ids in, the digest use case over them, the
 * messages to retry out (ReportBatchItemFailures). It paces itself at its share of the SES rate, so
 * the event source's concurrency cap keeps the fleet under the account's rate (R34).
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { memoizedActorDays } from '../digest/baseline';
import { memoizedEditions } from '../digest/editions';
import { memoizedArticleWindows, sendDigestBatch } from '../digest/plan';
import type { Mailer } from '../mail/ports';
import { createSesClient } from '../mail/ses-client';
import { SesRawMailer } from '../mail/ses-mailer';
import { shareOfRate } from '../queue/sizing';
import { batchResponse, messagesOf, runIdOf } from '../queue/sqs-event';
import { systemClock } from '../shared/clock';
import { ENV } from '../shared/names';
import { createDocumentClient } from '../store/client';
import { createDynamoStore } from '../store/dynamo';
import { numberEnv, requireEnv } from './env';
import { log } from './logger';
import { METRIC } from './metric-names';
import { count, milliseconds, observe } from './observability';
import { tokenSecret } from './token-secret';

const store = createDynamoStore(createDocumentClient(), requireEnv(ENV.tableName));
// Per warm container: every message of a run reads the same article window and actor baseline.
const articles = memoizedActorDays(memoizedArticleWindows(store.articles));
// Per warm container: an edition stored by one message is not put again by the next.
const editions = memoizedEditions(store.editions);
const configurationSet = process.env[ENV.configurationSet] || undefined;
// One attempt (mail/ses-client.ts): the digest retries throttling itself, after releasing its
// claim, and reports an unknown outcome instead of sending twice (R33).
const ses = new SesRawMailer(createSesClient(), {
  configurationSet,
});
const dailyQuota = numberEnv(ENV.dailyQuota, 0);
const mailer: Mailer = {
  async send(message) {
    const started = performance.now();
    const sent = await ses.send(message);
    milliseconds(METRIC.sendLatency, performance.now() - started);
    return sent;
  },
};

export const handler = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
  const batch = messagesOf(event);
  return observe(context, runIdOf(batch), async () => {
    const result = await sendDigestBatch(
      {
        articles,
        subscribers: store.subscribers,
        sends: store.sends,
        editions,
        mailer,
        clock: systemClock,
        log,
        config: {
          senderAddress: requireEnv(ENV.senderAddress),
          senderName: requireEnv(ENV.senderName),
          postalAddress: requireEnv(ENV.postalAddress),
          publicBaseUrl: requireEnv(ENV.publicBaseUrl),
          timeZone: requireEnv(ENV.timeZone),
          tokenSecret: await tokenSecret(),
          configurationSet,
          dailyQuota: dailyQuota > 0 ? dailyQuota : undefined,
          sendRatePerSecond: shareOfRate(
            numberEnv(ENV.sendRatePerSecond, 1),
            numberEnv(ENV.senderConcurrency, 1),
          ),
        },
      },
      batch,
    );
    for (const r of result.reports) {
      count(METRIC.digestsSent, r.sent);
      count(METRIC.digestsSkipped, r.skipped);
      count(METRIC.digestsFailed, r.failed + r.uncertain);
      count(METRIC.digestsUncertain, r.uncertain);
    }
    log.info('digest batch finished', {
      messages: batch.length,
      sent: result.reports.reduce((s, r) => s + r.sent, 0),
      skipped: result.reports.reduce((s, r) => s + r.skipped, 0),
      failed: result.reports.reduce((s, r) => s + r.failed, 0),
      uncertain: result.reports.reduce((s, r) => s + r.uncertain, 0),
      retried: result.failedIds.length,
    });
    return batchResponse(result.failedIds);
  });
};
