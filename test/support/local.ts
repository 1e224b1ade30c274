/** Real local servers for integration tests, each on a free loopback port. */

import { ensureTable, LOCAL_AWS, startDynalite } from '../../bin/local/dynamo';
import { startWebServer, type WebServer } from '../../bin/local/web-server';
import type { Mailer } from '../../lambdas/mail/ports';
import { systemClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import { ENV } from '../../lambdas/shared/names';
import { createDocumentClient } from '../../lambdas/store/client';
import { createDynamoStore } from '../../lambdas/store/dynamo';
import type { Store } from '../../lambdas/store/ports';
import { createWebApp, type WebAppDeps } from '../../lambdas/web/app';

export { type LocalSes, startLocalSes } from '../../bin/local/ses';

export interface TestDynamo {
  endpoint: string;
  tableName: string;
  store: Store;
  stop(): Promise<void>;
}

/** An in-memory dynalite with the table created and the DynamoDB store adapters bound to it. */
export async function startLocalDynamo(tableName = 'antiwar-digest-test'): Promise<TestDynamo> {
  const dyn = await startDynalite();
  await ensureTable(dyn.endpoint, tableName);
  const doc = createDocumentClient({ ...LOCAL_AWS, endpoint: dyn.endpoint });
  return {
    endpoint: dyn.endpoint,
    tableName,
    store: createDynamoStore(doc, tableName),
    stop: async () => {
      doc.destroy();
      await dyn.stop();
    },
  };
}

/**
 * The environment a Lambda handler reads at module scope, pointed at local servers. The SDK takes
 * service-specific endpoints from AWS_ENDPOINT_URL_<SERVICE>, so the handlers' own clients need no
 * test seam. Set it before importing a handler.
 */
export function localLambdaEnv(dynamo: TestDynamo, sesEndpoint: string): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SES: sesEndpoint,
    [ENV.tableName]: dynamo.tableName,
    [ENV.publicBaseUrl]: 'https://digest.example.org',
    [ENV.senderAddress]: 'digest@example.org',
    [ENV.senderName]: 'Antiwar Digest',
    [ENV.postalAddress]: '1 Peace Street, Springfield',
    [ENV.timeZone]: 'America/New_York',
    [ENV.tokenSecretParameter]: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:link-key',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
}

/**
 * The web app over a test table, on a loopback port: what the race and crash tests send their
 * concurrent requests to. `ipLimit` is passed through (raise it for tests that send many).
 */
export function startWebAppOn(
  dynamo: TestDynamo,
  options: { secret: string; mailer: Mailer; ipLimit?: WebAppDeps['ipLimit'] },
): Promise<WebServer> {
  return startWebServer({
    port: 0,
    app: createWebApp({
      subscribers: dynamo.store.subscribers,
      sends: dynamo.store.sends,
      limits: dynamo.store.limits,
      mailer: options.mailer,
      clock: systemClock,
      log: silentLog,
      config: {
        publicBaseUrl: 'http://placeholder',
        tokenSecret: options.secret,
        senderAddress: 'digest@example.org',
        senderName: 'Antiwar Digest',
        postalAddress: '1 Peace Street, Springfield',
        defaultTimeZone: 'UTC',
      },
      ...(options.ipLimit ? { ipLimit: options.ipLimit } : {}),
    }),
  });
}
