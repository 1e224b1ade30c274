/**
 * How dates and times read in a digest, in the reader's zone (Intl only, no date library). A time
 * on the digest's own date shows the clock alone; any other shows its day, so a week-old article
 * can never pass for this morning's: "7:40 AM", "Yesterday 3:15 PM", "Nov 24", "Nov 24, 2024".
 */
import { dateIn, nextDate, parseDigestDate } from './window';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

const utcNoon = (date: string) => {
  const { y, m, d } = parseDigestDate(date);
  return new Date(Date.UTC(y, m - 1, d, 12));
};

/** "Tuesday, May 14, 2025" for a digest date (a calendar date, so no zone shift). */
export function longDate(date: string): string {
  return formatter(
    'long',
    () => new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'full' }),
  ).format(utcNoon(date));
}

/** "Tue, May 14" for a digest date. */
export function shortDate(date: string): string {
  return formatter(
    'short',
    () =>
      new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }),
  ).format(utcNoon(date));
}

/** The day before a YYYY-MM-DD date. */
function previousDate(date: string): string {
  const { y, m, d } = parseDigestDate(date);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

// Newer ICU puts a narrow no-break space before AM/PM; plain text and tests want one kind of space.
const plainSpaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

function clock(iso: string, timeZone: string): string {
  return plainSpaces(
    formatter(
      `c:${timeZone}`,
      () => new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }),
    ).format(new Date(iso)),
  );
}

function monthDay(iso: string, timeZone: string, withYear: boolean): string {
  return formatter(
    `md:${timeZone}:${withYear}`,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        month: 'short',
        day: 'numeric',
        ...(withYear ? { year: 'numeric' } : {}),
      }),
  ).format(new Date(iso));
}

/**
 * When a story was published, as the reader of the digest dated `today` reads it: "7:40 AM" on that
 * date, "Yesterday 3:15 PM" the day before, "Tomorrow 1:05 AM" after it (a web page read later),
 * else "Nov 24" (with the year when it differs).
 */
export function storyTime(iso: string, timeZone: string, today: string): string {
  const day = dateIn(new Date(iso), timeZone);
  if (day === today) return clock(iso, timeZone);
  if (day === previousDate(today)) return `Yesterday ${clock(iso, timeZone)}`;
  if (day === nextDate(today)) return `Tomorrow ${clock(iso, timeZone)}`;
  return monthDay(iso, timeZone, day.slice(0, 4) !== today.slice(0, 4));
}

/**
 * The start of a window in a sentence ("published since …"): "6:00 AM EDT", "yesterday 6:00 AM EDT",
 * or "Mon, May 12, 6:00 AM EDT" when it is further back.
 */
export function sinceTime(iso: string, timeZone: string, today: string): string {
  const day = dateIn(new Date(iso), timeZone);
  const at = `${clock(iso, timeZone)} ${zoneName(iso, timeZone)}`;
  if (day === today) return at;
  if (day === previousDate(today)) return `yesterday ${at}`;
  return `${shortDate(day)}, ${at}`;
}

/** The zone's short name at an instant ("EDT", "GMT+2"). */
export function zoneName(iso: string, timeZone: string): string {
  const f = formatter(
    `z:${timeZone}`,
    () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }),
  );
  return f.formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/**
 * A weekly edition's span, from the local date its window opened to its own date: "Nov 27 – Dec 4",
 * with the years when they differ ("Dec 29, 2025 – Jan 5, 2026").
 */
export function weekSpan(fromIso: string, timeZone: string, date: string): string {
  const from = dateIn(new Date(fromIso), timeZone);
  const years = from.slice(0, 4) !== date.slice(0, 4);
  const md = (d: string) => monthDay(utcNoon(d).toISOString(), 'UTC', years);
  return `${md(from)} – ${md(date)}`;
}
