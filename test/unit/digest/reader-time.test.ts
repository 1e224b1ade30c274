import { describe, expect, it } from 'vitest';
import { longDate, shortDate, sinceTime, storyTime, zoneName } from '../../../lambdas/digest/reader-time';

describe('times as the reader reads them', () => {
  const NY = 'America/New_York';

  it('shows the clock alone for a time on the digest’s own date, in the reader’s zone', () => {
    expect(storyTime('2025-05-14T08:00:00.000Z', NY, '2025-05-14')).toBe('4:00 AM');
    expect(storyTime('2025-05-14T08:00:00.000Z', 'Asia/Kolkata', '2025-05-14')).toBe('1:30 PM');
  });

  it('says "Yesterday" for the day before, by the reader’s calendar rather than UTC', () => {
    // 02:30 UTC on the 14th is still the 13th in New York.
    expect(storyTime('2025-05-14T02:30:00.000Z', NY, '2025-05-14')).toBe('Yesterday 10:30 PM');
    expect(storyTime('2025-05-14T02:30:00.000Z', 'Europe/Berlin', '2025-05-14')).toBe('4:30 AM');
  });

  it('gives the date, not a weekday, for anything older, so old news never passes for new', () => {
    expect(storyTime('2025-11-24T15:00:00.000Z', NY, '2025-11-26')).toBe('Nov 24');
    expect(storyTime('2025-05-07T15:00:00.000Z', NY, '2025-05-14')).toBe('May 7');
    expect(storyTime('2024-12-30T15:00:00.000Z', NY, '2025-01-02')).toBe('Dec 30, 2024');
  });

  it('says "Tomorrow" for a time after the digest’s date (a page read later)', () => {
    expect(storyTime('2025-05-15T14:00:00.000Z', NY, '2025-05-14')).toBe('Tomorrow 10:00 AM');
  });

  it('reads yesterday across a change of clocks', () => {
    // New York springs forward at 2:00 on Sunday March 9, 2025.
    expect(storyTime('2025-03-09T06:30:00.000Z', NY, '2025-03-10')).toBe('Yesterday 1:30 AM');
    expect(storyTime('2025-03-09T07:30:00.000Z', NY, '2025-03-10')).toBe('Yesterday 3:30 AM');
  });

  it('states where a window starts in words the reader can check against the story times', () => {
    expect(sinceTime('2025-05-13T10:00:00.000Z', NY, '2025-05-14')).toBe('yesterday 6:00 AM EDT');
    expect(sinceTime('2025-05-14T10:00:00.000Z', NY, '2025-05-14')).toBe('6:00 AM EDT');
    expect(sinceTime('2025-05-12T10:00:00.000Z', NY, '2025-05-14')).toBe('Mon, May 12, 6:00 AM EDT');
    expect(sinceTime('2025-05-13T22:00:00.000Z', 'Asia/Tokyo', '2025-05-14')).toBe('7:00 AM GMT+9');
  });

  it('writes the digest date in full and short', () => {
    expect(longDate('2025-05-14')).toBe('Wednesday, May 14, 2025');
    expect(shortDate('2025-05-14')).toBe('Wed, May 14');
    expect(zoneName('2025-01-14T12:00:00.000Z', NY)).toBe('EST');
  });
});
