/**
 * A per-key sliding-window limit held in memory. Each Lambda instance keeps its own, so across a
 * fleet it is a per-instance bound; the API's stage throttling bounds the whole fleet and the
 * per-address limit lives on the subscriber record. Good enough against a single noisy client.
 */
export class MemoryRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Records a hit; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, nowMs: number): number {
    const since = nowMs - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return Math.max(1, Math.ceil((recent[0]! + this.windowMs - nowMs) / 1000));
    }
    recent.push(nowMs);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.prune(since);
    return 0;
  }

  private prune(since: number): void {
    for (const [k, times] of this.hits) if (!times.some((t) => t > since)) this.hits.delete(k);
    // Still full of live keys (a spread-out flood): forget the oldest rather than grow without bound.
    for (const k of this.hits.keys()) {
      if (this.hits.size <= this.maxKeys) break;
      this.hits.delete(k);
    }
  }
}
