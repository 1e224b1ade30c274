/** The choices a subscriber makes (topics, time zone), validated against what the service offers. */
import { isTopicId, TOPIC_IDS } from '../analysis/topics';
import { DEFAULT_DELIVERY_HOUR } from '../shared/types';
import { InvalidDeliveryHourError, InvalidTimeZoneError, InvalidTopicsError } from './errors';
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
