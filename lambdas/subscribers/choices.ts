/** The choices a subscriber makes (topics, time zone), validated against what the service offers. */
import { isTopicId, TOPIC_IDS } from '../analysis/topics';
import { InvalidTimeZoneError, InvalidTopicsError } from './errors';

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

let zones: readonly string[] | undefined;

/** IANA zones the runtime knows, UTC included, sorted. */
export function timeZones(): readonly string[] {
  zones ??= [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort();
  return zones;
}

export function parseTimeZone(input: string | undefined, fallback: string): string {
  const tz = input?.trim() || fallback;
  if (tz.length > 64 || !timeZones().includes(tz)) {
    // Aliases such as "US/Eastern" are valid for Intl but not listed; accept them by their canonical name.
    try {
      const canonical = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
      if (tz.length <= 64 && timeZones().includes(canonical)) return canonical;
    } catch {
      // falls through to the error
    }
    throw new InvalidTimeZoneError(tz);
  }
  return tz;
}
