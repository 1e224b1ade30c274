/**
 * When a reader's digest goes out, in pure calendar arithmetic (Intl only, no date library).
 *
 * The delivery rule: an hourly schedule fires on every whole UTC hour. A reader in zone Z with
 * delivery hour H gets the digest of local date D at the first of those instants whose local wall
 * clock in Z reads D H:00 or later. So:
 * - in a zone with a whole-hour offset it arrives at H:00; in a 30- or 45-minute zone (Asia/Kolkata,
 *   Asia/Kathmandu) at H:30 or H:45, still inside hour H;
 * - on the day clocks spring forward past H (H does not exist), it arrives at the first hour after
 *   the gap;
 * - on the day clocks fall back and H happens twice, it arrives in the first H only;
 * and every local date gets exactly one delivery instant.
 */

const HOUR_MS = 3_600_000;
/**
 * How far back a wall clock is compared: no zone repeats more than two hours of its clock (a
 * fall-back of 1 h; Antarctica/Troll's of 2 h), so three earlier instants always include one from
 * before the repeat.
 */
const LOOKBACK_HOURS = 3;
/** Any (zone, hour) is due within this many instants of any moment (a day, plus a DST gap). */
const SEARCH_HOURS = 50;

/** A wall-clock reading in a zone. */
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** 0-23 */
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of an instant in a zone (throws RangeError for an unknown zone). */
export function wallClock(ms: number, timeZone: string) {
  const p: Record<string, number> = {};
  for (const { type, value } of partsFormatter(timeZone).formatToParts(new Date(ms))) {
    if (type !== 'literal') p[type] = Number(value);
  }
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The wall clock of an instant in a zone: local date, hour and minute. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const w = wallClock(instant.getTime(), timeZone);
  return { date: `${w.y}-${pad2(w.mo)}-${pad2(w.d)}`, hour: w.h, minute: w.mi };
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  return localTime(instant, timeZone).date;
}

/** The hour (0-23) the wall clock shows at an instant in a zone. */
export function localHour(instant: Date, timeZone: string): number {
  return localTime(instant, timeZone).hour;
}

export function isDeliveryHour(hour: unknown): hour is number {
  return typeof hour === 'number' && Number.isInteger(hour) && hour >= 0 && hour <= 23;
}

function checkZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`not an IANA time zone: "${timeZone}"`);
}

function checkHour(hour: number): void {
  if (!isDeliveryHour(hour)) throw new RangeError(`delivery hour must be a whole number 0-23, got ${hour}`);
}

function checkInstant(instant: Date, what: string): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime()))
    throw new RangeError(`${what} is not a time`);
}

