/**
 * The embedded local DynamoDB: dynalite on a loopback port, in memory (tests) or kept under a folder
 * (`.local/dynamodb`, so the CLI's state survives between runs), with the table created if missing.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTableInput } from '../../lambdas/store/table-schema';

export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/** Credentials and region for local endpoints, so no real AWS configuration is needed or used. */
export const LOCAL_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

export async function startDynalite(options: { path?: string } = {}): Promise<LocalDynamo> {
  if (options.path) mkdirSync(options.path, { recursive: true });
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // dynalite keeps its leveldb open; closing the server is enough for a clean exit.
      }),
  };
}

/** Creates the table when it does not exist yet (local endpoints only). */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  const status = async () => {
    try {
      const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
      return out.Table?.TableStatus;
    } catch (err) {
      if ((err as { name?: string }).name === 'ResourceNotFoundException') return undefined;
      throw err;
    }
  };
  try {
    if ((await status()) === undefined) {
      try {
        await client.send(new CreateTableCommand(createTableInput(tableName)));
      } catch (createErr) {
        if ((createErr as { name?: string }).name !== 'ResourceInUseException') throw createErr;
      }
    }
    // A new table is usable once ACTIVE, which dynalite reaches within a few ticks.
    for (let i = 0; (await status()) !== 'ACTIVE'; i++) {
      if (i > 100) throw new Error(`table ${tableName} did not become ACTIVE`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    client.destroy();
  }
}
