/**
 * A digest run in a process of its own, for kill -9 tests: the store and SES named by the
 * environment, one message a second, and a line on stdout each time it waits for a pacing slot, so
 * the test can kill it at a known point.
 *   DYNAMODB_ENDPOINT, TABLE_NAME, SES_ENDPOINT, DIGEST_DATE, DIGEST_NOW
 */
import { LOCAL_AWS } from '../../bin/local/dynamo';
import { runDigest } from '../../lambdas/digest/run-digest';
import { createSesClient } from '../../lambdas/mail/ses-client';
import { SesRawMailer } from '../../lambdas/mail/ses-mailer';
import { fixedClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import { createDocumentClient } from '../../lambdas/store/client';
import { createDynamoStore } from '../../lambdas/store/dynamo';
import { digestConfig } from '../unit/digest/fixtures';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

const store = createDynamoStore(
  createDocumentClient({ ...LOCAL_AWS, endpoint: env('DYNAMODB_ENDPOINT') }),
  env('TABLE_NAME'),
);
const report = await runDigest(
  {
    ...store,
    mailer: new SesRawMailer(createSesClient({ ...LOCAL_AWS, endpoint: env('SES_ENDPOINT') })),
    clock: fixedClock(env('DIGEST_NOW')),
    log: silentLog,
    config: digestConfig({ sendRatePerSecond: 1 }),
    sleep: (ms) => {
      process.stdout.write('pacing\n');
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
  },
  { date: env('DIGEST_DATE') },
);
process.stdout.write(`${JSON.stringify(report)}\n`);