/** The schedule's instant nearest to a time: whole UTC hours (an event a little late still counts). */
export function scheduledInstant(at: Date): Date {
  checkInstant(at, 'schedule time');
  return new Date(Math.round(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** True when `at` is a whole UTC hour, one of the schedule's instants. */
export function isScheduledInstant(at: Date): boolean {
  return !Number.isNaN(at.getTime()) && at.getTime() % HOUR_MS === 0;
}

/** The local hours of one zone due at one scheduled instant, and the local date they deliver for. */
export interface DueHours {
  /** The local date at the instant: the digest date of everyone due. */
  date: string;
  /** Inclusive range of delivery hours due; empty when `from > to`. Usually one hour. */
  from: number;
  to: number;
}

/**
 * The delivery hours of `timeZone` due at the scheduled instant `at` (a whole UTC hour): those H
 * for which `at` is the first instant whose wall clock reads today H:00 or later. One hour on an
 * ordinary day; the skipped hours too after a spring-forward gap; none in a repeated hour.
 */
export function dueHours(timeZone: string, at: Date): DueHours {
  checkZone(timeZone);
  checkInstant(at, 'delivery instant');
  if (!isScheduledInstant(at))
    throw new RangeError(`delivery instant must be a whole UTC hour: ${at.toISOString()}`);
  const now = localTime(at, timeZone);
  // The latest wall clock the schedule saw before this instant.
  let seen: LocalTime | undefined;
  for (let k = 1; k <= LOOKBACK_HOURS; k++) {
    const before = localTime(new Date(at.getTime() - k * HOUR_MS), timeZone);
    if (!seen || compareLocal(before, seen) > 0) seen = before;
  }
  const latest = seen!;
  if (latest.date > now.date) return { date: now.date, from: 1, to: 0 };
  const from = latest.date < now.date ? 0 : latest.hour + 1;
  return { date: now.date, from, to: now.hour };
}

function compareLocal(a: LocalTime, b: LocalTime): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.hour * 60 + a.minute - (b.hour * 60 + b.minute);
}

/** True when a reader with this zone and hour is due at the scheduled instant `at`. */
export function isDueAt(timeZone: string, hour: number, at: Date): boolean {
  checkHour(hour);
  const due = dueHours(timeZone, at);
  return hour >= due.from && hour <= due.to;
}

/**
 * When the digest of a reader with this zone and delivery hour next goes out, strictly after
 * `after`: the first scheduled instant at which they are due. Sign-up and preference pages show it
 * as "your first digest arrives ...".
 */
export function nextDeliveryAt(timeZone: string, hour: number, after: Date): Date {
  checkZone(timeZone);
  checkHour(hour);
  checkInstant(after, 'after');
  let t = Math.floor(after.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  for (let i = 0; i < SEARCH_HOURS; i++, t += HOUR_MS) {
    if (isDueAt(timeZone, hour, new Date(t))) return new Date(t);
  }
  // Unreachable for any real zone: each local date has one delivery instant.
  throw new RangeError(`no delivery instant for ${timeZone} hour ${hour} after ${after.toISOString()}`);
}

/**
 * The scheduled instant that delivers the digest of local date `date` to a reader with this zone
 * and hour (the `digest --date` counterpart of nextDeliveryAt).
 */
export function deliveryInstantOn(timeZone: string, hour: number, date: string): Date {
  checkZone(timeZone);
  checkHour(hour);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
  // Offsets run from -12 h to +14 h: date D starts no earlier than 14 h before D 00:00 UTC, and
  // its hour 23 ends no later than D+1 12:00 UTC.
  const start = Date.parse(`${date}T00:00:00Z`) - 15 * HOUR_MS;
  for (let t = start; t < start + 64 * HOUR_MS; t += HOUR_MS) {
    const at = new Date(t);
    if (localDate(at, timeZone) === date && isDueAt(timeZone, hour, at)) return at;
  }
  throw new RangeError(`no delivery instant for ${timeZone} hour ${hour} on ${date}`);
}

/** ISO weekday names, 1 Monday ... 7 Sunday. */
export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export function isWeekday(day: unknown): day is number {
  return typeof day === 'number' && Number.isInteger(day) && day >= 1 && day <= 7;
}

function utcDate(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : new Date(Number.NaN);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date)
    throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
  return d;
}

/** The ISO weekday (1 Monday ... 7 Sunday) of a calendar date. */
export function weekdayOf(date: string): number {
  return utcDate(date).getUTCDay() || 7;
}

/**
 * The ISO 8601 week of a calendar date, as `2026-W49`: weeks run Monday to Sunday, and week 1 is
 * the one holding the year's first Thursday, so 2026-12-31 can be in 2026-W53 and 2027-01-01 too.
 * Each week holds each weekday once: a weekly reader's chosen day falls once in every week.
 */
export function isoWeek(date: string): string {
  const d = utcDate(date);
  // The Thursday of the same week decides its year.
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function isIsoWeek(key: string): boolean {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return false;
  const week = Number(m[2]);
  return week >= 1 && week <= 53 && isoWeek(isoWeekMonday(key)) === key;
}

/** The Monday (YYYY-MM-DD) that opens an ISO week `YYYY-Www`. */
export function isoWeekMonday(key: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) throw new RangeError(`not an ISO week like 2026-W49: "${key}"`);
  const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4));
  const monday = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000;
  return new Date(monday + (Number(m[2]) - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** The ISO week `weeks` after (or, negative, before) another. */
export function addWeeks(key: string, weeks: number): string {
  const monday = Date.parse(`${isoWeekMonday(key)}T00:00:00Z`);
  return isoWeek(new Date(monday + weeks * 7 * 86_400_000).toISOString().slice(0, 10));
}

/**
 * When a reader's next digest goes out, strictly after `after`: the next delivery instant, or for a
 * weekly reader (`weeklyOn`, 1 Monday ... 7 Sunday) the next one on that day of their week.
 */
export function nextEditionAt(timeZone: string, hour: number, after: Date, weeklyOn?: number): Date {
  let at = nextDeliveryAt(timeZone, hour, after);
  if (weeklyOn === undefined) return at;
  if (!isWeekday(weeklyOn)) throw new RangeError(`weekday must be 1 (Monday) to 7 (Sunday), got ${weeklyOn}`);
  for (let i = 0; i < 7 && weekdayOf(localDate(at, timeZone)) !== weeklyOn; i++) {
    at = nextDeliveryAt(timeZone, hour, at);
  }
  return at;
}
