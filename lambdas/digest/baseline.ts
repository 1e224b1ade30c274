/**
 * The "In the news" baseline: how often each actor was named over the 30 days before a digest's
 * date, read from the store's actor-by-day entries (no article is read). A run reads it once; a
 * warm sender keeps it across the messages of a day.
 */
import type { Log } from '../shared/log';
import type { ActorDayCount, ArticleStore } from '../store/ports';
import { type ActorBaseline, actorBaseline } from './compose';
import { parseDigestDate } from './window';

export const BASELINE_DAYS = 30;

function shiftDate(date: string, days: number): string {
  const { y, m, d } = parseDigestDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The UTC days the baseline of a digest date covers: the 30 before it. */
export function baselineDays(date: string): { from: string; to: string } {
  return { from: shiftDate(date, -BASELINE_DAYS), to: shiftDate(date, -1) };
}

/**
 * Reads a date's baseline. A failed read is logged and gives none: the digest then ranks "In the
 * news" by count, which is worse, but no reason to send nothing.
 */
export async function loadActorBaseline(
  articles: Pick<ArticleStore, 'actorDays'>,
  date: string,
  log: Log,
): Promise<ActorBaseline | undefined> {
  const { from, to } = baselineDays(date);
  try {
    return actorBaseline(await articles.actorDays(from, to));
  } catch (err) {
    log.warn('could not read the "In the news" baseline; ranking by count', {
      date,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
    return undefined;
  }
}

/**
 * Keeps the last few baselines a warm function read, by range: every message of a day's runs asks
 * for the same 30 days. A failed read is forgotten, so the next message tries again.
 */
export function memoizedActorDays<T extends Pick<ArticleStore, 'actorDays'>>(articles: T, maxRanges = 2): T {
  const ranges = new Map<string, Promise<ActorDayCount[]>>();
  const actorDays = (fromDay: string, toDay: string) => {
    const key = `${fromDay}|${toDay}`;
    let hit = ranges.get(key);
    if (!hit) {
      hit = articles.actorDays(fromDay, toDay);
      hit.catch(() => ranges.delete(key));
      ranges.set(key, hit);
      while (ranges.size > maxRanges) ranges.delete(ranges.keys().next().value as string);
    }
    return hit;
  };
  return new Proxy(articles, {
    get(target, prop) {
      if (prop === 'actorDays') return actorDays;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
