/** WorkQueue on SQS: SendMessageBatch, 10 entries per call, failed entries retried with backoff. */
import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { chunk, QueueSendError, type WorkMessage, type WorkQueue } from './ports';

/** SQS's limit on entries per SendMessageBatch call. */
export const SQS_BATCH_LIMIT = 10;

export interface SqsWorkQueueOptions {
  /** Attempts per entry, the first included. @default 4 */
  maxAttempts?: number;
  /** Waits between attempts; a seam for tests. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

export class SqsWorkQueue<T> implements WorkQueue<T> {
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    options: SqsWorkQueueOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async send(messages: WorkMessage<T>[]): Promise<{ sent: number; calls: number }> {
    let calls = 0;
    let sent = 0;
    for (const group of chunk(messages, SQS_BATCH_LIMIT)) {
      let pending: SendMessageBatchRequestEntry[] = group.map((m, i) => ({
        Id: String(i),
        MessageBody: JSON.stringify(m.body),
        ...(m.groupId ? { MessageGroupId: m.groupId } : {}),
        ...(m.deduplicationId ? { MessageDeduplicationId: m.deduplicationId } : {}),
      }));
      let lastError = '';
      for (let attempt = 1; pending.length > 0 && attempt <= this.maxAttempts; attempt++) {
        if (attempt > 1) await this.sleep(100 * 2 ** (attempt - 2));
        calls++;
        const out = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }),
        );
        sent += out.Successful?.length ?? 0;
        const failed = out.Failed ?? [];
        // A sender fault (bad body, bad group id) fails the same way every time: stop at once.
        const permanent = failed.filter((f) => f.SenderFault);
        if (permanent.length > 0) {
          throw new QueueSendError(
            `SQS refused ${permanent.length} message(s): ${permanent[0]?.Code} ${permanent[0]?.Message ?? ''}`,
            permanent.length,
          );
        }
        const retry = new Set(failed.map((f) => f.Id));
        lastError = failed[0] ? `${failed[0].Code} ${failed[0].Message ?? ''}` : '';
        pending = pending.filter((e) => retry.has(e.Id));
      }
      if (pending.length > 0) {
        throw new QueueSendError(
          `${pending.length} message(s) not enqueued after ${this.maxAttempts} attempts: ${lastError}`,
          pending.length,
        );
      }
    }
    return { sent, calls };
  }
}
