/**
 * What a CLI command is: its usage, its options, a check of its arguments that runs before anything
 * opens the store (so a typo never meets a store lock), and its implementation, loaded only when that
 * command runs (so `feeds list` does not load the analyzer or the email renderer).
 */
import type { ParseArgsConfig } from 'node:util';
import type { Log } from '../../lambdas/shared/log';
import { currentZoneName } from '../../lambdas/subscribers/zones';
import type { Runtime } from '../local/runtime';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Parsed {
  values: Values;
  /** After the command name: the subcommand and its arguments. */
  positionals: string[];
}

export interface CommandContext<A> {
  args: A;
  /** The store, mailer and configuration; absent for commands that need no store. */
  rt: Runtime;
  log: Log;
}

export interface Command<A> {
  /** One line per form, as `help` prints them. */
  usage: string[];
  options: NonNullable<ParseArgsConfig['options']>;
  /**
   * Validates the arguments, before the store opens; throws UsageError naming what is wrong. May
   * load what it needs to check (the gazetteer, for names of actors).
   */
  check(parsed: Parsed): A | Promise<A>;
  /** Commands that read or write no state (analyze) run without opening the store. */
  store?: boolean;
  run(): Promise<{ run(ctx: CommandContext<A>): Promise<number> }>;
}

export const defineCommand = <A>(command: Command<A>): Command<unknown> => command as Command<unknown>;

// Small argument checks shared by the commands' specs.

export const str = (values: Values, name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};

export const strings = (values: Values, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

export const flag = (values: Values, name: string): boolean => values[name] === true;

export function date(values: Values, name: string): string | undefined {
  const v = str(values, name);
  if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v))
    throw new UsageError(`--${name} must be YYYY-MM-DD, got "${v}"`);
  return v;
}

/** A date, or an ISO week (`2026-W49`: the key of that week's weekly editions). */
export function dateOrWeek(values: Values, name: string): string | undefined {
  const v = str(values, name);
  if (v !== undefined && !/^\d{4}-(\d{2}-\d{2}|W\d{2})$/.test(v))
    throw new UsageError(`--${name} must be YYYY-MM-DD, or an ISO week like 2026-W49, got "${v}"`);
  return v;
}

/** An ISO 8601 instant with a zone or offset ("2025-03-09T07:00:00Z"); a bare local time is ambiguous. */
export function instant(values: Values, name: string): Date | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(v)
    ? Date.parse(v)
    : Number.NaN;
  if (Number.isNaN(t))
    throw new UsageError(
      `--${name} must be an ISO instant with a zone, like 2025-03-09T07:00:00Z, got "${v}"`,
    );
  return new Date(t);
}

export function integer(values: Values, name: string, min: number, max: number): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${v}"`);
  return n;
}

/** An IANA zone, given as its current name (a legacy alias such as Europe/Kiev is taken as Europe/Kyiv). */
export function zone(values: Values, name: string): string | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const current = currentZoneName(v.trim());
  if (!current) throw new UsageError(`--${name} must be an IANA time zone such as Europe/Berlin, got "${v}"`);
  return current;
}

export function list(values: Values, name: string): string[] | undefined {
  return str(values, name)
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The subcommand, one of `allowed`. */
export function subcommand(parsed: Parsed, command: string, allowed: string[]): string {
  const sub = parsed.positionals[0];
  if (!sub || !allowed.includes(sub))
    throw new UsageError(
      `${command} needs ${allowed.slice(0, -1).join(', ')}${allowed.length > 1 ? ' or ' : ''}${allowed.at(-1)}${sub ? `, got "${sub}"` : ''}`,
    );
  return sub;
}

export function noMore(parsed: Parsed, used: number, what: string): void {
  const extra = parsed.positionals.slice(used);
  if (extra.length) throw new UsageError(`${what} takes no further argument, got "${extra.join(' ')}"`);
}

/** A day of the week: a name, its first three letters, or 1 (Monday) to 7 (Sunday). */
export function weekday(values: Values, name: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  const t = v.trim().toLowerCase();
  const i = /^[1-7]$/.test(t) ? Number(t) - 1 : days.findIndex((d) => d === t || d.slice(0, 3) === t);
  if (i < 0) throw new UsageError(`--${name} must be a day of the week such as friday, got "${v}"`);
  return i + 1;
}

/**
 * Actors named in a comma-separated list ("Kim Jong Un,NATO"), resolved to canonical ids as `actors
 * show` resolves a name. A name that finds nobody, or several, is refused with the names it could
 * mean, before the store opens.
 */
export async function actorNames(values: Values, name: string): Promise<string[] | undefined> {
  const names = list(values, name);
  if (names === undefined) return undefined;
  const { followableActors, nearActors } = await import('../../lambdas/analysis/find-actors');
  const ids: string[] = [];
  for (const n of names) {
    const found = followableActors(n);
    if (found.length === 1) ids.push(found[0]!.id);
    else if (found.length > 1)
      throw new UsageError(
        `--${name}: "${n}" may mean ${found.map((a) => a.name).join(', ')}; give the full name`,
      );
    else {
      const near = nearActors(n);
      throw new UsageError(
        `--${name}: no known actor is called "${n}"${near.length ? `; did you mean ${near.map((a) => a.name).join(', ')}?` : ''}`,
      );
    }
  }
  const { MAX_FOLLOWED_ACTORS } = await import('../../lambdas/shared/types');
  const unique = [...new Set(ids)];
  if (unique.length > MAX_FOLLOWED_ACTORS)
    throw new UsageError(
      `--${name}: a reader follows at most ${MAX_FOLLOWED_ACTORS} actors, got ${unique.length}`,
    );
  return unique;
}
