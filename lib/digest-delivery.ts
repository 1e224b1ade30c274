import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { consumersForRate } from '../lambdas/queue/sizing';
import { ENV } from '../lambdas/shared/names';
import { grantItems } from './access';
import { DeadLetterQueue } from './dead-letter-queue';
import { AppFunction } from './function';
import { acknowledgeSchedulerInvoke } from './nag';
import { WorkQueue } from './work-queue';

export interface DigestDeliveryProps {
  readonly table: dynamodb.ITable;
  /** Signs the unsubscribe and preferences links; the senders read it at cold start. */
  readonly tokenSecret: secretsmanager.ISecret;
  readonly senderAddress: string;
  readonly senderName: string;
  /** Verify this domain (Easy DKIM) instead of the single sender address. @default address identity */
  readonly senderDomain?: string;
  readonly postalAddress: string;
  readonly publicBaseUrl: string;
  /**
   * IANA zone of the site: the date and default hour of the archive's house edition, and the zone
   * of readers whose own zone is unknown.
   */
  readonly timeZone: string;
  /** Messages per second across every sender, at most the account's SES quota. */
  readonly sendRatePerSecond: number;
  /** Digests per date at most (SES sandbox guard); 0 turns it off. @default 200 */
  readonly dailyQuota?: number;
}

/** The planner runs every hour on the hour, in UTC: each reader's hour comes round once a day. */
export const DIGEST_SCHEDULE = 'cron(0 * * * ? *)';

/**
 * Composes and sends the daily digest in each reader's morning, scaled out: an hourly schedule runs
 * a planner that enqueues the confirmed subscribers whose delivery hour it now is in their zone,
 * found through the delivery index, 50 ids to a message; senders consume them, as many at once as
 * the SES rate allows, each paced at its share (digest/plan.ts). The planner only reads the index
 * and enqueues; the senders read articles, subscribers and the ledger, write only send records and
 * editions, and may send only from the configured identity (R38).
 */
export class DigestDelivery extends Construct {
  /** What every function that sends mail or builds its links reads: sender, footer, links, key. */
  readonly mailEnvironment: Record<string, string>;
  /** The planner: what the schedule invokes, and what an operator invokes with {"date"} for a rerun. */
  readonly function: AppFunction;
  readonly sender: AppFunction;
  readonly workQueue: WorkQueue;
  readonly schedule: scheduler.Schedule;
  /** Failed planner runs and undeliverable schedule events. */
  readonly deadLetterQueue: DeadLetterQueue;
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  /** Senders at once: the event source's maximum concurrency. */
  readonly senderConcurrency: number;
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

    // 50 messages at the slowest share (the sandbox's 1/s over 2 senders, 0.5/s) take 100 s.
    const senderTimeout = Duration.minutes(5);
    this.workQueue = new WorkQueue(this, 'Work', { consumerTimeout: senderTimeout });
    this.senderConcurrency = consumersForRate(props.sendRatePerSecond);

    this.function = new AppFunction(this, 'Digest', {
      entry: 'lambdas/handlers/digest-plan.ts',
      description: 'Plans the daily digest: enqueues the confirmed subscribers for the senders',
      memorySize: 1024,
      timeout: Duration.minutes(15),
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.timeZone]: props.timeZone,
        [ENV.digestQueueUrl]: this.workQueue.queue.queueUrl,
      },
      // A retry enqueues again; the send ledger makes the repeats send nothing (R33).
      retryAttempts: 2,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    // The delivery index for the hourly run; the status listing for an operator's {"date"} rerun
    // and the one-off check that no confirmed record is off the index, whose mark goes in the
    // index's own zone list partition: the planner's only write.
    grantItems(this.function, props.table, { read: ['subscribers', 'delivery'], write: ['delivery'] });
    this.workQueue.queue.grantSendMessages(this.function);

    this.mailEnvironment = {
      [ENV.senderAddress]: props.senderAddress,
      [ENV.senderName]: props.senderName,
      [ENV.postalAddress]: props.postalAddress,
      [ENV.publicBaseUrl]: props.publicBaseUrl,
      [ENV.timeZone]: props.timeZone,
      [ENV.configurationSet]: this.configurationSet.configurationSetName,
      [ENV.tokenSecretParameter]: props.tokenSecret.secretArn,
    };
    this.sender = new AppFunction(this, 'Sender', {
      entry: 'lambdas/handlers/digest-worker.ts',
      description: 'Sends the daily digest to a batch of subscribers, paced at its share of the SES rate',
      memorySize: 1024,
      timeout: senderTimeout,
      tracing: true,
      environment: {
        ...this.mailEnvironment,
        [ENV.tableName]: props.table.tableName,
        [ENV.sendRatePerSecond]: String(props.sendRatePerSecond),
        [ENV.dailyQuota]: String(props.dailyQuota ?? 200),
        [ENV.senderConcurrency]: String(this.senderConcurrency),
      },
    });
    // Claims and marks in the ledger are conditional UpdateItems; editions are conditional puts.
    // Nothing here writes a subscriber record. The first sender to count a settled day's actor
    // entries keeps its totals (a conditional put) for the others' baselines.
    grantItems(this.sender, props.table, {
      read: ['articles', 'articleIndexes', 'actorDayTotals', 'subscribers', 'sends'],
      update: ['sends'],
      write: ['editions', 'actorDayTotals'],
    });
    props.tokenSecret.grantRead(this.sender);
    this.grantSendEmail(this.sender);
    this.workQueue.addConsumer(this.sender, { batchSize: 1, maxConcurrency: this.senderConcurrency });

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Plans the digests of the readers whose delivery hour it is',
      schedule: scheduler.ScheduleExpression.expression(DIGEST_SCHEDULE, TimeZone.ETC_UTC),
      target: new LambdaInvoke(this.function.fn, {
        // The hour planned comes from the scheduled time, so a late retry plans the same hour.
        input: scheduler.ScheduleTargetInput.fromObject({
          source: 'schedule',
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
        }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
    acknowledgeSchedulerInvoke(this.function.fn);
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
