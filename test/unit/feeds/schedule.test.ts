import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../lambdas/feeds/fetch';
import {
  afterFailure,
  afterSuccess,
  backoffDelay,
  DEFAULT_SCHEDULE,
  fetchUrlOf,
  initialState,
  rateLimitDelay,
  validatorsFor,
} from '../../../lambdas/feeds/schedule';

const HOUR = 3_600_000;
const now = new Date('2024-05-02T12:00:00Z');
const feed = { url: 'https://example.org/feed', outlet: 'Ex' };
const opts = (random: number) => ({ ...DEFAULT_SCHEDULE, random: () => random });

describe('backoff (R13)', () => {
  it('doubles per consecutive failure from the base and stops at 24 h', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, opts(0.5)))).toEqual([0.5, 1, 2, 4].map((h) => h * HOUR));
    expect(backoffDelay(20, opts(0.5))).toBe(24 * HOUR);
  });

  it('jitters by at most 25 % either way', () => {
    expect(backoffDelay(3, opts(0))).toBe(1.5 * HOUR);
    expect(backoffDelay(3, opts(0.999999))).toBeLessThanOrEqual(2.5 * HOUR);
    expect(backoffDelay(3, opts(0.999999))).toBeGreaterThan(2.49 * HOUR);
    expect(backoffDelay(30, opts(0.999999))).toBe(24 * HOUR);
  });

  it('resets the failure count after one success', () => {
    let s = initialState(feed, now);
    for (let i = 0; i < 3; i++) s = afterFailure(s, now, { kind: 'network', message: 'x' }, opts(0.5)).state;
    expect(s.consecutiveErrors).toBe(3);
    s = afterSuccess(s, now, { status: 'fetched', httpStatus: 200, unconditional: true }, opts(0.5));
    expect(s.consecutiveErrors).toBe(0);
    expect(s.failingSince).toBeUndefined();
    expect(s.lastErrorKind).toBeUndefined();
  });
});

describe('rate limits (R12)', () => {
  it('waits at least Retry-After, never more than 24 h', () => {
    expect(rateLimitDelay(5 * HOUR, opts(0.5))).toBe(5 * HOUR);
    expect(rateLimitDelay(72 * HOUR, opts(0.5))).toBe(24 * HOUR);
  });

  it('waits 1 to 2 h without Retry-After', () => {
    expect(rateLimitDelay(undefined, opts(0))).toBe(HOUR);
    expect(rateLimitDelay(undefined, opts(0.999))).toBeLessThanOrEqual(2 * HOUR);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 02 May 2024 14:00:00 GMT', now)).toBe(2 * HOUR);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('uses the rate-limit delay for a 503 without Retry-After', () => {
    const s = afterFailure(
      initialState(feed, now),
      now,
      { kind: 'http_error', message: 'x', httpStatus: 503 },
      opts(0),
    ).state;
    expect(s.nextAttemptAt).toBe('2024-05-02T13:00:00.000Z');
  });
});

describe('disabling (R10, R14)', () => {
  it('disables a feed on 410', () => {
    const out = afterFailure(
      initialState(feed, now),
      now,
      { kind: 'gone', message: 'x', httpStatus: 410 },
      opts(0.5),
    );
    expect(out.disabled).toBe('gone');
    expect(out.state.disabled).toBe(true);
  });

  it('keeps polling a failing feed until it has failed for 30 days, then disables it', () => {
    const start = {
      ...initialState(feed, now),
      consecutiveErrors: 40,
      failingSince: '2024-04-03T12:00:01.000Z',
    };
    expect(
      afterFailure(start, now, { kind: 'timeout', message: 'x' }, opts(0.5)).state.disabled,
    ).toBeUndefined();
    const later = new Date('2024-05-04T12:00:00Z');
    const out = afterFailure(start, later, { kind: 'timeout', message: 'x' }, opts(0.5));
    expect(out.disabled).toBe('failing');
    expect(out.state.disabledReason).toMatch(/failing since/);
  });
});

describe('validators (R1, R3) and permanent redirects (R11)', () => {
  const withEtag = {
    ...initialState(feed, now),
    etag: '"a"',
    lastUnconditionalAt: '2024-05-02T01:00:00.000Z',
  };

  it('sends validators within 12 h of the last unconditional GET and none after', () => {
    expect(validatorsFor(withEtag, now, DEFAULT_SCHEDULE)).toEqual({ etag: '"a"' });
    expect(validatorsFor(withEtag, new Date('2024-05-02T13:00:00Z'), DEFAULT_SCHEDULE)).toBeUndefined();
    expect(
      validatorsFor({ ...withEtag, lastUnconditionalAt: undefined }, now, DEFAULT_SCHEDULE),
    ).toBeUndefined();
  });

  it('replaces validators on a 200 and keeps them on a 304', () => {
    const s200 = afterSuccess(
      withEtag,
      now,
      { status: 'fetched', httpStatus: 200, unconditional: false },
      DEFAULT_SCHEDULE,
    );
    expect(s200.etag).toBeUndefined();
    const s304 = afterSuccess(
      withEtag,
      now,
      { status: 'not_modified', httpStatus: 304, unconditional: false },
      DEFAULT_SCHEDULE,
    );
    expect(s304.etag).toBe('"a"');
    expect(s304.lastUnconditionalAt).toBe(withEtag.lastUnconditionalAt);
  });

  it('uses a 301 target only after three runs saw it, and restarts the count when it changes', () => {
    let s = initialState(feed, now);
    const ok = (target: string) => ({
      status: 'fetched' as const,
      httpStatus: 200,
      unconditional: true,
      permanentRedirect: target,
    });
    s = afterSuccess(s, now, ok('https://a.example/feed'), DEFAULT_SCHEDULE);
    s = afterSuccess(s, now, ok('https://b.example/feed'), DEFAULT_SCHEDULE);
    s = afterSuccess(s, now, ok('https://b.example/feed'), DEFAULT_SCHEDULE);
    expect(fetchUrlOf(s, DEFAULT_SCHEDULE)).toBe(feed.url);
    s = afterSuccess(s, now, ok('https://b.example/feed'), DEFAULT_SCHEDULE);
    expect(fetchUrlOf(s, DEFAULT_SCHEDULE)).toBe('https://b.example/feed');
    s = afterSuccess(s, now, { status: 'fetched', httpStatus: 200, unconditional: true }, DEFAULT_SCHEDULE);
    expect(fetchUrlOf(s, DEFAULT_SCHEDULE)).toBe('https://b.example/feed');
  });
});
