/**
 * Calendar arithmetic in a named time zone with Intl only (no date library): the digest date, the
 * window of articles a subscriber gets and which of them are fresh. How times read to the reader is
 * reader-time.ts.
 */
import { isValidTimeZone, localDate, wallClock } from '../shared/delivery-time';
import type { Article } from '../shared/types';
import { DigestInputError } from './errors';

const HOUR = 3_600_000;
/** How far back a digest reaches when the previous one is older (or missing). */
export const MAX_LOOKBACK_MS = 36 * HOUR;
export const FIRST_LOOKBACK_MS = 24 * HOUR;
/** A weekly edition covers the week since the last one, at most 8 days back (7 for a first one). */
export const WEEKLY_MAX_LOOKBACK_MS = 8 * 24 * HOUR;
export const WEEKLY_FIRST_LOOKBACK_MS = 7 * 24 * HOUR;
/**
 * How much older than the window an article reaching us inside it may be: a feed that publishes
 * late still gets its news in, while a new feed's backlog and re-dated old items stay out.
 */
export const LATE_ARRIVAL_MS = 48 * HOUR;

export interface DigestWindow {
  /** Inclusive start, ISO: articles first seen from here on are new to the reader. */
  from: string;
  /** Exclusive end, ISO. */
  to: string;
  /**
   * The oldest publication time let in (48 h before `from`): what the header can tell the reader
   * to check. Absent on windows made before freshness existed.
   */
  publishedSince?: string;
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

/** The date `days` after (or, negative, before) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const { y, m, d } = parseDigestDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The end of the digest date in the zone: the next local midnight. */
export function endOfDayIn(date: string, timeZone: string): Date {
  return startOfDayIn(nextDate(date), timeZone);
}

/**
 * When the digest of `date` closes for a reader: the run's reference time (the scheduled instant
 * that found them due, or now for a manual run), but never after that date ends in their zone.
 */
export function windowEnd(date: string, timeZone: string, now: Date): Date {
  const end = endOfDayIn(date, timeZone);
  return end.getTime() < now.getTime() ? end : now;
}

/**
 * The window of a reader's digest ending at `end`: from where their previous digest ended, at most
 * 36 h back (24 h for a first digest); for a weekly edition at most 8 days (7 for a first one). An empty window (from >= to) means they already have
 * everything.
 */
export function digestWindow(
  end: Date,
  lastEnd: string | undefined,
  cadence: 'daily' | 'weekly' = 'daily',
): DigestWindow {
  const [max, first] =
    cadence === 'weekly'
      ? [WEEKLY_MAX_LOOKBACK_MS, WEEKLY_FIRST_LOOKBACK_MS]
      : [MAX_LOOKBACK_MS, FIRST_LOOKBACK_MS];
  const to = end.getTime();
  const last = lastEnd ? new Date(lastEnd).getTime() : Number.NaN;
  const from = Number.isFinite(last) ? Math.max(to - max, last) : to - first;
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    publishedSince: new Date(from - LATE_ARRIVAL_MS).toISOString(),
  };
}

/**
 * When an article counts as published: its own date, unless that is missing, unreadable or later
 * than we first saw it (a feed's clock, or a date in the future), when the first sighting counts.
 */
export function publishedTime(article: Pick<Article, 'publishedAt' | 'firstSeenAt'>): string {
  const published = Date.parse(article.publishedAt);
  const seen = Date.parse(article.firstSeenAt);
  if (!Number.isFinite(published) || published > seen) return article.firstSeenAt;
  return new Date(published).toISOString();
}

/**
 * The articles a window's digest may hold: new to us inside it (first seen in [from, to)) and
 * published no earlier than 48 h before it opened, each carrying its counted publication time, so
 * every time shown is when the news came out. A new feed's backlog and old items re-dated by their
 * feed stay out.
 */
export function freshInWindow(articles: readonly Article[], window: DigestWindow): Article[] {
  const since = window.publishedSince ?? new Date(Date.parse(window.from) - LATE_ARRIVAL_MS).toISOString();
  const out: Article[] = [];
  for (const a of articles) {
    if (a.firstSeenAt < window.from || a.firstSeenAt >= window.to) continue;
    const publishedAt = publishedTime(a);
    if (publishedAt < since) continue;
    out.push(publishedAt === a.publishedAt ? a : { ...a, publishedAt });
  }
  return out;
}
