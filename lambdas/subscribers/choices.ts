/**
 * The choices a subscriber makes (topics, time zone, hour, daily or weekly, actors followed),
 * validated against what the service offers.
 */
import { isTopicId, TOPIC_IDS } from '../analysis/topics';
import { WEEKDAYS } from '../shared/delivery-time';
import { DEFAULT_DELIVERY_HOUR, MAX_FOLLOWED_ACTORS } from '../shared/types';
import {
  InvalidActorsError,
  InvalidCadenceError,
  InvalidDeliveryHourError,
  InvalidTimeZoneError,
  InvalidTopicsError,
} from './errors';
import { currentZoneName } from './zones';

/** Deduplicated known topic ids in taxonomy order; none given means every topic (CLI contract). */
export function parseTopics(
  input: readonly string[] | undefined,
  options: { allowEmpty?: boolean } = {},
): string[] {
  if (input === undefined) return [...TOPIC_IDS];
  const ids = input.map((t) => t.trim()).filter((t) => t !== '');
  const unknown = ids.filter((t) => !isTopicId(t));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 3).map((t) => `"${t.slice(0, 40)}"`);
    throw new InvalidTopicsError(`unknown topic ${shown.join(', ')}; known topics: ${TOPIC_IDS.join(', ')}`);
  }
  if (ids.length === 0 && !options.allowEmpty)
    throw new InvalidTopicsError('please choose at least one topic');
  const chosen = new Set(ids);
  return TOPIC_IDS.filter((t) => chosen.has(t));
}

export { timeZones } from './zones';

/** The zone's current IANA name (Europe/Kiev and US/Eastern are taken, as Europe/Kyiv and America/New_York). */
export function parseTimeZone(input: string | undefined, fallback: string): string {
  const tz = input?.trim() || fallback;
  const current = currentZoneName(tz);
  if (!current) throw new InvalidTimeZoneError(tz);
  return current;
}

/** A local hour of delivery, 0-23, as a number or as the form's "H", "HH" or "HH:00"; none gives the default. */
export function parseDeliveryHour(input: number | string | undefined): number {
  if (input === undefined || input === '') return DEFAULT_DELIVERY_HOUR;
  const text = String(input).trim();
  const m = /^(\d{1,2})(?::00)?$/.exec(text);
  const hour = m ? Number(m[1]) : Number.NaN;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new InvalidDeliveryHourError(text);
  return hour;
}

/** A day of the week as 1 (Monday) to 7 (Sunday), from that number, a name or its first three letters. */
export function parseWeekday(input: number | string): number {
  const text = String(input).trim().toLowerCase();
  if (/^[1-7]$/.test(text)) return Number(text);
  const i = WEEKDAYS.findIndex((d) => d.toLowerCase() === text || d.slice(0, 3).toLowerCase() === text);
  if (i < 0) throw new InvalidCadenceError(`"${text.slice(0, 20)}" is not a day of the week`);
  return i + 1;
}

/**
 * "How often": `daily`, or `weekly` on a day (a weekday as parseWeekday reads it). Returns the
 * record's `weeklyOn`: undefined for daily. Weekly without a day takes `fallbackDay`.
 */
export function parseCadence(
  cadence: string | undefined,
  weekday: number | string | undefined,
  fallbackDay?: number,
): number | undefined {
  const how = (cadence ?? 'daily').trim().toLowerCase();
  if (how === 'daily') return undefined;
  if (how !== 'weekly') throw new InvalidCadenceError(`"${how.slice(0, 20)}" is neither daily nor weekly`);
  if (weekday === undefined || weekday === '') {
    if (fallbackDay === undefined)
      throw new InvalidCadenceError('please choose the day of the weekly edition');
    return fallbackDay;
  }
  return parseWeekday(weekday);
}

/**
 * The actors a reader follows: ids the gazetteer knows, each once, in the order given, at most
 * MAX_FOLLOWED_ACTORS. An unknown id is refused, not dropped: it would never match a story.
 * The gazetteer is loaded on first use (import()), so a function that never checks an actor does
 * not evaluate it at cold start.
 */
export async function parseFollowedActors(ids: readonly string[]): Promise<string[]> {
  const { actorById } = await import('../analysis/find-actors');
  const unique = [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
  const unknown = unique.filter((id) => !actorById(id));
  if (unknown.length) {
    throw new InvalidActorsError(
      `no known actor has the id ${unknown
        .slice(0, 3)
        .map((id) => `"${id.slice(0, 60)}"`)
        .join(', ')}`,
    );
  }
  if (unique.length > MAX_FOLLOWED_ACTORS) {
    throw new InvalidActorsError(
      `you can follow up to ${MAX_FOLLOWED_ACTORS} people, states and organisations`,
    );
  }
  return unique;
}
