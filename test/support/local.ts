/** Real local servers for integration tests, each on a free loopback port. */

import { ensureTable, LOCAL_AWS, startDynalite } from '../../bin/local/dynamo';
import { createDocumentClient } from '../../lambdas/store/client';
import { createDynamoStore } from '../../lambdas/store/dynamo';
import type { Store } from '../../lambdas/store/ports';

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
