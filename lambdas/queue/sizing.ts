/**
 * How many queue consumers a rate-limited fleet needs, and each one's share of the rate. Used by the
 * construct (event source maximum concurrency) and by the consumer (its own pacing), so the fleet
 * as a whole never exceeds the rate (R34).
 */

/** What one consumer sends comfortably: ~10 concurrent SES calls of ~80 ms each would allow more. */
export const PER_CONSUMER_RATE = 10;

/** Consumers at once for `ratePerSecond`; the SQS event source's maximum concurrency is at least 2. */
export function consumersForRate(ratePerSecond: number, perConsumer = PER_CONSUMER_RATE): number {
  if (!(ratePerSecond > 0)) throw new RangeError('the rate must be above 0');
  return Math.min(1000, Math.max(2, Math.ceil(ratePerSecond / perConsumer)));
}

/** One consumer's share of the rate when `consumers` run at once. */
export function shareOfRate(ratePerSecond: number, consumers: number): number {
  return ratePerSecond / Math.max(1, consumers);
}
