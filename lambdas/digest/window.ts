/**
 * Calendar arithmetic in a named time zone with Intl only (no date library): the digest date and the
 * window of articles a subscriber gets. How times read to the reader is reader-time.ts.
 */
import { isValidTimeZone, localDate, wallClock } from '../shared/delivery-time';
import { DigestInputError } from './errors';

const HOUR = 3_600_000;
/** How far back a digest reaches when the previous one is older (or missing). */
export const MAX_LOOKBACK_MS = 36 * HOUR;
export const FIRST_LOOKBACK_MS = 24 * HOUR;

export interface DigestWindow {
  /** Inclusive start, ISO. */
  from: string;
  /** Exclusive end, ISO. */
  to: string;
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export const dateIn = localDate;
export { isValidTimeZone };

export function parseDigestDate(date: string): { y: number; m: number; d: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const parsed = m && { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (!parsed || new Date(Date.UTC(parsed.y, parsed.m - 1, parsed.d)).toISOString().slice(0, 10) !== date) {
    throw new DigestInputError(`digest date must be a real YYYY-MM-DD date, got "${date}"`);
  }
  return parsed;
}

/** The instant local midnight starts the given date in the zone (DST-safe: re-checks the offset). */
export function startOfDayIn(date: string, timeZone: string): Date {
  const { y, m, d } = parseDigestDate(date);
  const guess = Date.UTC(y, m - 1, d);
  let t = guess - offsetAt(guess, timeZone);
  const again = guess - offsetAt(t, timeZone);
  if (again !== t) t = again;
  return new Date(t);
}

export function nextDate(date: string): string {
  const { y, m, d } = parseDigestDate(date);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The end of the digest date in the zone: the next local midnight. */
export function endOfDayIn(date: string, timeZone: string): Date {
  return startOfDayIn(nextDate(date), timeZone);
}

/**
 * The articles a subscriber gets in the digest of `date`: first seen since their previous digest,
 * at most 36 h back (24 h for a first digest), up to the end of that date in their zone or now,
 * whichever comes first. An empty window (from >= to) means they already have everything.
 */
export function digestWindow(
  date: string,
  timeZone: string,
  now: Date,
  lastDigestAt: string | undefined,
): DigestWindow {
  const end = Math.min(now.getTime(), endOfDayIn(date, timeZone).getTime());
  const floor = end - (lastDigestAt ? MAX_LOOKBACK_MS : FIRST_LOOKBACK_MS);
  const last = lastDigestAt ? new Date(lastDigestAt).getTime() : Number.NaN;
  const start = Number.isFinite(last) ? Math.max(floor, last) : end - FIRST_LOOKBACK_MS;
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}
