import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { ENV } from '../lambdas/shared/names';
import type { FeedConfig } from '../lambdas/shared/types';
import { DeadLetterQueue } from './dead-letter-queue';
import { AppFunction } from './function';

export interface IngestionProps {
  readonly table: dynamodb.ITable;
  readonly feeds: FeedConfig[];
  /** Scheduler expression. @default 'rate(30 minutes)' */
  readonly schedule?: string;
  /** Lets the fetcher reach private addresses (tests only, R8). @default false */
  readonly allowPrivateNetwork?: boolean;
}

/**
 * Fetches the feeds on a schedule and stores articles. It gets table access and nothing else: no
 * SES, no secret, so a compromised parser cannot send mail (R38).
 */
export class Ingestion extends Construct {
  readonly function: AppFunction;
  readonly schedule: scheduler.Schedule;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue');

    this.function = new AppFunction(this, 'Ingest', {
      entry: 'lambdas/handlers/ingest.ts',
      description: 'Fetches the configured feeds and stores new and updated articles',
      memorySize: 1024,
      timeout: Duration.minutes(5),
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.feeds]: JSON.stringify(props.feeds),
        // CLI.md defines only "1" and unset; leaving it unset cannot be misread as permission.
        ...(props.allowPrivateNetwork ? { [ENV.allowPrivateNetwork]: '1' } : {}),
      },
      // No Lambda retry: the next scheduled run retries every feed anyway, with its own backoff.
      retryAttempts: 0,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    props.table.grantReadWriteData(this.function);

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Runs one ingestion pass',
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
  }
}
