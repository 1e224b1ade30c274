import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * Where a capability's failed runs land: the Scheduler target's undeliverable events and the
 * function's failed asynchronous invocations. Encrypted and TLS-only (R37); kept the maximum 14 days
 * so a failure seen on Monday is still there to inspect.
 */
export class DeadLetterQueue extends sqs.Queue {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
  }
}
