import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';
import type { AppFunction } from './function';

export interface WorkQueueProps {
  /** FIFO: a message group is consumed by one batch at a time. @default false */
  readonly fifo?: boolean;
  /** Timeout of the consuming function; the visibility timeout is six times it (AWS's advice). */
  readonly consumerTimeout: Duration;
  /** Receives before a message moves to the dead-letter queue. @default 3 */
  readonly maxReceiveCount?: number;
}

/**
 * A planner-to-worker queue with its dead-letter queue, both encrypted and TLS-only (R37); the
 * consumer reports partial batch failures, so one bad message does not redeliver its batch.
 */
export class WorkQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', { fifo: props.fifo });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 3 },
      ...(props.fifo
        ? {
            fifo: true,
            // High-throughput FIFO: throughput is per message group, and deduplication too.
            deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP,
            fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
          }
        : {}),
    });
  }

  /** Lets the worker consume batches, at most `maxConcurrency` at once (the event source's cap). */
  addConsumer(worker: AppFunction, opts: { batchSize: number; maxConcurrency: number }): void {
    worker.fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: opts.batchSize,
        maxConcurrency: opts.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
  }
}
