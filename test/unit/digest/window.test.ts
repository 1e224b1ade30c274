import { describe, expect, it } from 'vitest';
import { DigestInputError } from '../../../lambdas/digest/errors';
import {
  dateIn,
  digestWindow,
  endOfDayIn,
  freshInWindow,
  parseDigestDate,
  publishedTime,
  startOfDayIn,
  windowEnd,
} from '../../../lambdas/digest/window';
import { article } from './fixtures';

describe('digest window', () => {
  const end = new Date('2025-05-14T10:00:00.000Z');

  it('reaches back 24 hours for a first digest', () => {
    expect(digestWindow(end, undefined)).toMatchObject({
      from: '2025-05-13T10:00:00.000Z',
      to: '2025-05-14T10:00:00.000Z',
    });
  });

  it('starts where the previous digest ended when that is recent', () => {
    expect(digestWindow(end, '2025-05-13T09:00:00.000Z').from).toBe('2025-05-13T09:00:00.000Z');
  });

  it('reaches back at most 36 hours when the previous digest is older', () => {
    expect(digestWindow(end, '2025-05-10T10:00:00.000Z').from).toBe('2025-05-12T22:00:00.000Z');
  });

  it('is empty when the previous digest already covered it', () => {
    const w = digestWindow(end, '2025-05-14T11:00:00.000Z');
    expect(w.from >= w.to).toBe(true);
  });

  it('lets in articles published up to 48 hours before it opens, and says from when', () => {
    expect(digestWindow(end, undefined).publishedSince).toBe('2025-05-11T10:00:00.000Z');
  });

  it("ends at the run's time, or where the date ends in the reader's zone if that came first", () => {
    const now = new Date('2025-05-14T16:00:00.000Z');
    expect(windowEnd('2025-05-14', 'America/New_York', now).toISOString()).toBe(now.toISOString());
    expect(windowEnd('2025-05-14', 'Asia/Tokyo', now).toISOString()).toBe('2025-05-14T15:00:00.000Z');
    expect(windowEnd('2025-05-12', 'Europe/Berlin', now).toISOString()).toBe('2025-05-12T22:00:00.000Z');
  });
});

describe('freshness', () => {
  const window = digestWindow(new Date('2025-05-14T10:00:00.000Z'), '2025-05-13T10:00:00.000Z');
  const seen = '2025-05-14T08:00:00.000Z';
  const ids = (list: ReturnType<typeof freshInWindow>) => list.map((a) => a.id);

  it('keeps an article first seen in the window and published in it', () => {
    expect(
      ids(freshInWindow([article({ id: 'a', title: 'A', firstSeenAt: seen, publishedAt: seen })], window)),
    ).toEqual(['a']);
  });

  it('keeps a late arrival published less than 48 hours before the window opened', () => {
    const late = article({
      id: 'late',
      title: 'Late',
      firstSeenAt: seen,
      publishedAt: '2025-05-12T12:00:00.000Z',
    });
    expect(ids(freshInWindow([late], window))).toEqual(['late']);
  });

  it("keeps a new feed's backlog and week-old items out, though first seen now", () => {
    const old = article({
      id: 'old',
      title: 'Old',
      firstSeenAt: seen,
      publishedAt: '2025-05-07T11:00:00.000Z',
    });
    const edge = article({
      id: 'edge',
      title: 'Edge',
      firstSeenAt: seen,
      publishedAt: '2025-05-11T09:59:59.000Z',
    });
    expect(ids(freshInWindow([old, edge], window))).toEqual([]);
  });

  it('counts the first sighting when the date is missing or in the future', () => {
    const future = article({
      id: 'f',
      title: 'F',
      firstSeenAt: seen,
      publishedAt: '2025-06-01T00:00:00.000Z',
    });
    const missing = article({ id: 'm', title: 'M', firstSeenAt: seen, publishedAt: 'not a date' });
    const kept = freshInWindow([future, missing], window);
    expect(kept.map((a) => [a.id, a.publishedAt])).toEqual([
      ['f', seen],
      ['m', seen],
    ]);
    expect(publishedTime(future)).toBe(seen);
  });

  it('leaves out what was first seen outside the window, however recent its date', () => {
    const before = article({
      id: 'b',
      title: 'B',
      firstSeenAt: '2025-05-13T09:00:00.000Z',
      publishedAt: '2025-05-13T09:00:00.000Z',
    });
    const after = article({
      id: 'c',
      title: 'C',
      firstSeenAt: '2025-05-14T10:00:00.000Z',
      publishedAt: '2025-05-14T09:00:00.000Z',
    });
    expect(ids(freshInWindow([before, after], window))).toEqual([]);
  });
});

describe('zone arithmetic', () => {
  it('finds local midnight across a daylight saving change', () => {
    expect(startOfDayIn('2025-03-09', 'America/New_York').toISOString()).toBe('2025-03-09T05:00:00.000Z');
    expect(endOfDayIn('2025-03-09', 'America/New_York').toISOString()).toBe('2025-03-10T04:00:00.000Z');
    expect(startOfDayIn('2025-10-26', 'Europe/London').toISOString()).toBe('2025-10-25T23:00:00.000Z');
  });

  it('names today by the configured zone, not by UTC', () => {
    expect(dateIn(new Date('2025-05-14T02:00:00.000Z'), 'America/Los_Angeles')).toBe('2025-05-13');
    expect(dateIn(new Date('2025-05-14T23:30:00.000Z'), 'Asia/Tokyo')).toBe('2025-05-15');
  });

  it('rejects a malformed or impossible date', () => {
    expect(() => parseDigestDate('2025-02-30')).toThrow(DigestInputError);
    expect(() => parseDigestDate('14/05/2025')).toThrow(DigestInputError);
  });
});
