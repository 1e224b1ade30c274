/** Sending at the provider's rate (R34): evenly spaced starts, and backoff when throttled anyway. */

import { type Mailer, MailThrottledError, type OutgoingMessage, type SentMessage } from '../mail/ports';
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

export interface BackoffOptions {
  sleep: Sleep;
  /** Attempts in all, the first included. */
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  onThrottled?: (attempt: number, waitMs: number) => void;
}

/** Sends, retrying only throttling (a refusal: nothing went out) with doubling waits. */
export async function sendWithBackoff(
  mailer: Mailer,
  message: OutgoingMessage,
  options: BackoffOptions,
): Promise<SentMessage> {
  const attempts = options.attempts ?? 5;
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await mailer.send(message);
    } catch (err) {
      if (!(err instanceof MailThrottledError) || attempt >= attempts) throw err;
      const wait = Math.min(max, base * 2 ** (attempt - 1));
      options.onThrottled?.(attempt, wait);
      await options.sleep(wait);
    }
  }
}
