import { describe, expect, it } from 'vitest';
import {
  deliveryInstantOn,
  dueHours,
  isDueAt,
  localDate,
  localHour,
  localTime,
  nextDeliveryAt,
  scheduledInstant,
} from '../../../lambdas/shared/delivery-time';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

/** Every scheduled instant in [from, to) at which (zone, hour) is due, as ISO strings. */
function deliveries(zone: string, hour: number, from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += HOUR) {
    if (isDueAt(zone, hour, new Date(t))) out.push(new Date(t).toISOString());
  }
  return out;
}

describe('local time of an instant', () => {
  it('reads the wall clock of the zone, half-hour offsets included', () => {
    expect(localTime(at('2025-05-14T00:00:00Z'), 'Asia/Kolkata')).toEqual({
      date: '2025-05-14',
      hour: 5,
      minute: 30,
    });
    expect(localDate(at('2025-05-14T03:00:00Z'), 'America/New_York')).toBe('2025-05-13');
    expect(localHour(at('2025-05-14T21:00:00Z'), 'Asia/Tokyo')).toBe(6);
  });

  it('rejects an unknown zone with a clear error', () => {
    expect(() => nextDeliveryAt('Mars/Olympus', 6, at('2025-05-14T00:00:00Z'))).toThrow(
      /not an IANA time zone: "Mars\/Olympus"/,
    );
    expect(() => nextDeliveryAt('Asia/Tokyo', 24, at('2025-05-14T00:00:00Z'))).toThrow(/0-23/);
  });

  it('rounds a schedule event to its whole UTC hour', () => {
    expect(scheduledInstant(at('2025-05-14T06:00:04.500Z')).toISOString()).toBe('2025-05-14T06:00:00.000Z');
    expect(scheduledInstant(at('2025-05-14T05:59:58Z')).toISOString()).toBe('2025-05-14T06:00:00.000Z');
  });
});

