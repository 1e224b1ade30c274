import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { ENV } from '../lambdas/shared/names';
import { keys } from '../lambdas/store/keys';
import { DeadLetterQueue } from './dead-letter-queue';
import { AppFunction } from './function';

export interface DigestDeliveryProps {
  readonly table: dynamodb.ITable;
  /** Signs the unsubscribe and preferences links; the function reads it at cold start. */
  readonly tokenSecret: secretsmanager.ISecret;
  readonly senderAddress: string;
  readonly senderName: string;
  /** Verify this domain (Easy DKIM) instead of the single sender address. @default address identity */
  readonly senderDomain?: string;
  readonly postalAddress: string;
  readonly publicBaseUrl: string;
  /** IANA zone of the schedule and of the digest's date. */
  readonly timeZone: string;
  /** Scheduler expression, read in `timeZone`. @default 'cron(0 6 * * ? *)' */
  readonly schedule?: string;
  /** Messages per second, at most the account's SES quota. */
  readonly sendRatePerSecond: number;
  /** Partition-key prefixes the function may write. @default the send records ('M#') only */
  readonly writableKeyPrefixes?: string[];
}

/**
 * Composes and sends the daily digest. It reads the whole table but writes only its send records,
 * and may send only from the configured identity (R38).
 */
export class DigestDelivery extends Construct {
  readonly function: AppFunction;
  readonly schedule: scheduler.Schedule;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  private readonly senderAddress: string;

  constructor(scope: Construct, id: string, props: DigestDeliveryProps) {
    super(scope, id);
    this.senderAddress = props.senderAddress;
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue');

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: props.senderDomain
        ? ses.Identity.domain(props.senderDomain)
        : ses.Identity.email(props.senderAddress),
      configurationSet: this.configurationSet,
    });

    this.function = new AppFunction(this, 'Digest', {
      entry: 'lambdas/handlers/digest.ts',
      description: 'Composes the daily digest and sends it to every confirmed subscriber',
      memorySize: 1024,
      // The Lambda maximum: at the sandbox rate of 1/s one run sends about 850 messages; the retries
      // below resume from the send records.
      timeout: Duration.minutes(15),
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.senderAddress]: props.senderAddress,
        [ENV.senderName]: props.senderName,
        [ENV.postalAddress]: props.postalAddress,
        [ENV.publicBaseUrl]: props.publicBaseUrl,
        [ENV.timeZone]: props.timeZone,
        [ENV.configurationSet]: this.configurationSet.configurationSetName,
        [ENV.sendRatePerSecond]: String(props.sendRatePerSecond),
        [ENV.tokenSecretParameter]: props.tokenSecret.secretArn,
      },
      // Safe to retry: a send record is claimed before each message, so nobody gets it twice.
      retryAttempts: 2,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    props.table.grantReadData(this.function);
    const prefixes = props.writableKeyPrefixes ?? [keys.sendPartition('')];
    this.function.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((p) => `${p}*`) } },
      }),
    );
    props.tokenSecret.grantRead(this.function);
    this.grantSendEmail(this.function);

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Sends the daily digest',
      schedule: scheduler.ScheduleExpression.expression(
        props.schedule ?? 'cron(0 6 * * ? *)',
        TimeZone.of(props.timeZone),
      ),
      target: new LambdaInvoke(this.function.fn, {
        // The digest's date comes from the scheduled time, so a late retry still sends that day's digest.
        input: scheduler.ScheduleTargetInput.fromObject({
          source: 'schedule',
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
        }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
  }

  /**
   * Lets `grantee` send raw mail from the sender address only. SES authorises both the identity and
   * the configuration set named in the request, so both ARNs are listed.
   */
  grantSendEmail(grantee: iam.IGrantable): void {
    const configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [this.identity.emailIdentityArn, configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': this.senderAddress } },
      }),
    );
  }
}
