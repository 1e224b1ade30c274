/**
 * The daily digest. Composition root only: digest/run-digest.ts does the work. The invocation fails
 * when any recipient failed, so the scheduler's retry runs again; the send ledger makes the retry
 * send only what was not sent (R33).
 */
import { SESClient } from '@aws-sdk/client-ses';
import { runDigest } from '../digest/run-digest';
import { dateIn } from '../digest/window';
import { SesRawMailer } from '../mail/ses-mailer';
import { createDocumentClient } from '../store/client';
import { createDynamoStore } from '../store/dynamo';
import { systemClock } from '../shared/clock';
import { ENV } from '../shared/names';
import { numberEnv, requireEnv } from './env';
import { log } from './logger';
import { tokenSecret } from './token-secret';

const store = createDynamoStore(createDocumentClient(), requireEnv(ENV.tableName));
const configurationSet = process.env[ENV.configurationSet] || undefined;
const mailer = new SesRawMailer(new SESClient({}), { configurationSet });

export class DigestRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DigestRunError';
  }
}

/**
 * The schedule passes the time the run was due, so a late retry still sends the digest of the day it
 * was due for; an explicit `date` (a manual invoke) wins.
 */
export interface DigestEvent {
  date?: string;
  scheduledTime?: string;
}

export const handler = async (event: DigestEvent = {}) => {
  const timeZone = requireEnv(ENV.timeZone);
  const date = event.date ?? (event.scheduledTime ? dateIn(new Date(event.scheduledTime), timeZone) : undefined);
  const report = await runDigest(
    {
      articles: store.articles,
      subscribers: store.subscribers,
      sends: store.sends,
      mailer,
      clock: systemClock,
      log,
      config: {
        senderAddress: requireEnv(ENV.senderAddress),
        senderName: requireEnv(ENV.senderName),
        postalAddress: requireEnv(ENV.postalAddress),
        publicBaseUrl: requireEnv(ENV.publicBaseUrl),
        timeZone,
        tokenSecret: await tokenSecret(),
        configurationSet,
        sendRatePerSecond: numberEnv(ENV.sendRatePerSecond, 1),
      },
    },
    { date },
  );
  log.info('digest run finished', { ...report, previews: undefined });
  if (report.failed > 0) throw new DigestRunError(`${report.failed} of ${report.subscribers} digests failed`);
  return { date: report.date, subscribers: report.subscribers, sent: report.sent, skipped: report.skipped };
};
