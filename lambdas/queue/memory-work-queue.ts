/**
 * WorkQueue in memory with the delivery rules the Lambda SQS event source follows: batches of up to
 * `batchSize`, at most `maxConcurrency` batches in flight, partial batch failures delivered again,
 * a message received `maxReceiveCount` times moved to the dead letters, and in FIFO mode a message
 * group held by one batch at a time. Used by the unit tests and `npm run load` instead of SQS.
 */
import { type BatchResult, chunk, type ReceivedMessage, type WorkMessage, type WorkQueue } from './ports';

export interface ConsumeOptions {
  batchSize: number;
  maxConcurrency: number;
  /** Receives before a message goes to the dead letters (the redrive policy). */
  maxReceiveCount: number;
}

export interface ConsumeStats {
  invocations: number;
  /** Deliveries, redeliveries included. */
  deliveries: number;
  redeliveries: number;
  deadLettered: number;
  peakConcurrency: number;
}

interface Stored<T> extends ReceivedMessage<T> {}

export class InMemoryWorkQueue<T> implements WorkQueue<T> {
  readonly deadLetters: ReceivedMessage<T>[] = [];
  /** Messages accepted and SendMessageBatch-sized calls, as SQS would count them. */
  readonly sendStats = { messages: 0, calls: 0 };
  private readonly pending: Stored<T>[] = [];
  private readonly seenDeduplicationIds = new Set<string>();
  private nextId = 1;

  constructor(private readonly options: { fifo?: boolean } = {}) {}

  get size(): number {
    return this.pending.length;
  }

  async send(messages: WorkMessage<T>[]): Promise<{ sent: number; calls: number }> {
    const calls = chunk(messages, 10).length;
    let sent = 0;
    for (const m of messages) {
      if (this.options.fifo) {
        if (!m.groupId) throw new RangeError('a FIFO message needs a groupId');
        // SQS keeps deduplication ids for 5 minutes; a load run is shorter than that.
        if (m.deduplicationId) {
          if (this.seenDeduplicationIds.has(m.deduplicationId)) continue;
          this.seenDeduplicationIds.add(m.deduplicationId);
        }
      }
      // Through JSON, as SQS would: a body that does not survive it is a bug to find here.
      const body = JSON.parse(JSON.stringify(m.body)) as T;
      this.pending.push({
        id: `m-${this.nextId++}`,
        body,
        receiveCount: 0,
        ...(m.groupId ? { groupId: m.groupId } : {}),
      });
      sent++;
    }
    this.sendStats.messages += sent;
    this.sendStats.calls += calls;
    return { sent, calls };
  }

  /** Delivers every message to `handler` until the queue is empty; failures are redelivered. */
  async consume(
    handler: (batch: ReceivedMessage<T>[]) => Promise<BatchResult>,
    opts: ConsumeOptions,
  ): Promise<ConsumeStats> {
    const stats: ConsumeStats = {
      invocations: 0,
      deliveries: 0,
      redeliveries: 0,
      deadLettered: 0,
      peakConcurrency: 0,
    };
    const lockedGroups = new Set<string>();
    const inFlight = new Set<Promise<void>>();

    const takeBatch = (): Stored<T>[] => {
      const batch: Stored<T>[] = [];
      const skippedGroups = new Set<string>();
      for (let i = 0; i < this.pending.length && batch.length < opts.batchSize; ) {
        const m = this.pending[i]!;
        const group = this.options.fifo ? m.groupId : undefined;
        if (group && (lockedGroups.has(group) || skippedGroups.has(group))) {
          skippedGroups.add(group);
          i++;
          continue;
        }
        this.pending.splice(i, 1);
        batch.push(m);
      }
      return batch;
    };

    const run = async (batch: Stored<T>[]) => {
      const groups = new Set(batch.map((m) => m.groupId).filter((g): g is string => !!g));
      for (const g of groups) lockedGroups.add(g);
      for (const m of batch) {
        m.receiveCount++;
        stats.deliveries++;
        if (m.receiveCount > 1) stats.redeliveries++;
      }
      let failed: Set<string>;
      try {
        const result = await handler(batch.map((m) => ({ ...m })));
        failed = new Set(result.failedIds);
      } catch {
        failed = new Set(batch.map((m) => m.id)); // a thrown invocation fails the whole batch
      }
      const back: Stored<T>[] = [];
      for (const m of batch) {
        if (!failed.has(m.id)) continue;
        if (m.receiveCount >= opts.maxReceiveCount) {
          this.deadLetters.push({ ...m });
          stats.deadLettered++;
        } else back.push(m);
      }
      // FIFO returns a failed message to the head of its group; a standard queue anywhere.
      if (this.options.fifo) this.pending.unshift(...back);
      else this.pending.push(...back);
      for (const g of groups) lockedGroups.delete(g);
    };

    while (this.pending.length > 0 || inFlight.size > 0) {
      while (inFlight.size < opts.maxConcurrency) {
        const batch = takeBatch();
        if (batch.length === 0) break;
        stats.invocations++;
        const p: Promise<void> = run(batch).finally(() => inFlight.delete(p));
        inFlight.add(p);
        stats.peakConcurrency = Math.max(stats.peakConcurrency, inFlight.size);
      }
      if (inFlight.size === 0) break; // nothing deliverable (cannot happen with unlocked groups)
      await Promise.race(inFlight);
    }
    return stats;
  }
}
