/**
 * Every Lambda of the service goes through this wrapper, so runtime, architecture, bundling, logging
 * and the least-privilege role are decided once (after Powertools' FunctionWithLogGroup).
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PUBLIC_SUFFIX_CONSTANT, packPublicSuffixRules } from '../lambdas/feeds/public-suffix';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../lambdas/handlers/metric-names';
import { acknowledge } from './nag';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// esbuild's ESM output cannot `require()` Node built-ins for a bundled CommonJS module without this.
const ESM_REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module';const require = __createRequire(import.meta.url);";

/**
 * How every handler is bundled. Exported so `npm run bench -- bundles` builds each entry with exactly
 * these settings and measures what Lambda would load.
 */
export const LAMBDA_BUNDLING = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  target: 'es2022',
  minify: true,
  sourceMap: true,
  // Stack traces need the mappings, not the sources: a map without them is a fraction of the size,
  // and Node parses the whole map at start-up under --enable-source-maps.
  sourcesContent: false,
  banner: ESM_REQUIRE_SHIM,
  // The public suffix rules compiled in (brotli, base64: ~25 KiB), so no bundle carries tldts-icann's
  // 91 KiB trie; lambdas/feeds/public-suffix.ts reads them once on first use.
  define: { [PUBLIC_SUFFIX_CONSTANT]: JSON.stringify(packPublicSuffixRules()) },
  // The AWS SDK goes into the bundle: minified ESM loads in about half the CPU time of the runtime's
  // CommonJS copy (`npm run bench -- bundles`, BENCH_SDK=external to compare).
  bundleAwsSDK: true,
  esbuildArgs: {
    '--alias': [
      // One copy of `entities`: htmlparser2 uses the top-level one and dom-serializer nests an older
      // copy with the same functions (118 KiB each). An alias resolves from the project root.
      'entities=entities',
      // Credentials from the environment only, which Lambda always sets (env-credentials.ts).
      '@aws-sdk/credential-provider-node=./lambdas/shared/env-credentials.ts',
    ],
  },
} satisfies BundlingOptions;

/** The NODE_OPTIONS every function runs with. */
export const LAMBDA_NODE_OPTIONS = '--enable-source-maps';

export interface AppFunctionProps {
  /** Handler module relative to the project root, e.g. 'lambdas/handlers/ingest-worker.ts'. */
  readonly entry: string;
  /** Exported handler name. @default 'handler' */
  readonly handler?: string;
  /** @default 'one run of the service' (shown in the console) */
  readonly description?: string;
  /** MB; more memory also buys CPU. @default 512 */
  readonly memorySize?: number;
  /** @default Duration.minutes(1) */
  readonly timeout?: Duration;
  /** Added to NODE_OPTIONS=--enable-source-maps. @default {} */
  readonly environment?: Record<string, string>;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** What happens to the log group when the stack goes. @default RemovalPolicy.DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** Receives asynchronous invocations that failed after `retryAttempts` (R37). @default none */
  readonly onFailure?: lambda.IDestination;
  /** Lambda's own retries of a failed asynchronous invocation, 0-2. @default 0 */
  readonly retryAttempts?: number;
  /** Oldest asynchronous event Lambda still runs. @default Duration.hours(6) */
  readonly maxEventAge?: Duration;
  /**
   * X-Ray active tracing: Lambda records each invocation's segment (init, duration, errors). No X-Ray
   * SDK runs in the function: with batched reads and writes a worker makes tens of calls, not
   * hundreds, and the SDK cost ~70 KiB and cold-start time. @default false
   */
  readonly tracing?: boolean;
}

export class AppFunction extends Construct implements iam.IGrantable {
  readonly fn: NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;
  readonly grantPrincipal: iam.IPrincipal;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole, whose log actions are granted on "*" (R38).
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.role);
    this.grantPrincipal = this.role;

    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, props.entry),
      handler: props.handler ?? 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.minutes(1),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...props.environment,
      },
      tracing: props.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      onFailure: props.onFailure,
      retryAttempts: props.retryAttempts ?? 0,
      maxEventAge: props.maxEventAge ?? Duration.hours(6),
      bundling: LAMBDA_BUNDLING,
    });
    acknowledge(
      this.fn,
      'L1',
      'nodejs22.x is the runtime the service is built and tested for (Node 22 LTS, supported by Lambda until 2027); moving to a newer runtime is a tested change, not a synth-time default.',
    );
    if (props.tracing) {
      acknowledge(
        this.role,
        'IAM5[Resource::*]',
        'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions, so AWS requires Resource "*" for them; no other action is granted on "*".',
      );
    }
  }
}
