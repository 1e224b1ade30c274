/**
 * Coalesces the item reads and writes of concurrent callers into DynamoDB's batch operations: writes
 * 25 to a BatchWriteItem, reads 100 keys to a BatchGetItem. A feed's new articles, another feed's
 * seen-keys and a third feed's state, arriving within a few milliseconds of each other, then share
 * one request where they would have taken three. Each caller's promise settles when its own items
 * are written (or read), so callers keep their own write order by awaiting one step before the next.
 *
 * A batch never names one key twice (DynamoDB refuses such a request). A write of a key that is
 * still queued replaces the queued one (the later write wins, as it would have anyway), and a write
 * of a key in a batch now being sent waits for that batch, so writes of one key land in order and
 * many feeds sharing one link never queue up behind each other.
 */

export interface KeyedRequest<R> {
  /** A stable string of the item's primary key, to keep one key out of a batch twice. */
  key: string;
  request: R;
}

interface Pending<R, T> extends KeyedRequest<R> {
  /** Every caller waiting on this key's write: a replaced request's callers wait on its successor. */
  waiters: { resolve(value: T): void; reject(err: unknown): void }[];
}

export interface BatcherOptions {
  /** Items per request: 25 for BatchWriteItem, 100 for BatchGetItem. */
  max: number;
  /** How long a part-filled batch waits for company. @default 5 */
  delayMs?: number;
}

/**
 * `send` takes up to `max` requests with distinct keys and returns one result per request, in order
 * (undefined where there is nothing to return), retrying what DynamoDB left unprocessed itself.
 */
export class Batcher<R, T> {
  private queue: Pending<R, T>[] = [];
  /** The queued (not yet sent) request of each key. */
  private byKey = new Map<string, Pending<R, T>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Keys in batches now being sent: a later write of the same key waits for them. */
  private inFlight = new Map<string, number>();
  private readonly delayMs: number;

  constructor(
    private readonly send: (requests: R[]) => Promise<T[]>,
    private readonly options: BatcherOptions,
  ) {
    this.delayMs = options.delayMs ?? 5;
  }

  /** Queues the requests; resolves with their results once every one of them has been sent. */
  run(requests: KeyedRequest<R>[]): Promise<T[]> {
    if (requests.length === 0) return Promise.resolve([]);
    const done = requests.map(
      (r) =>
        new Promise<T>((resolve, reject) => {
          const queued = this.byKey.get(r.key);
          if (queued) {
            queued.request = r.request;
            queued.waiters.push({ resolve, reject });
          } else {
            const p: Pending<R, T> = { ...r, waiters: [{ resolve, reject }] };
            this.queue.push(p);
            this.byKey.set(r.key, p);
          }
        }),
    );
    this.schedule();
    return Promise.all(done);
  }

  private schedule(): void {
    if (this.sendable() >= this.options.max) this.flush(false);
    if (this.queue.length > 0)
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.flush(true);
      }, this.delayMs);
  }

  /** How many queued requests could go out now. */
  private sendable(): number {
    let n = 0;
    for (const p of this.queue) if (!this.inFlight.has(p.key)) n++;
    return n;
  }

  /** Sends full batches; with `all`, the part-filled last one too. */
  private flush(all: boolean): void {
    while (this.queue.length > 0 && (all || this.sendable() >= this.options.max)) {
      const batch: Pending<R, T>[] = [];
      const keys = new Set<string>();
      const rest: Pending<R, T>[] = [];
      for (const p of this.queue) {
        if (batch.length < this.options.max && !keys.has(p.key) && !this.inFlight.has(p.key)) {
          batch.push(p);
          keys.add(p.key);
        } else rest.push(p);
      }
      if (batch.length === 0) return; // what is left waits for its key's batch in flight
      this.queue = rest;
      for (const p of batch) this.byKey.delete(p.key);
      for (const k of keys) this.inFlight.set(k, (this.inFlight.get(k) ?? 0) + 1);
      this.send(batch.map((p) => p.request)).then(
        (results) => {
          this.release(keys);
          batch.forEach((p, i) => {
            for (const w of p.waiters) w.resolve(results[i] as T);
          });
        },
        (err: unknown) => {
          this.release(keys);
          for (const p of batch) for (const w of p.waiters) w.reject(err);
        },
      );
    }
  }

  private release(keys: Set<string>): void {
    for (const k of keys) {
      const n = (this.inFlight.get(k) ?? 1) - 1;
      if (n > 0) this.inFlight.set(k, n);
      else this.inFlight.delete(k);
    }
    if (this.queue.length > 0) this.schedule();
  }
}
