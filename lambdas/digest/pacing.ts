/** Sending at the provider's rate (R34): evenly spaced starts, and backoff when throttled anyway. */

import type { Clock } from '../shared/clock';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Hands out start times `1000 / rate` ms apart. Slots are reserved synchronously, so concurrent
 * senders sharing one pacer still keep to the rate.
 */
export class Pacer {
  private next = 0;
  private readonly interval: number;

  constructor(
    ratePerSecond: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {
    this.interval = 1000 / ratePerSecond;
  }

  async wait(): Promise<void> {
    const now = this.clock.now().getTime();
    const slot = Math.max(now, this.next);
    this.next = slot + this.interval;
    if (slot > now) await this.sleep(slot - now);
  }
}

/**
 * How long to wait after the `attempt`-th throttled send: doubling from a second (or one send
 * interval, if longer), at most 30 s.
 */
export function throttleWait(attempt: number, ratePerSecond: number, maxMs = 30_000): number {
  const base = Math.max(1000, 1000 / ratePerSecond);
  return Math.min(maxMs, base * 2 ** (attempt - 1));
}
