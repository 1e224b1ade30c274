import { describe, expect, it } from 'vitest';
import { DigestInputError } from '../../../lambdas/digest/errors';
import {
  dateIn,
  digestWindow,
  endOfDayIn,
  parseDigestDate,
  startOfDayIn,
} from '../../../lambdas/digest/window';

describe('digest window', () => {
  const now = new Date('2025-05-14T11:00:00.000Z');

  it('reaches back 24 hours for a first digest', () => {
    expect(digestWindow('2025-05-14', 'America/New_York', now, undefined)).toEqual({
      from: '2025-05-13T11:00:00.000Z',
      to: '2025-05-14T11:00:00.000Z',
    });
  });

  it('starts at the previous digest when it is recent', () => {
    const w = digestWindow('2025-05-14', 'America/New_York', now, '2025-05-13T10:30:00.000Z');
    expect(w.from).toBe('2025-05-13T10:30:00.000Z');
  });

  it('reaches back at most 36 hours when the previous digest is older', () => {
    const w = digestWindow('2025-05-14', 'America/New_York', now, '2025-05-10T10:00:00.000Z');
    expect(w.from).toBe('2025-05-12T23:00:00.000Z');
  });

  it('ends at the end of the digest date in the subscriber zone for a past date', () => {
    const w = digestWindow('2025-05-12', 'Europe/Berlin', now, undefined);
    expect(w.to).toBe('2025-05-12T22:00:00.000Z');
  });

  it('is empty when the previous digest already covered the date', () => {
    const w = digestWindow('2025-05-12', 'UTC', now, '2025-05-14T06:00:00.000Z');
    expect(w.from >= w.to).toBe(true);
  });

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
