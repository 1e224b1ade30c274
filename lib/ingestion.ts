import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { ENV } from '../lambdas/shared/names';
import type { FeedConfig } from '../lambdas/shared/types';
import { grantItems } from './access';
import { DeadLetterQueue } from './dead-letter-queue';
import { AppFunction } from './function';
import { acknowledgeSchedulerInvoke } from './nag';
import { WorkQueue } from './work-queue';

export interface IngestionProps {
  readonly table: dynamodb.ITable;
  readonly feeds: FeedConfig[];
  /** Scheduler expression. @default 'rate(30 minutes)' */
  readonly schedule?: string;
  /** Lets the fetcher reach private addresses (tests only, R8). @default false */
  readonly allowPrivateNetwork?: boolean;
  /** Feeds per worker invocation. @default 5 */
  readonly batchSize?: number;
  /** Worker invocations at once, at most one per feed host (FIFO message groups). @default 10 */
  readonly maxConcurrency?: number;
}

/**
 * Fetches the feeds on a schedule and stores articles, scaled out: the schedule runs a planner that
 * enqueues the due feeds on a FIFO queue grouped by host; workers consume batches (feeds/plan.ts).
 * Both get table access and nothing else: no SES, no secret, so a compromised parser cannot send
 * mail (R38).
 */
export class Ingestion extends Construct {
  /** The planner: what the schedule invokes, and what an operator invokes for an extra pass. */
  readonly function: AppFunction;
  readonly worker: AppFunction;
  readonly workQueue: WorkQueue;
  readonly schedule: scheduler.Schedule;
  /** Failed planner runs and undeliverable schedule events. */
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue');
    const workerTimeout = Duration.minutes(2);
    this.workQueue = new WorkQueue(this, 'Work', { fifo: true, consumerTimeout: workerTimeout });

    this.function = new AppFunction(this, 'Ingest', {
      entry: 'lambdas/handlers/ingest-plan.ts',
      description: 'Plans an ingestion pass: enqueues the feeds that are due',
      memorySize: 512,
      timeout: Duration.minutes(2),
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.feeds]: JSON.stringify(props.feeds),
        [ENV.ingestQueueUrl]: this.workQueue.queue.queueUrl,
      },
      // A retry enqueues nothing twice: messages are deduplicated per feed and attempt.
      retryAttempts: 2,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    // The planner only reads feed states; it never touches articles or subscribers.
    grantItems(this.function, props.table, { read: ['feeds'] });
    this.workQueue.queue.grantSendMessages(this.function);

    this.worker = new AppFunction(this, 'Worker', {
      entry: 'lambdas/handlers/ingest-worker.ts',
      description: 'Fetches a batch of feeds and stores new and updated articles',
      memorySize: 1024,
      // A batch of 5 feeds runs concurrently; each fetch is cut off at 10 s connect + 20 s (R4).
      timeout: workerTimeout,
      tracing: true,
      environment: {
        [ENV.tableName]: props.table.tableName,
        // CLI.md defines only "1" and unset; leaving it unset cannot be misread as permission.
        ...(props.allowPrivateNetwork ? { [ENV.allowPrivateNetwork]: '1' } : {}),
      },
    });
    // The worker parses hostile input: it reaches articles and feed states, never subscribers or sends.
    grantItems(this.worker, props.table, {
      read: ['articles', 'articleIndexes', 'feeds'],
      write: ['articles', 'articleIndexes', 'feeds'],
    });
    this.workQueue.addConsumer(this.worker, {
      batchSize: props.batchSize ?? 5,
      maxConcurrency: props.maxConcurrency ?? 10,
    });

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Plans one ingestion pass',
      schedule: scheduler.ScheduleExpression.expression(props.schedule ?? 'rate(30 minutes)'),
      target: new LambdaInvoke(this.function.fn, {
        input: scheduler.ScheduleTargetInput.fromObject({
          source: 'schedule',
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
        }),
        retryAttempts: 3,
        // An event older than this is overtaken by the next run; delivering it late would only overlap.
        maxEventAge: Duration.minutes(15),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
    acknowledgeSchedulerInvoke(this.function.fn);
  }
}
