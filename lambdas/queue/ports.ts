/**
 * The work-queue port: a planner enqueues units of work, workers consume them in batches. SQS in
 * Lambda (SqsWorkQueue); an in-memory queue with the same delivery rules in tests and the load run.
 */

/** One unit of work to enqueue. */
export interface WorkMessage<T> {
  body: T;
  /**
   * FIFO queues: messages of one group are handed to one consumer at a time, in order. The ingestion
   * queue groups by feed host, which is what keeps the per-host connection limit across workers (R15).
   */
  groupId?: string;
  /** FIFO queues: a second message with the same id within 5 minutes is dropped. */
  deduplicationId?: string;
}

/** A message as a worker receives it. */
export interface ReceivedMessage<T> {
  id: string;
  body: T;
  groupId?: string;
  /** 1 on first delivery. */
  receiveCount: number;
}

/** What a worker answers for one batch: the ids to deliver again (SQS ReportBatchItemFailures). */
export interface BatchResult {
  failedIds: string[];
}

export interface WorkQueue<T> {
  /** Enqueues every message or throws QueueSendError naming what was not enqueued. */
  send(messages: WorkMessage<T>[]): Promise<{ sent: number; calls: number }>;
}

export class QueueSendError extends Error {
  constructor(
    message: string,
    readonly failed: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'QueueSendError';
  }
}

/** A message body that is not what the worker expects: retrying cannot help, so it goes to the DLQ. */
export class MalformedMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedMessageError';
  }
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('chunk size must be a positive integer');
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
