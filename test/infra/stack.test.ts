import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEEDS } from '../../lambdas/feeds/default-feeds';
import { LEAN_METRICS, METRIC, METRICS_NAMESPACE, SERVICE_NAME } from '../../lambdas/handlers/metric-names';
import { ENV } from '../../lambdas/shared/names';
import { ITEM_FAMILIES, type ItemFamily, keys } from '../../lambdas/store/keys';
import { GLOBAL_INDEXES, PRIMARY_KEY, TTL_ATTRIBUTE } from '../../lambdas/store/table-schema';
import { loadConfig, STACK_NAME, STACK_OUTPUT } from '../../lib/config';
import { AntiwarDigestStack } from '../../lib/stack';

const cdkJsonContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;

/**
 * Synthesises the stack the way bin/app.ts does, with cdk.json's context and feature flags and the
 * cdk-nag plugin, so an unacknowledged finding fails every synth here as it fails `cdk synth`.
 * Bundling is skipped (no stack matches 'aws:cdk:bundling-stacks'): `npm run synth` exercises it.
 */
function synthApp(overrides: Record<string, unknown> = {}): {
  t: Template;
  app: App;
  stack: AntiwarDigestStack;
} {
  const context = { ...cdkJsonContext, ...overrides, 'aws:cdk:bundling-stacks': [] };
  const app = new App({ context });
  const stack = new AntiwarDigestStack(app, STACK_NAME, { config: loadConfig(context) });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { t: Template.fromStack(stack), app, stack };
}

/** Every cdk-nag acknowledgement in the tree: where, which finding, why. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: the template JSON that Template.findResources returns is untyped
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json>; DeletionPolicy?: string };
type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Json>;
};

/** Queue logical ids as deployed: a change here replaces a queue (and drops what it holds). */
const STATEFUL_QUEUE_IDS = [
  'DigestDeliveryDeadLetterQueueC35C0FD1',
  'DigestDeliveryWorkDeadLetterQueue5AAE2DB0',
  'DigestDeliveryWorkQueue7943EB72',
  'IngestionDeadLetterQueueEB97306D',
  'IngestionWorkDeadLetterQueue6F1AE55C',
  'IngestionWorkQueue2113AE49',
  'SubscriptionsDeadLetterQueue190449B8',
];