describe('delivery instants', () => {
  it('delivers at 06:00 in Tokyo and in New York, each on its own local date', () => {
    const day = ['2025-05-13T12:00:00Z', '2025-05-14T12:00:00Z'] as const;
    expect(deliveries('Asia/Tokyo', 6, ...day)).toEqual(['2025-05-13T21:00:00.000Z']);
    expect(deliveries('America/New_York', 6, ...day)).toEqual(['2025-05-14T10:00:00.000Z']);
    expect(dueHours('Asia/Tokyo', at('2025-05-13T21:00:00Z'))).toEqual({
      date: '2025-05-14',
      from: 6,
      to: 6,
    });
  });

  it('delivers inside the hour in 30- and 45-minute zones', () => {
    expect(deliveries('Asia/Kolkata', 6, '2025-05-14T00:00:00Z', '2025-05-15T00:00:00Z')).toEqual([
      '2025-05-14T01:00:00.000Z',
    ]);
    expect(localTime(at('2025-05-14T01:00:00Z'), 'Asia/Kolkata')).toMatchObject({ hour: 6, minute: 30 });
    const [kathmandu] = deliveries('Asia/Kathmandu', 6, '2025-05-14T00:00:00Z', '2025-05-15T00:00:00Z');
    expect(localTime(at(kathmandu!), 'Asia/Kathmandu')).toMatchObject({
      date: '2025-05-14',
      hour: 6,
      minute: 45,
    });
  });

  it('delivers a skipped hour right after the gap on the Sunday clocks spring forward', () => {
    // New York, 2025-03-09: 02:00 becomes 03:00; 02:xx never happens.
    expect(deliveries('America/New_York', 2, '2025-03-08T12:00:00Z', '2025-03-10T12:00:00Z')).toEqual([
      '2025-03-09T07:00:00.000Z',
      '2025-03-10T06:00:00.000Z',
    ]);
    expect(localTime(at('2025-03-09T07:00:00Z'), 'America/New_York')).toMatchObject({
      date: '2025-03-09',
      hour: 3,
    });
    expect(dueHours('America/New_York', at('2025-03-09T07:00:00Z'))).toEqual({
      date: '2025-03-09',
      from: 2,
      to: 3,
    });
    // The 06:00 reader is unaffected, one hour earlier in UTC after the change.
    expect(deliveries('America/New_York', 6, '2025-03-08T00:00:00Z', '2025-03-11T00:00:00Z')).toEqual([
      '2025-03-08T11:00:00.000Z',
      '2025-03-09T10:00:00.000Z',
      '2025-03-10T10:00:00.000Z',
    ]);
  });

  it('delivers a repeated hour once on the Sunday clocks fall back', () => {
    // New York, 2025-11-02: 01:00-02:00 happens twice (EDT, then EST).
    expect(localHour(at('2025-11-02T05:00:00Z'), 'America/New_York')).toBe(1);
    expect(localHour(at('2025-11-02T06:00:00Z'), 'America/New_York')).toBe(1);
    expect(deliveries('America/New_York', 1, '2025-11-01T12:00:00Z', '2025-11-03T12:00:00Z')).toEqual([
      '2025-11-02T05:00:00.000Z',
      '2025-11-03T06:00:00.000Z',
    ]);
    expect(dueHours('America/New_York', at('2025-11-02T06:00:00Z'))).toEqual({
      date: '2025-11-02',
      from: 2,
      to: 1,
    });
  });

  it('handles a midnight that does not exist (Santiago) and a 30-minute DST shift (Lord Howe)', () => {
    // Santiago, 2025-09-07: 00:00 becomes 01:00.
    expect(deliveries('America/Santiago', 0, '2025-09-06T00:00:00Z', '2025-09-08T00:00:00Z')).toEqual([
      '2025-09-06T04:00:00.000Z',
      '2025-09-07T04:00:00.000Z',
    ]);
    expect(localTime(at('2025-09-07T04:00:00Z'), 'America/Santiago')).toMatchObject({
      date: '2025-09-07',
      hour: 1,
    });
    // Lord Howe, 2025-10-05: 02:00 becomes 02:30, and the schedule's instants move from :30 to :00.
    const [lh] = deliveries('Australia/Lord_Howe', 2, '2025-10-04T00:00:00Z', '2025-10-05T00:00:00Z');
    expect(localTime(at(lh!), 'Australia/Lord_Howe')).toMatchObject({ date: '2025-10-05', hour: 3 });
  });

  it('gives every zone and hour exactly one delivery per local date across the DST seasons', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Beirut',
      'Antarctica/Troll',
      'America/St_Johns',
      'Pacific/Chatham',
    ];
    for (const zone of zones) {
      const perDate = new Map<string, number[]>();
      // The northern spring and autumn changes, and the southern ones (every zone above changes
      // inside these weeks, except Beirut's, Troll's and Berlin's March change, also inside).
      for (const [from, to] of [
        ['2025-03-06T00:00:00Z', '2025-04-08T00:00:00Z'],
        ['2025-09-04T00:00:00Z', '2025-11-04T00:00:00Z'],
      ] as const) {
        for (let t = Date.parse(from); t < Date.parse(to); t += HOUR) {
          const due = dueHours(zone, new Date(t));
          for (let h = due.from; h <= due.to; h++) {
            const hours = perDate.get(due.date) ?? [];
            hours.push(h);
            perDate.set(due.date, hours);
          }
        }
      }
      // Whole local dates inside the ranges: each got every hour 0-23 exactly once.
      const edges = new Set([
        '2025-03-05',
        '2025-03-06',
        '2025-04-07',
        '2025-04-08',
        '2025-09-03',
        '2025-09-04',
        '2025-11-03',
        '2025-11-04',
      ]);
      const dates = [...perDate.keys()].filter((d) => !edges.has(d));
      expect(dates.length, zone).toBeGreaterThan(85);
      for (const date of dates) {
        expect(
          [...perDate.get(date)!].sort((a, b) => a - b),
          `${zone} ${date}`,
        ).toEqual(Array.from({ length: 24 }, (_, h) => h));
      }
    }
  });
});

describe('next delivery', () => {
  it('says when the first digest arrives after a sign-up', () => {
    // 05:10 in New York: today at 06:00.
    expect(nextDeliveryAt('America/New_York', 6, at('2025-05-14T09:10:00Z')).toISOString()).toBe(
      '2025-05-14T10:00:00.000Z',
    );
    // 06:00 exactly has gone by: tomorrow.
    expect(nextDeliveryAt('America/New_York', 6, at('2025-05-14T10:00:00Z')).toISOString()).toBe(
      '2025-05-15T10:00:00.000Z',
    );
    // Across the spring-forward Sunday, the 02:00 reader gets 03:00.
    expect(nextDeliveryAt('America/New_York', 2, at('2025-03-08T12:00:00Z')).toISOString()).toBe(
      '2025-03-09T07:00:00.000Z',
    );
  });

  it('finds the instant that delivers a given local date', () => {
    expect(deliveryInstantOn('Asia/Tokyo', 6, '2025-05-14').toISOString()).toBe('2025-05-13T21:00:00.000Z');
    expect(deliveryInstantOn('Pacific/Kiritimati', 0, '2025-05-14').toISOString()).toBe(
      '2025-05-13T10:00:00.000Z',
    );
    expect(deliveryInstantOn('Pacific/Pago_Pago', 23, '2025-05-14').toISOString()).toBe(
      '2025-05-15T10:00:00.000Z',
    );
  });
});
