/**
 * Builds what the command-line tools need from the environment (CLI.md "Where it reads and writes"):
 * the store (DYNAMODB_ENDPOINT, a deployed stack's table, or the embedded dynalite under .local/),
 * the mailer (SES_ENDPOINT, real SES for a stack, or the .local/outbox folder), the token secret and
 * the deploy configuration from cdk.json.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OutboxMailer } from '../../lambdas/mail/outbox-mailer';
import type { Mailer } from '../../lambdas/mail/ports';
import { DEFAULT_TABLE_NAME, ENV } from '../../lambdas/shared/names';
import { createDocumentClient } from '../../lambdas/store/client';
import { createDynamoStore } from '../../lambdas/store/dynamo';
import type { Store } from '../../lambdas/store/ports';
import { type DeployConfig, loadConfig, STACK_OUTPUT } from '../../lib/config';
import { ensureTable, LOCAL_AWS, StoreBusyError, startDynalite } from './dynamo';
import { quietSdkNodeNotice } from './sdk-notice';

export interface Runtime {
  store: Store;
  mailer: Mailer;
  config: DeployConfig;
  tokenSecret: string;
  /** Where the store lives, for messages: "embedded (.local/dynamodb)", an endpoint, or a table. */
  storeDescription: string;
  /** Set when messages go to the outbox folder instead of SES. */
  outboxDir?: string;
  allowPrivateNetwork: boolean;
  close(): Promise<void>;
}

export class RuntimeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuntimeError';
  }
}

export interface RuntimeOptions {
  /** Working directory holding cdk.json and .local/. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** A deployed stack whose table, secret and SES configuration set are used (real AWS credentials). */
  stack?: string;
}

export function readDeployConfig(cwd: string): DeployConfig {
  const path = join(cwd, 'cdk.json');
  const context = existsSync(path)
    ? ((JSON.parse(readFileSync(path, 'utf8')) as { context?: Record<string, unknown> }).context ?? {})
    : {};
  return loadConfig(context);
}

export async function openRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  quietSdkNodeNotice();
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const config = readDeployConfig(cwd);
  const localDir = join(cwd, '.local');
  const closers: (() => Promise<void> | void)[] = [];
  if (env[ENV.publicBaseUrl]) config.publicBaseUrl = env[ENV.publicBaseUrl]!.replace(/\/+$/, '');

  let tableName = env[ENV.tableName] || DEFAULT_TABLE_NAME;
  let store: Store;
  let storeDescription: string;
  let mailer: Mailer;
  let outboxDir: string | undefined;
  let tokenSecret: string;

  if (options.stack) {
    // Loaded only for a deployed stack: a local command never pays for these clients.
    const [{ GetSecretValueCommand, SecretsManagerClient }, { createSesClient }, { SesRawMailer }] =
      await Promise.all([
        import('@aws-sdk/client-secrets-manager'),
        import('../../lambdas/mail/ses-client'),
        import('../../lambdas/mail/ses-mailer'),
      ]);
    const outputs = await stackOutputs(options.stack);
    tableName = required(outputs, STACK_OUTPUT.tableName, options.stack);
    const doc = createDocumentClient();
    closers.push(() => doc.destroy());
    store = createDynamoStore(doc, tableName);
    storeDescription = `table ${tableName} of stack ${options.stack}`;
    const secrets = new SecretsManagerClient({});
    const secret = await secrets.send(
      new GetSecretValueCommand({ SecretId: required(outputs, STACK_OUTPUT.tokenSecretName, options.stack) }),
    );
    secrets.destroy();
    tokenSecret = secret.SecretString ?? '';
    const ses = createSesClient();
    closers.push(() => ses.destroy());
    mailer = new SesRawMailer(ses, { configurationSet: outputs[STACK_OUTPUT.configurationSetName] });
  } else {
    let endpoint = env[ENV.dynamodbEndpoint];
    if (endpoint) {
      storeDescription = `${endpoint}, table ${tableName}`;
    } else {
      const path = join(localDir, 'dynamodb');
      const dyn = await startDynalite({ path }).catch((err) => {
        if (err instanceof StoreBusyError) throw err;
        throw new RuntimeError(`cannot open the embedded store under ${path}`, { cause: err });
      });
      closers.push(() => dyn.stop());
      endpoint = dyn.endpoint;
      storeDescription = `embedded dynalite in ${path}`;
    }
    const clientConfig = env.AWS_ACCESS_KEY_ID ? { endpoint } : { ...LOCAL_AWS, endpoint };
    await ensureTable(endpoint, tableName).catch((err) => {
      throw new RuntimeError(`the DynamoDB endpoint ${endpoint} is unreachable or refused the table`, {
        cause: err,
      });
    });
    const doc = createDocumentClient(clientConfig);
    closers.push(() => doc.destroy());
    store = createDynamoStore(doc, tableName);

    const sesEndpoint = env[ENV.sesEndpoint];
    if (sesEndpoint) {
      // One attempt per SES call (mail/ses-client.ts): a retried 5xx could deliver twice.
      const [{ createSesClient }, { SesRawMailer }] = await Promise.all([
        import('../../lambdas/mail/ses-client'),
        import('../../lambdas/mail/ses-mailer'),
      ]);
      const ses = createSesClient(
        env.AWS_ACCESS_KEY_ID ? { endpoint: sesEndpoint } : { ...LOCAL_AWS, endpoint: sesEndpoint },
      );
      closers.push(() => ses.destroy());
      mailer = new SesRawMailer(ses, { configurationSet: env[ENV.configurationSet] });
    } else {
      outboxDir = join(localDir, 'outbox');
      mailer = new OutboxMailer(outboxDir);
    }
    tokenSecret = localTokenSecret(localDir);
  }

  const allowPrivateNetwork = env[ENV.allowPrivateNetwork] === '1' || env[ENV.allowPrivateNetwork] === 'true';
  return {
    store,
    mailer,
    config,
    tokenSecret,
    storeDescription,
    outboxDir,
    allowPrivateNetwork,
    close: async () => {
      for (const close of closers.reverse()) await close();
    },
  };
}

/** The local link-signing key: created once under .local/ and kept, so old links keep working. */
function localTokenSecret(localDir: string): string {
  const path = join(localDir, 'token-secret');
  if (!existsSync(path)) {
    mkdirSync(localDir, { recursive: true });
    writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(path, 'utf8').trim();
}

async function stackOutputs(stack: string): Promise<Record<string, string>> {
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const cfn = new CloudFormationClient({});
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stack }));
    const outputs = out.Stacks?.[0]?.Outputs ?? [];
    return Object.fromEntries(outputs.map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } catch (err) {
    throw new RuntimeError(`cannot read the outputs of stack ${stack} (are AWS credentials set?)`, {
      cause: err,
    });
  } finally {
    cfn.destroy();
  }
}

function required(outputs: Record<string, string>, key: string, stack: string): string {
  const v = outputs[key];
  if (!v) throw new RuntimeError(`stack ${stack} has no output ${key}`);
  return v;
}
