import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEEDS } from '../../lambdas/feeds/default-feeds';
import { ENV } from '../../lambdas/shared/names';
import { GLOBAL_INDEXES, PRIMARY_KEY, TTL_ATTRIBUTE } from '../../lambdas/store/table-schema';
import { loadConfig, STACK_NAME, STACK_OUTPUT } from '../../lib/config';
import { AntiwarDigestStack } from '../../lib/stack';

const cdkJsonContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;

/**
 * Synthesises the stack the way bin/app.ts does, with cdk.json's context and feature flags.
 * Bundling is skipped (no stack matches 'aws:cdk:bundling-stacks'): `npm run synth` exercises it.
 */
function synth(overrides: Record<string, unknown> = {}): Template {
  const context = { ...cdkJsonContext, ...overrides, 'aws:cdk:bundling-stacks': [] };
  const app = new App({ context });
  return Template.fromStack(new AntiwarDigestStack(app, STACK_NAME, { config: loadConfig(context) }));
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

const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** The logical id of the function whose environment carries `envName`. */
function functionWithEnv(t: Template, envName: string): [string, Resource] {
  const found = Object.entries(t.findResources('AWS::Lambda::Function')).filter(
    ([, r]) => envName in (r.Properties.Environment?.Variables ?? {}),
  );
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
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

describe('AntiwarDigestStack (dev defaults)', () => {
  let t: Template;
  let ingestId: string;
  let digestId: string;
  beforeAll(() => {
    t = synth();
    ingestId = functionWithEnv(t, ENV.feeds)[0];
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

  it('sends the digest at 06:00 New York time with a retry policy and a dead-letter queue', () => {
    const dlq = new Capture();
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 * * ? *)',
      ScheduleExpressionTimezone: 'America/New_York',
      Target: {
        Arn: { 'Fn::GetAtt': [digestId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: Match.anyValue(), MaximumEventAgeInSeconds: Match.anyValue() },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
        Input: Match.serializedJson(Match.objectLike({ scheduledTime: '<aws.scheduler.scheduled-time>' })),
      },
    });
    expect(t.findResources('AWS::SQS::Queue')[dlq.asString()]).toBeDefined();
  });

  it('sends failed asynchronous runs of both functions to a queue after retries', () => {
    for (const [fn, retries] of [
      [ingestId, 0],
      [digestId, 2],
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

  it('does not let the ingestion function send mail or read the link-signing key', () => {
    const actions = actionsOf(roleStatements(t, ingestId));
    expect(actions).toContain('dynamodb:PutItem');
    expect(actions.filter((a) => a.toLowerCase().startsWith('ses:'))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
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

  it('lets the digest function write only its send records', () => {
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    const writing = roleStatements(t, digestId).filter((s) =>
      asList(s.Action).some((a) => writes.includes(a)),
    );
    expect(writing.length).toBeGreaterThan(0);
    for (const s of writing) {
      expect(s.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['M#*'] } });
    }
    expect(actionsOf(roleStatements(t, digestId))).toContain('dynamodb:Query');
  });

  it('grants no wildcard action and no wildcard resource in any identity policy', () => {
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Statement[],
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      for (const a of asList(s.Action)) expect(a).not.toMatch(/^(\*|ses:\*|dynamodb:\*)$/);
      expect(asList(s.Resource)).not.toContain('*');
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
});

describe('AntiwarDigestStack (prod, custom settings)', () => {
  let t: Template;
  beforeAll(() => {
    t = synth({
      stage: 'prod',
      senderAddress: 'digest@news.example.org',
      senderDomain: 'news.example.org',
      postalAddress: 'PO Box 1, Anytown, USA',
      publicBaseUrl: 'https://digest.example.org',
      timeZone: 'Europe/Berlin',
      sendRatePerSecond: '14',
      ingestSchedule: 'rate(1 hour)',
    });
  });

  it('keeps the table, protected from deletion, when the stage is prod', () => {
    t.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('keeps the link-signing key when the stage is prod', () => {
    t.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
  });

  it('reads the digest schedule in the configured time zone', () => {
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
    });
    t.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 hour)' });
  });

  it('verifies a domain identity when a sender domain is configured', () => {
    t.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'news.example.org' });
  });

  it('passes the configured send rate to the digest function', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [ENV.sendRatePerSecond]: '14' }) },
    });
  });
});