const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** The logical id of the function whose environment carries `envName`. */
function functionWithEnv(t: Template, envName: string): [string, Resource] {
  const found = Object.entries(t.findResources('AWS::Lambda::Function')).filter(
    ([, r]) => envName in (r.Properties.Environment?.Variables ?? {}),
  );
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

/** The function consuming the queue whose logical id starts with `queuePrefix`, and its event source. */
function consumerOf(t: Template, queuePrefix: string): [string, Resource] {
  const found = Object.values(t.findResources('AWS::Lambda::EventSourceMapping')).filter((m) =>
    String(m.Properties.EventSourceArn?.['Fn::GetAtt']?.[0]).startsWith(queuePrefix),
  );
  expect(found).toHaveLength(1);
  return [found[0]!.Properties.FunctionName.Ref, found[0] as Resource];
}

/** Every statement of every identity policy attached to the function's role, inline or managed. */
function roleStatements(t: Template, functionId: string): Statement[] {
  const fn = t.findResources('AWS::Lambda::Function')[functionId] as Resource;
  const roleId: string = fn.Properties.Role['Fn::GetAtt'][0];
  const role = t.findResources('AWS::IAM::Role')[roleId] as Resource;
  expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
  const inline = (role.Properties.Policies ?? []).flatMap((p: Json) => p.PolicyDocument.Statement);
  const attached = Object.values(t.findResources('AWS::IAM::Policy'))
    .filter((p) => asList(p.Properties.Roles).some((r: Json) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
  return [...inline, ...attached];
}

const actionsOf = (statements: Statement[]) => statements.flatMap((s) => asList(s.Action));

const NOW_ISO = '2026-11-27T06:00:00.000Z';

/** The logical id of the one function whose description matches. */
function functionWithDescription(t: Template, description: RegExp): string {
  const found = Object.entries(t.findResources('AWS::Lambda::Function')).filter(([, r]) =>
    description.test(String(r.Properties.Description ?? '')),
  );
  expect(found).toHaveLength(1);
  return found[0]![0];
}

/** IAM's StringLike: "*" matches any run of characters, "?" any one. */
function likeMatch(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

/** A statement's resources as "table" or "table/index/NAME" (the table's ARN, resolved symbolically). */
function symbolicResources(s: Statement): string[] {
  return asList(s.Resource as Json).map((r: Json) => {
    if (r?.['Fn::GetAtt']?.[1] === 'Arn' && String(r['Fn::GetAtt'][0]).startsWith('StorageTable'))
      return 'table';
    const parts: Json[] | undefined = r?.['Fn::Join']?.[1];
    if (parts && String(parts[0]?.['Fn::GetAtt']?.[0]).startsWith('StorageTable'))
      return `table${parts.slice(1).join('')}`;
    return JSON.stringify(r);
  });
}

/**
 * Whether the Allow statements grant `action` on `resource` to a request whose partition keys are
 * `leadingKeys` (empty for a Scan). Evaluates the two condition operators the policies use, as IAM
 * does: ForAllValues is true for an empty set, Null:false demands the key; any other operator fails.
 */
function allows(statements: Statement[], action: string, resource: string, leadingKeys: string[]): boolean {
  return statements.some((s) => {
    if (s.Effect !== 'Allow') return false;
    if (!asList(s.Action).some((a) => likeMatch(a, action))) return false;
    if (!symbolicResources(s).some((r) => likeMatch(r, resource))) return false;
    return Object.entries(s.Condition ?? {}).every(([operator, test]: [string, Json]) => {
      const patterns: string[] | undefined = test['dynamodb:LeadingKeys'];
      if (operator === 'ForAllValues:StringLike' && patterns) {
        return leadingKeys.every((k) => asList(patterns).some((p) => likeMatch(p, k)));
      }
      if (operator === 'Null' && test['dynamodb:LeadingKeys'] === 'false') return leadingKeys.length > 0;
      return false;
    });
  });
}

describe('AntiwarDigestStack (dev defaults)', () => {
  let t: Template;
  let app: App;
  let devStack: AntiwarDigestStack;
  let ingestId: string;
  let workerId: string;
  let digestPlannerId: string;
  let digestId: string;
  beforeAll(() => {
    ({ t, app, stack: devStack } = synthApp());
    ingestId = functionWithEnv(t, ENV.feeds)[0];
    workerId = consumerOf(t, 'IngestionWorkQueue')[0];
    digestPlannerId = functionWithEnv(t, ENV.digestQueueUrl)[0];
    digestId = functionWithEnv(t, ENV.sendRatePerSecond)[0];
  });

  it('runs ingestion every 30 minutes with a retry policy and a dead-letter queue', () => {
    const dlq = new Capture();
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(30 minutes)',
      Target: {
        Arn: { 'Fn::GetAtt': [ingestId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 900 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
      },
    });
    expect(t.findResources('AWS::SQS::Queue')[dlq.asString()]).toBeDefined();
  });

  it('plans the digest every hour on the hour in UTC, with a retry policy and a dead-letter queue', () => {
    const dlq = new Capture();
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 * * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      Target: {
        Arn: { 'Fn::GetAtt': [digestPlannerId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: Match.anyValue(), MaximumEventAgeInSeconds: Match.anyValue() },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
        Input: Match.serializedJson(Match.objectLike({ scheduledTime: '<aws.scheduler.scheduled-time>' })),
      },
    });
    expect(t.findResources('AWS::SQS::Queue')[dlq.asString()]).toBeDefined();
  });

  it('sends failed asynchronous runs of both planners to a queue after retries', () => {
    for (const [fn, retries] of [
      [ingestId, 2],
      [digestPlannerId, 2],
    ] as const) {
      const queue = new Capture();
      t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: fn },
        MaximumRetryAttempts: retries,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
      });
      expect(t.findResources('AWS::SQS::Queue')[queue.asString()]).toBeDefined();
    }
  });

  it('encrypts every queue and refuses non-TLS access to it', () => {
    const queues = t.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues).length).toBeGreaterThan(0);
    for (const [id, q] of Object.entries(queues)) {
      expect(q.Properties.SqsManagedSseEnabled ?? q.Properties.KmsMasterKeyId).toBeTruthy();
      t.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('builds the table from table-schema.ts with on-demand billing, PITR and TTL', () => {
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: PRIMARY_KEY.partition, KeyType: 'HASH' },
        { AttributeName: PRIMARY_KEY.sort, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: GLOBAL_INDEXES.map((g) => ({
        IndexName: g.name,
        KeySchema: [
          { AttributeName: g.partition, KeyType: 'HASH' },
          { AttributeName: g.sort, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });

  it('lets the dev table be deleted with the stack', () => {
    t.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
  });

  it('runs both functions on nodejs22.x arm64 with source maps and their own log group', () => {
    for (const id of [ingestId, digestId]) {
      const fn = t.findResources('AWS::Lambda::Function')[id] as Resource;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
      });
      const group = t.findResources('AWS::Logs::LogGroup')[fn.Properties.LoggingConfig.LogGroup.Ref];
      expect(group?.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('gives ingestion its table and feeds, and keeps private networks closed by default', () => {
    const [, fn] = functionWithEnv(t, ENV.feeds);
    const vars = fn.Properties.Environment.Variables;
    expect(vars[ENV.tableName]).toEqual({ Ref: expect.stringMatching(/^StorageTable/) });
    expect(JSON.parse(vars[ENV.feeds])).toEqual(DEFAULT_FEEDS);
    expect(vars[ENV.allowPrivateNetwork]).toBeUndefined();
  });

  it('gives the digest function every setting it reads', () => {
    const [, fn] = functionWithEnv(t, ENV.sendRatePerSecond);
    const vars = fn.Properties.Environment.Variables;
    for (const name of [
      ENV.tableName,
      ENV.senderName,
      ENV.postalAddress,
      ENV.publicBaseUrl,
      ENV.configurationSet,
      ENV.tokenSecretParameter,
    ]) {
      expect(vars[name], name).toBeDefined();
    }
    expect(vars[ENV.timeZone]).toBe('America/New_York');
    expect(vars[ENV.sendRatePerSecond]).toBe('1');
    expect(vars[ENV.tokenSecretParameter]).toEqual({ Ref: expect.stringMatching(/^LinkTokenSecret/) });
  });

  it('does not let the ingestion planner or worker send mail or read the link-signing key', () => {
    expect(actionsOf(roleStatements(t, workerId))).toContain('dynamodb:PutItem');
    expect(actionsOf(roleStatements(t, ingestId))).toContain('sqs:SendMessage');
    for (const id of [ingestId, workerId]) {
      const actions = actionsOf(roleStatements(t, id));
      expect(actions.filter((a) => a.toLowerCase().startsWith('ses:'))).toEqual([]);
      expect(actions.filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
    }
  });

  it('scopes SendRawEmail to the sender identity, the configuration set and the From address', () => {
    const send = roleStatements(t, digestId).filter((s) => asList(s.Action).includes('ses:SendRawEmail'));
    expect(send).toHaveLength(1);
    const [statement] = send;
    expect(asList(statement!.Action)).toEqual(['ses:SendRawEmail']);
    const resources = JSON.stringify(statement!.Resource);
    expect(resources).not.toContain('"*"');
    const identityId = Object.keys(t.findResources('AWS::SES::EmailIdentity'))[0]!;
    const configSetId = Object.keys(t.findResources('AWS::SES::ConfigurationSet'))[0]!;
    expect(resources).toMatch(new RegExp(`:identity/",\\{"Ref":"${identityId}"`));
    expect(resources).toMatch(new RegExp(`:configuration-set/",\\{"Ref":"${configSetId}"`));
    expect(statement!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'digest@example.com' } });
  });

  it('lets the digest sender update only its send records and store editions, never a subscriber or article', () => {
    const sender = roleStatements(t, digestId);
    expect(allows(sender, 'dynamodb:UpdateItem', 'table', ['M#2026-11-27'])).toBe(true);
    expect(allows(sender, 'dynamodb:BatchGetItem', 'table', ['U#s1', 'M#2026-11-27'])).toBe(true);
    expect(allows(sender, 'dynamodb:PutItem', 'table', ['ED#2026-11-27'])).toBe(true);
    expect(allows(sender, 'dynamodb:PutItem', 'table', ['EDATES'])).toBe(true);
    // A settled day's actor totals: read, and kept by the first sender to count the day.
    expect(allows(sender, 'dynamodb:BatchGetItem', 'table', ['ADT#2026-11-26'])).toBe(true);
    expect(allows(sender, 'dynamodb:PutItem', 'table', ['ADT#2026-11-26'])).toBe(true);
    expect(allows(sender, 'dynamodb:PutItem', 'table', ['AD#2026-11-26'])).toBe(false);
    expect(allows(sender, 'dynamodb:UpdateItem', 'table', ['U#s1'])).toBe(false);
    expect(allows(sender, 'dynamodb:PutItem', 'table', ['U#s1'])).toBe(false);
    expect(allows(sender, 'dynamodb:DeleteItem', 'table', ['U#s1'])).toBe(false);
    expect(allows(sender, 'dynamodb:PutItem', 'table', ['A#a1'])).toBe(false);
    expect(allows(sender, 'dynamodb:UpdateItem', 'table', ['E#reader@example.org'])).toBe(false);
    expect(allows(sender, 'dynamodb:Query', 'table/index/GSI1', ['D#2026-11-27'])).toBe(true);
  });

  it('grants no wildcard action and no wildcard resource in any identity policy', () => {
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Statement[],
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      for (const a of asList(s.Action)) expect(a).not.toMatch(/^(\*|ses:\*|dynamodb:\*)$/);
      // X-Ray's two write actions have no resource-level permissions: "*" is AWS's only option.
      const xray = asList(s.Action).every((a) =>
        ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'].includes(a),
      );
      if (!xray) expect(asList(s.Resource)).not.toContain('*');
    }
  });

  it('verifies the sender address as an SES identity with the configuration set', () => {
    t.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'digest@example.com',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Match.anyValue() } },
    });
  });

  it('exports the names the CLI and operators look up', () => {
    for (const key of Object.values(STACK_OUTPUT)) t.hasOutput(key, { Value: Match.anyValue() });
  });

  it('has no unacknowledged cdk-nag AwsSolutions finding', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
      [],
    );
  });

  it('acknowledges only the expected cdk-nag findings, each on its resource with a reason', () => {
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    const expected = [
      /^AwsSolutions-SMG4$/,
      /^AwsSolutions-SQS3$/,
      /^AwsSolutions-L1$/,
      /^AwsSolutions-APIG4$/,
      /^AwsSolutions-SNS2$/,
      /^AwsSolutions-IAM5\[Resource::<\w+Function[0-9A-F]{8}\.Arn>:\*\]$/,
      /^AwsSolutions-IAM5\[Resource::\*\]$/,
    ];
    for (const a of acks) {
      expect(
        expected.some((re) => re.test(a.id)),
        a.id,
      ).toBe(true);
      expect(a.reason.length, `${a.id} at ${a.path}`).toBeGreaterThan(60);
      // Only the scheduler roles, which CDK creates at stack level, are acknowledged there.
      if (a.path === STACK_NAME) expect(a.id).toMatch(/Function[0-9A-F]{8}\.Arn>:\*\]$/);
    }
    const sqs3 = acks.filter((a) => a.id === 'AwsSolutions-SQS3').map((a) => a.path);
    expect(sqs3.every((p) => p.endsWith('DeadLetterQueue'))).toBe(true);
  });

  it('plans ingestion through a FIFO queue that workers consume 5 at a time, at most 10 at once', () => {
    const [, mapping] = consumerOf(t, 'IngestionWorkQueue');
    expect(mapping.Properties).toMatchObject({
      BatchSize: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 10 },
    });
    const queues = t.findResources('AWS::SQS::Queue');
    const [workId, work] = Object.entries(queues).find(([id]) => id.startsWith('IngestionWorkQueue'))!;
    expect(work.Properties).toMatchObject({ FifoQueue: true, VisibilityTimeout: 720 });
    const dlqId = work.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    expect(work.Properties.RedrivePolicy.maxReceiveCount).toBe(3);
    expect(queues[dlqId]?.Properties.FifoQueue).toBe(true);
    const vars = (t.findResources('AWS::Lambda::Function')[ingestId] as Resource).Properties.Environment
      .Variables;
    expect(vars[ENV.ingestQueueUrl]).toEqual({ Ref: workId });
  });

  it('gives every schedule target a retry policy and a dead-letter queue', () => {
    const schedules = Object.values(t.findResources('AWS::Scheduler::Schedule'));
    expect(schedules.length).toBeGreaterThan(0);
    for (const s of schedules) {
      expect(s.Properties.Target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
      expect(s.Properties.Target.DeadLetterConfig.Arn).toBeDefined();
    }
  });

  it('gives every asynchronously invoked function an on-failure destination', () => {
    const invokedAsync = [
      ...Object.values(t.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties.Target.Arn),
      ...Object.values(t.findResources('AWS::SNS::Subscription'))
        .filter((s) => s.Properties.Protocol === 'lambda')
        .map((s) => s.Properties.Endpoint),
    ].map((arn: Json) => arn['Fn::GetAtt'][0] as string);
    expect(invokedAsync.length).toBeGreaterThanOrEqual(3);
    const configs = Object.values(t.findResources('AWS::Lambda::EventInvokeConfig'));
    for (const fn of invokedAsync) {
      const config = configs.find((c) => c.Properties.FunctionName.Ref === fn);
      expect(config?.Properties.DestinationConfig.OnFailure.Destination, fn).toBeDefined();
    }
  });

  it('sends the digest through a queue of subscriber batches, one per sender, senders capped by the SES rate', () => {
    const [senderId, mapping] = consumerOf(t, 'DigestDeliveryWorkQueue');
    expect(senderId).toBe(digestId);
    expect(mapping.Properties).toMatchObject({
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    const vars = (t.findResources('AWS::Lambda::Function')[digestId] as Resource).Properties.Environment
      .Variables;
    expect(vars[ENV.senderConcurrency]).toBe('2');
    const queues = t.findResources('AWS::SQS::Queue');
    const [workId, work] = Object.entries(queues).find(([id]) => id.startsWith('DigestDeliveryWorkQueue'))!;
    expect(work.Properties.RedrivePolicy.maxReceiveCount).toBe(3);
    expect(work.Properties.VisibilityTimeout).toBe(1800);
    const planner = t.findResources('AWS::Lambda::Function')[digestPlannerId] as Resource;
    expect(planner.Properties.Environment.Variables[ENV.digestQueueUrl]).toEqual({ Ref: workId });
  });

  it('lets the digest planner read and enqueue, and write nothing but its index mark: no mail, no key', () => {
    const actions = actionsOf(roleStatements(t, digestPlannerId));
    expect(actions).toContain('sqs:SendMessage');
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((a) => /^(ses:|secretsmanager:)/.test(a))).toEqual([]);
    const planner = roleStatements(t, digestPlannerId);
    expect(allows(planner, 'dynamodb:PutItem', 'table', ['DZ'])).toBe(true);
    for (const key of ['U#s1', 'M#2026-11-27', 'ED#2026-11-27', 'A#a1']) {
      expect(allows(planner, 'dynamodb:PutItem', 'table', [key]), key).toBe(false);
      expect(allows(planner, 'dynamodb:UpdateItem', 'table', [key]), key).toBe(false);
    }
    // The hourly run reads the zone list and the zone partitions of the delivery index only.
    expect(allows(planner, 'dynamodb:Query', 'table', ['DZ'])).toBe(true);
    expect(allows(planner, 'dynamodb:Query', 'table/index/GSI2', ['UZ#Asia/Tokyo'])).toBe(true);
    expect(allows(planner, 'dynamodb:Query', 'table/index/GSI2', ['FEEDLIST'])).toBe(false);
    expect(allows(planner, 'dynamodb:GetItem', 'table', ['A#a1'])).toBe(false);
  });

  it('throttles the archive routes apart from the pages, so an archive flood leaves unsubscribes room', () => {
    const routes = Object.values(t.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey,
    );
    expect(routes.sort()).toEqual([
      '$default',
      'ANY /actors',
      'ANY /actors/{proxy+}',
      'ANY /feeds/{proxy+}',
      'GET /archive',
      'GET /archive/{proxy+}',
    ]);
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      RouteSettings: {
        'GET /archive': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
        'GET /archive/{proxy+}': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
        // The feeds and actor pages too: a crawler or a crowd of feed readers stays off $default.
        'ANY /feeds/{proxy+}': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
        'ANY /actors': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
        'ANY /actors/{proxy+}': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
      },
    });
    // CloudFormation must create the routes before the stage that names them.
    const stage = Object.values(t.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const routeIds = Object.entries(t.findResources('AWS::ApiGatewayV2::Route'))
      .filter(([, r]) => r.Properties.RouteKey !== '$default')
      .map(([id]) => id);
    expect(routeIds).toHaveLength(5);
    for (const id of routeIds) expect(stage.DependsOn).toContain(id);
  });

  it('reports batch item failures on every SQS event source', () => {
    const mappings = Object.values(t.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings.length).toBeGreaterThan(0);
    for (const m of mappings) expect(m.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('gives every queue that is not itself a dead-letter queue a redrive policy', () => {
    const text = JSON.stringify(t.toJSON());
    for (const [id, q] of Object.entries(t.findResources('AWS::SQS::Queue'))) {
      if (q.Properties.RedrivePolicy) continue;
      // A dead-letter queue is the target of a redrive policy, an on-failure destination or a schedule DLQ.
      expect(id, `${id} has no DLQ and is no DLQ`).toMatch(/DeadLetterQueue/);
      expect(text).toContain(`"Fn::GetAtt":["${id}","Arn"]`);
    }
  });

  it('traces the ingestion worker with X-Ray and leaves the planner untraced', () => {
    const fns = t.findResources('AWS::Lambda::Function');
    expect(fns[workerId]?.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fns[ingestId]?.Properties.TracingConfig).toBeUndefined();
    expect(actionsOf(roleStatements(t, workerId))).toContain('xray:PutTraceSegments');
    expect(actionsOf(roleStatements(t, ingestId))).not.toContain('xray:PutTraceSegments');
  });

  it("emits every function's metrics under the namespace and service the alarms read", () => {
    for (const fn of Object.values(t.findResources('AWS::Lambda::Function'))) {
      const vars = fn.Properties.Environment?.Variables ?? {};
      if (!vars.NODE_OPTIONS) continue; // CDK's own helper functions
      expect(vars.POWERTOOLS_METRICS_NAMESPACE).toBe(METRICS_NAMESPACE);
      expect(vars.POWERTOOLS_SERVICE_NAME).toBe(SERVICE_NAME);
    }
  });

  it('keeps only the subscriber and reputation alarms in lean mode, inside the free tier of 10', () => {
    const alarms = t.findResources('AWS::CloudWatch::Alarm');
    expect(Object.keys(alarms).length).toBeLessThanOrEqual(10);
    const topicId = Object.keys(t.findResources('AWS::SNS::Topic')).find((id) =>
      id.startsWith('MonitoringAlarmTopic'),
    )!;
    for (const a of Object.values(alarms)) expect(a.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    const names = Object.keys(alarms)
      .map((id) => id.replace(/^Monitoring/, '').replace(/[0-9A-F]{8}$/, ''))
      .sort();
    expect(names).toEqual(
      [
        'IngestionRunsDeadLetters',
        'IngestionMessagesDeadLetters',
        'DigestRunsDeadLetters',
        'DigestMessagesDeadLetters',
        'SesEventsDeadLetters',
        'DigestsFailed',
        'SesBounceRate',
        'SesComplaintRate',
      ].sort(),
    );
    // Every dead-letter queue is still watched.
    const dlqs = Object.keys(t.findResources('AWS::SQS::Queue')).filter((id) =>
      id.includes('DeadLetterQueue'),
    );
    const watched = Object.values(alarms)
      .filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((a) => a.Properties.Dimensions[0].Value['Fn::GetAtt'][0]);
    expect(watched.sort()).toEqual(dlqs.sort());
  });

  it('tells every function to emit the lean metrics only, and charts no metric it does not emit', () => {
    const ours = Object.values(t.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.Environment?.Variables?.NODE_OPTIONS,
    );
    expect(ours.length).toBeGreaterThan(0);
    for (const f of ours) expect(f.Properties.Environment.Variables[ENV.metricsDetail]).toBe('lean');
    expect(LEAN_METRICS.length).toBeLessThanOrEqual(10);
    const body = JSON.stringify(
      Object.values(t.findResources('AWS::CloudWatch::Dashboard'))[0]?.Properties.DashboardBody,
    );
    const charted = Object.values(METRIC).filter((m) => new RegExp(`\\b${m}\\b`).test(body));
    expect(charted.length).toBeGreaterThan(0);
    for (const m of charted) expect(LEAN_METRICS, m).toContain(m);
    for (const name of [METRIC.digestsFailed, METRIC.bounces, 'Reputation.BounceRate', 'failed / attempted'])
      expect(body, name).toContain(name);
  });

  it('sets a retention on every log group', () => {
    for (const g of Object.values(t.findResources('AWS::Logs::LogGroup'))) {
      expect(g.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('keeps the logical ids of the stateful resources, so an upgrade never replaces them', () => {
    const ids = (type: string) => Object.keys(t.findResources(type)).sort();
    expect(ids('AWS::DynamoDB::Table')).toEqual(['StorageTableB43FDCE7']);
    expect(ids('AWS::SecretsManager::Secret')).toEqual(['LinkTokenSecretA9CC647F']);
    expect(ids('AWS::SES::EmailIdentity')).toEqual(['DigestDeliverySenderIdentity0E45F3A7']);
    expect(ids('AWS::SES::ConfigurationSet')).toEqual(['DigestDeliveryConfigurationSetCADCDBF7']);
    expect(ids('AWS::SQS::Queue')).toEqual(STATEFUL_QUEUE_IDS);
  });

  describe('least privilege by key (issue 12)', () => {
    const fn = (description: RegExp) => functionWithDescription(t, description);

    it('keeps the ingestion worker, which parses hostile feeds, away from subscribers and sends', () => {
      const worker = roleStatements(t, workerId);
      expect(allows(worker, 'dynamodb:PutItem', 'table', ['A#a1'])).toBe(true);
      expect(allows(worker, 'dynamodb:PutItem', 'table', ['F#https://x.example/feed'])).toBe(true);
      expect(allows(worker, 'dynamodb:Query', 'table/index/GSI1', ['D#2026-11-27'])).toBe(true);
      for (const key of [
        'U#s1',
        'E#reader@example.org',
        'M#2026-11-27',
        'RL#ip#192.0.2.1',
        'ADT#2026-11-26',
      ]) {
        for (const action of [
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
        ]) {
          expect(allows(worker, action, 'table', [key]), `${action} ${key}`).toBe(false);
        }
      }
      expect(allows(worker, 'dynamodb:Query', 'table/index/GSI1', ['US#confirmed'])).toBe(false);
      expect(allows(worker, 'dynamodb:BatchWriteItem', 'table', ['A#a1', 'U#s1'])).toBe(false);
    });

    it('lets the ingestion planner read feed states only', () => {
      const planner = roleStatements(t, ingestId);
      expect(allows(planner, 'dynamodb:Query', 'table/index/GSI1', ['FEEDS'])).toBe(true);
      expect(allows(planner, 'dynamodb:BatchGetItem', 'table', ['F#https://x.example/feed'])).toBe(true);
      expect(allows(planner, 'dynamodb:GetItem', 'table', ['A#a1'])).toBe(false);
      expect(allows(planner, 'dynamodb:PutItem', 'table', ['F#https://x.example/feed'])).toBe(false);
    });

    it('lets the digest planner list subscribers by status and write nothing', () => {
      const planner = roleStatements(t, digestPlannerId);
      expect(allows(planner, 'dynamodb:Query', 'table/index/GSI1', ['US#confirmed'])).toBe(true);
      expect(allows(planner, 'dynamodb:Query', 'table/index/GSI1', ['FEEDS'])).toBe(false);
      expect(allows(planner, 'dynamodb:UpdateItem', 'table', ['U#s1'])).toBe(false);
    });

    it('lets the web function reach subscribers, locks and counters, and erase send records, but no feed', () => {
      const web = roleStatements(t, fn(/^Subscription pages/));
      for (const key of ['U#s1', 'E#reader@example.org', 'RL#ip#192.0.2.1']) {
        expect(allows(web, 'dynamodb:PutItem', 'table', [key]), key).toBe(true);
        expect(allows(web, 'dynamodb:GetItem', 'table', [key]), key).toBe(true);
      }
      expect(allows(web, 'dynamodb:BatchWriteItem', 'table', ['M#2026-11-27', 'M#2026-11-28'])).toBe(true);
      expect(allows(web, 'dynamodb:GetItem', 'table', ['M#2026-11-27'])).toBe(false);
      // The archive reads stored editions, never an article (the feeds and actor pages have their own function).
      expect(allows(web, 'dynamodb:GetItem', 'table', ['ED#2026-11-27'])).toBe(true);
      expect(allows(web, 'dynamodb:Query', 'table', ['EDATES'])).toBe(true);
      expect(allows(web, 'dynamodb:PutItem', 'table', ['ED#2026-11-27'])).toBe(false);
      for (const key of ['A#a1', 'T#nuclear', 'AC#Q56226']) {
        expect(allows(web, 'dynamodb:GetItem', 'table', [key]), key).toBe(false);
        expect(allows(web, 'dynamodb:Query', 'table', [key]), key).toBe(false);
      }
      expect(allows(web, 'dynamodb:PutItem', 'table', ['A#a1'])).toBe(false);
      // A confirmed subscriber's zone joins the delivery index's zone list.
      expect(allows(web, 'dynamodb:PutItem', 'table', ['DZ'])).toBe(true);
      expect(allows(web, 'dynamodb:GetItem', 'table', ['F#https://x.example/feed'])).toBe(false);
      expect(allows(web, 'dynamodb:Query', 'table/index/GSI2', ['FEEDLIST'])).toBe(false);
    });

    it('lets the reading function read what the feeds and actor pages show, and nothing else', () => {
      const reading = roleStatements(t, fn(/^Atom feeds of topics/));
      // A change marker and the entries: queries of one topic's or actor's partition.
      expect(allows(reading, 'dynamodb:Query', 'table', ['T#nuclear'])).toBe(true);
      expect(allows(reading, 'dynamodb:Query', 'table', ['AC#Q56226'])).toBe(true);
      // The heads of the articles, and the editions' manifests and dates, in batches.
      expect(allows(reading, 'dynamodb:BatchGetItem', 'table', ['A#a1', 'A#a2'])).toBe(true);
      expect(allows(reading, 'dynamodb:BatchGetItem', 'table', ['ED#2026-11-27', 'ED#2026-11-26'])).toBe(
        true,
      );
      expect(allows(reading, 'dynamodb:Query', 'table', ['EDATES'])).toBe(true);
      // Not what only ingest and the digest need: seen-keys, links, day and actor-day indexes.
      expect(allows(reading, 'dynamodb:GetItem', 'table', ['K#a1'])).toBe(false);
      expect(allows(reading, 'dynamodb:GetItem', 'table', ['L#0123abcd'])).toBe(false);
      expect(allows(reading, 'dynamodb:BatchGetItem', 'table', ['A#a1', 'K#a1'])).toBe(false);
      expect(allows(reading, 'dynamodb:Query', 'table/index/GSI1', ['D#2026-11-27'])).toBe(false);
      expect(allows(reading, 'dynamodb:Query', 'table/index/GSI1', ['AD#2026-11-27'])).toBe(false);
      // Nothing of subscribers, sends, counters or feeds; and never a write.
      for (const key of [
        'U#s1',
        'E#reader@example.org',
        'M#2026-11-27',
        'RL#x',
        'F#https://x.example/feed',
      ]) {
        expect(allows(reading, 'dynamodb:GetItem', 'table', [key]), key).toBe(false);
      }
      expect(allows(reading, 'dynamodb:Query', 'table/index/GSI1', ['US#confirmed'])).toBe(false);
      for (const key of ['A#a1', 'T#nuclear', 'AC#Q56226', 'ED#2026-11-27']) {
        for (const action of [
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
        ])
          expect(allows(reading, action, 'table', [key]), `${action} ${key}`).toBe(false);
      }
      // No mail, no link key.
      expect(actionsOf(reading).filter((a) => /^(ses:|secretsmanager:|kms:)/.test(a))).toEqual([]);
    });

    it('routes the feeds and actor pages to the reading function and everything else to the web function', () => {
      const integrationOf = (routeKey: string) => {
        const route = Object.values(t.findResources('AWS::ApiGatewayV2::Route')).find(
          (r) => r.Properties.RouteKey === routeKey,
        )!;
        const target = String(route.Properties.Target['Fn::Join'][1][1].Ref);
        const uri = t.findResources('AWS::ApiGatewayV2::Integration')[target]!.Properties.IntegrationUri;
        return String(uri['Fn::GetAtt'][0]);
      };
      const reading = functionWithDescription(t, /^Atom feeds of topics/);
      const web = functionWithDescription(t, /^Subscription pages/);
      for (const key of ['ANY /feeds/{proxy+}', 'ANY /actors', 'ANY /actors/{proxy+}'])
        expect(integrationOf(key), key).toBe(reading);
      for (const key of ['$default', 'GET /archive', 'GET /archive/{proxy+}'])
        expect(integrationOf(key), key).toBe(web);
    });

    it('lets the SES events function change subscriber records and nothing else', () => {
      const events = roleStatements(t, fn(/^Unsubscribes on complaints/));
      expect(allows(events, 'dynamodb:PutItem', 'table', ['U#s1'])).toBe(true);
      expect(allows(events, 'dynamodb:GetItem', 'table', ['E#reader@example.org'])).toBe(true);
      expect(allows(events, 'dynamodb:GetItem', 'table', ['A#a1'])).toBe(false);
      expect(allows(events, 'dynamodb:UpdateItem', 'table', ['M#2026-11-27'])).toBe(false);
    });

    it('lets no role Scan, and scopes every table statement by partition key', () => {
      const ids = Object.keys(t.findResources('AWS::Lambda::Function'));
      expect(ids.length).toBeGreaterThan(5);
      for (const id of ids) {
        const statements = roleStatements(t, id);
        expect(allows(statements, 'dynamodb:Scan', 'table', []), id).toBe(false);
        expect(allows(statements, 'dynamodb:Scan', 'table/index/GSI1', []), id).toBe(false);
        for (const s of statements.filter((x) => asList(x.Action).some((a) => a.startsWith('dynamodb:')))) {
          expect(s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'], id).toBeDefined();
          expect(s.Condition?.Null, id).toEqual({ 'dynamodb:LeadingKeys': 'false' });
          // A request without any key (Scan, or a malformed call) must not slip through ForAllValues.
          expect(allows([s], asList(s.Action)[0]!, 'table', []), id).toBe(false);
        }
      }
    });

    it('puts every item key of keys.ts in exactly one item family', () => {
      const samples = [
        keys.article('a1').PK,
        keys.seen('a1').PK,
        keys.link('https://x.example/a').PK,
        keys.topicEntry('sanctions', NOW_ISO, 'a1').PK,
        keys.actorEntry('iran', NOW_ISO, 'a1').PK,
        keys.feed('https://x.example/feed').PK,
        keys.subscriber('s1').PK,
        keys.email('reader@example.org').PK,
        keys.send('2026-11-27', 's1').PK,
        keys.limit('subscribe#net#192.0.2.1', NOW_ISO).PK,
      ];
      for (const pk of samples) {
        const owners = Object.entries(ITEM_FAMILIES).filter(([, f]) => f.table.some((p) => likeMatch(p, pk)));
        expect(
          owners.map(([n]) => n),
          pk,
        ).toHaveLength(1);
      }
      const indexSamples: [string, string][] = [
        ['GSI1', keys.articleByDay(NOW_ISO, 'a1').GSI1PK],
        ['GSI1', keys.actorEntry('iran', NOW_ISO, 'a1').GSI1PK],
        ['GSI1', keys.feedDue(NOW_ISO, 'https://x.example/feed').GSI1PK],
        ['GSI1', keys.subscriberByStatus('confirmed', NOW_ISO, 's1').GSI1PK],
        ['GSI2', keys.feedList('https://x.example/feed').GSI2PK],
      ];
      for (const [index, pk] of indexSamples) {
        const owners = Object.entries(ITEM_FAMILIES).filter(([, f]: [string, ItemFamily]) =>
          (f.indexes?.[index] ?? []).some((p) => likeMatch(p, pk)),
        );
        expect(owners, `${index} ${pk}`).toHaveLength(1);
      }
    });
  });

  it('leaves the dev stack without termination protection', () => {
    expect(devStack.terminationProtection).toBe(false);
  });
});

describe('AntiwarDigestStack (prod, custom settings)', () => {
  let t: Template;
  let app: App;
  let stack: AntiwarDigestStack;
  beforeAll(() => {
    ({ t, app, stack } = synthApp({
      operatorEmail: 'ops@example.org',
      stage: 'prod',
      senderAddress: 'digest@news.example.org',
      senderDomain: 'news.example.org',
      postalAddress: 'PO Box 1, Anytown, USA',
      publicBaseUrl: 'https://digest.example.org',
      timeZone: 'Europe/Berlin',
      sendRatePerSecond: '14',
      ingestSchedule: 'rate(1 hour)',
    }));
  });

  it('keeps the table, protected from deletion, when the stage is prod', () => {
    t.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('protects the prod stack from termination', () => {
    expect(stack.terminationProtection).toBe(true);
  });

  it('sends the alarms to the operator email when one is configured', () => {
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
  });

  it('keeps the link-signing key when the stage is prod', () => {
    t.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
  });

  it('keeps the digest planner hourly in UTC whatever the site zone, and the ingest schedule as set', () => {
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 * * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
    });
    t.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 hour)' });
  });

  it('verifies a domain identity when a sender domain is configured', () => {
    t.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'news.example.org' });
  });

  it('runs two senders at 7 a second each for a send rate of 14', () => {
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ [ENV.sendRatePerSecond]: '14', [ENV.senderConcurrency]: '2' }),
      },
    });
  });

  it('alarms to the operator topic on dead letters, feed failures, failed digests, SES reputation and Lambda errors in full mode', () => {
    const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm'));
    const topicId = Object.keys(t.findResources('AWS::SNS::Topic')).find((id) =>
      id.startsWith('MonitoringAlarmTopic'),
    )!;
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    const byMetric = (ns: string, name: string) =>
      alarms.filter((a) => a.Properties.Namespace === ns && a.Properties.MetricName === name);
    expect(byMetric('AWS/SES', 'Reputation.BounceRate').map((a) => a.Properties.Threshold)).toEqual([0.05]);
    expect(byMetric('AWS/SES', 'Reputation.ComplaintRate').map((a) => a.Properties.Threshold)).toEqual([
      0.001,
    ]);
    expect(byMetric(METRICS_NAMESPACE, METRIC.digestsFailed)).toHaveLength(1);
    const ratio = alarms.filter((a) =>
      JSON.stringify(a.Properties.Metrics ?? []).includes('failed / attempted'),
    );
    expect(ratio).toHaveLength(1);
    expect(JSON.stringify(ratio[0]!.Properties.Metrics)).toContain(METRIC.feedFailed);
    // One alarm per dead-letter queue, on the queue's own name.
    const dlqs = Object.keys(t.findResources('AWS::SQS::Queue')).filter((id) =>
      id.includes('DeadLetterQueue'),
    );
    const watched = byMetric('AWS/SQS', 'ApproximateNumberOfMessagesVisible').map(
      (a) => a.Properties.Dimensions[0].Value['Fn::GetAtt'][0],
    );
    expect(watched.sort()).toEqual(dlqs.sort());
    // Errors and throttles of every function of ours.
    const ours = Object.entries(t.findResources('AWS::Lambda::Function'))
      .filter(([, f]) => f.Properties.Environment?.Variables?.NODE_OPTIONS)
      .map(([id]) => id);
    for (const metric of ['Errors', 'Throttles']) {
      const fns = byMetric('AWS/Lambda', metric).map((a) => a.Properties.Dimensions[0].Value.Ref);
      expect(fns.sort(), metric).toEqual([...ours].sort());
    }
    const ids = Object.keys(t.findResources('AWS::CloudWatch::Alarm'));
    for (const name of ['FeedsDisabled', 'IngestBacklog'])
      expect(
        ids.filter((id) => id.startsWith(`Monitoring${name}`)),
        name,
      ).toHaveLength(1);
  });

  it('shows the service metrics, the SES reputation and the queues on one dashboard', () => {
    const body = JSON.stringify(
      Object.values(t.findResources('AWS::CloudWatch::Dashboard'))[0]?.Properties.DashboardBody,
    );
    for (const name of [
      ...Object.values(METRIC).filter(
        (m) =>
          m !== METRIC.feedErrors &&
          m !== METRIC.feedGone &&
          m !== METRIC.feedDisabled &&
          m !== METRIC.feedsNotStored &&
          m !== METRIC.feedsPlanned &&
          m !== METRIC.subscribersPlanned,
      ),
      'Reputation.BounceRate',
      'ApproximateNumberOfMessagesVisible',
    ]) {
      expect(body, name).toContain(name);
    }
  });

  it('tells every function to emit every metric in full mode', () => {
    const ours = Object.values(t.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.Environment?.Variables?.NODE_OPTIONS,
    );
    expect(ours.length).toBeGreaterThan(0);
    for (const f of ours) expect(f.Properties.Environment.Variables[ENV.metricsDetail]).toBe('full');
  });

  it('has no unacknowledged cdk-nag AwsSolutions finding in full mode', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
      [],
    );
  });

  it('passes the configured send rate to the digest function', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [ENV.sendRatePerSecond]: '14' }) },
    });
  });
});
