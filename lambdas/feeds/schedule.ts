/**
 * Feed state transitions: when to try next (R12, R13), when to give up (R10, R14), when to drop
 * validators (R3), and when a permanent redirect becomes the feed's address (R11). Pure functions.
 */
import type { FeedConfig, FeedErrorKind, FeedState, FeedStatus } from '../shared/types';

export interface ScheduleOptions {
  /** Wait after a successful poll. Default 30 min. */
  pollIntervalMs: number;
  /** First retry delay after a failure; doubles per consecutive failure. Default 30 min. */
  backoffBaseMs: number;
  /** Ceiling of any delay (R12, R13). Default 24 h. */
  maxDelayMs: number;
  /** Longest time between unconditional GETs (R3). Default 12 h. */
  unconditionalEveryMs: number;
  /** A feed failing this long is disabled (R14). Default 30 days. */
  disableAfterFailingMs: number;
  /** Runs a 301/308 target must be seen on before it is used (R11). Default 3. */
  redirectConfirmations: number;
  /** Uniform [0, 1) source for jitter; a seam for tests. */
  random: () => number;
}

const HOUR = 3_600_000;

export const DEFAULT_SCHEDULE: ScheduleOptions = {
  pollIntervalMs: 30 * 60_000,
  backoffBaseMs: 30 * 60_000,
  maxDelayMs: 24 * HOUR,
  unconditionalEveryMs: 12 * HOUR,
  disableAfterFailingMs: 30 * 24 * HOUR,
  redirectConfirmations: 3,
  random: Math.random,
};

export function initialState(feed: FeedConfig, now: Date): FeedState {
  return { url: feed.url, outlet: feed.outlet, consecutiveErrors: 0, nextAttemptAt: now.toISOString() };
}

export function isDue(state: FeedState, now: Date): boolean {
  return !state.disabled && Date.parse(state.nextAttemptAt) <= now.getTime();
}

/** The URL to request: the configured one, or a permanent redirect confirmed often enough. */
export function fetchUrlOf(state: FeedState, opts: ScheduleOptions): string {
  const p = state.pendingRedirect;
  return p && p.seen >= opts.redirectConfirmations ? p.url : state.url;
}

/** Validators to send, or none when an unconditional GET is due (R3). */
export function validatorsFor(
  state: FeedState,
  now: Date,
  opts: ScheduleOptions,
): { etag?: string; lastModified?: string } | undefined {
  if (!state.etag && !state.lastModified) return undefined;
  const last = state.lastUnconditionalAt ? Date.parse(state.lastUnconditionalAt) : Number.NaN;
  if (Number.isNaN(last) || now.getTime() - last >= opts.unconditionalEveryMs) return undefined;
  return {
    ...(state.etag ? { etag: state.etag } : {}),
    ...(state.lastModified ? { lastModified: state.lastModified } : {}),
  };
}

/** R13: min(base * 2^(n-1), max) with +-25 % jitter, never above max. */
export function backoffDelay(consecutiveErrors: number, opts: ScheduleOptions): number {
  const n = Math.max(1, consecutiveErrors);
  const raw = Math.min(opts.backoffBaseMs * 2 ** Math.min(n - 1, 30), opts.maxDelayMs);
  const jitter = 1 + (opts.random() * 0.5 - 0.25);
  return Math.min(Math.round(raw * jitter), opts.maxDelayMs);
}

/** R12: at least Retry-After, 1-2 h without it, never more than the ceiling. */
export function rateLimitDelay(retryAfterMs: number | undefined, opts: ScheduleOptions): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), opts.maxDelayMs);
  return Math.min(HOUR + Math.round(opts.random() * HOUR), opts.maxDelayMs);
}

function recordRedirect(state: FeedState, target: string | undefined): FeedState['pendingRedirect'] {
  if (!target || target === state.url) return undefined;
  const p = state.pendingRedirect;
  return { url: target, seen: p && p.url === target ? p.seen + 1 : 1 };
}

export interface SuccessInput {
  status: Extract<FeedStatus, 'fetched' | 'not_modified'>;
  httpStatus: number;
  unconditional: boolean;
  etag?: string;
  lastModified?: string;
  permanentRedirect?: string;
}

export function afterSuccess(state: FeedState, now: Date, r: SuccessInput, opts: ScheduleOptions): FeedState {
  const iso = now.toISOString();
  const next: FeedState = {
    url: state.url,
    outlet: state.outlet,
    lastStatus: r.status,
    lastHttpStatus: r.httpStatus,
    consecutiveErrors: 0,
    lastFetchedAt: iso,
    lastSuccessAt: iso,
    nextAttemptAt: new Date(now.getTime() + opts.pollIntervalMs).toISOString(),
  };
  // A 304 keeps the validators it answered; a 200 replaces them with its own (or none).
  const etag = r.status === 'not_modified' ? (r.etag ?? state.etag) : r.etag;
  const lastModified = r.status === 'not_modified' ? (r.lastModified ?? state.lastModified) : r.lastModified;
  if (etag) next.etag = etag;
  if (lastModified) next.lastModified = lastModified;
  // A forced fetch of a disabled feed does not re-enable it: that is an operator's decision.
  if (state.disabled) {
    next.disabled = true;
    if (state.disabledReason) next.disabledReason = state.disabledReason;
  }
  const unconditionalAt = r.unconditional ? iso : state.lastUnconditionalAt;
  if (unconditionalAt) next.lastUnconditionalAt = unconditionalAt;
  const pending = recordRedirect(state, r.permanentRedirect);
  if (pending) next.pendingRedirect = pending;
  else if (state.pendingRedirect && state.pendingRedirect.seen >= opts.redirectConfirmations) {
    // Already moved: we fetched from the new URL directly, so there was no redirect to see.
    next.pendingRedirect = state.pendingRedirect;
  }
  return next;
}

export interface FailureInput {
  kind: FeedErrorKind;
  message: string;
  httpStatus?: number;
  retryAfterMs?: number;
}

export interface FailureOutcome {
  state: FeedState;
  /** Set when this failure disabled the feed: an operator must hear of it (R10, R14). */
  disabled?: 'gone' | 'failing';
}

export function afterFailure(
  state: FeedState,
  now: Date,
  f: FailureInput,
  opts: ScheduleOptions,
): FailureOutcome {
  const iso = now.toISOString();
  const n = state.consecutiveErrors + 1;
  const failingSince = state.failingSince ?? iso;
  const delay =
    f.kind === 'rate_limited' || f.httpStatus === 429 || f.httpStatus === 503
      ? rateLimitDelay(f.retryAfterMs, opts)
      : backoffDelay(n, opts);
  const next: FeedState = {
    ...state,
    lastStatus: 'error',
    lastErrorKind: f.kind,
    lastError: f.message.slice(0, 500),
    consecutiveErrors: n,
    failingSince,
    lastFetchedAt: iso,
    nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
  };
  if (f.httpStatus !== undefined) next.lastHttpStatus = f.httpStatus;
  else delete next.lastHttpStatus;
  if (f.kind === 'gone') {
    return { state: { ...next, disabled: true, disabledReason: 'HTTP 410 Gone' }, disabled: 'gone' };
  }
  if (now.getTime() - Date.parse(failingSince) >= opts.disableAfterFailingMs) {
    return {
      state: { ...next, disabled: true, disabledReason: `failing since ${failingSince}: ${f.kind}` },
      disabled: 'failing',
    };
  }
  return { state: next };
}
