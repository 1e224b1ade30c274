/**
 * The embedded local DynamoDB: dynalite on a loopback port, in memory (tests) or kept under a folder
 * (`.local/dynamodb`, so the CLI's state survives between runs), with the table created if missing.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTableInput } from '../../lambdas/store/table-schema';

export interface LocalDynamo {
  endpoint: string;
  /** Requests served so far, by operation ("PutItem", "Query"...), for benches. */
  requests: Record<string, number>;
  stop(): Promise<void>;
}

/** Credentials and region for local endpoints, so no real AWS configuration is needed or used. */
export const LOCAL_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

export class StoreBusyError extends Error {
  constructor(path: string, pid: number) {
    super(
      `the embedded store ${path} is in use by another antiwar-digest command (pid ${pid}); stop it, ` +
        'or run a dynalite of your own and point every command at it with DYNAMODB_ENDPOINT',
    );
    this.name = 'StoreBusyError';
  }
}

/**
 * LevelDB lets one process open a folder; a second dynalite on it fails deep inside with "Database
 * is closed". A pid lock file turns that into a clear error, and a stale one (its process gone) is
 * taken over.
 */
function lockStore(path: string): () => void {
  const lock = `${path}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      const release = () => rmSync(lock, { force: true });
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(lock, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) throw new StoreBusyError(path, pid);
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`cannot lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function startDynalite(options: { path?: string } = {}): Promise<LocalDynamo> {
  let unlock = () => {};
  if (options.path) {
    mkdirSync(options.path, { recursive: true });
    unlock = lockStore(options.path);
  }
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const requests: Record<string, number> = {};
  server.on('request', (req: { headers: Record<string, string | string[] | undefined> }) => {
    const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
    requests[op] = (requests[op] ?? 0) + 1;
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          unlock();
          resolve();
        });
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
