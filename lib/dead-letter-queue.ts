import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from './nag';

export interface DeadLetterQueueProps {
  /** A FIFO source queue needs a FIFO dead-letter queue. @default false */
  readonly fifo?: boolean;
}

/**
 * Where a capability's failed work lands: the Scheduler target's undeliverable events, a function's
 * failed asynchronous invocations, or a work queue's messages that failed every retry. Encrypted and
 * TLS-only (R37); kept the maximum 14 days so a failure seen on Monday is still there to inspect.
 */
export class DeadLetterQueue extends sqs.Queue {
  constructor(scope: Construct, id: string, props: DeadLetterQueueProps = {}) {
    super(scope, id, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      ...(props.fifo ? { fifo: true } : {}),
    });
    acknowledge(
      this,
      'SQS3',
      'This queue is itself a dead-letter queue; a DLQ of a DLQ would only move the same messages again. An alarm fires when it holds anything.',
    );
  }
}
