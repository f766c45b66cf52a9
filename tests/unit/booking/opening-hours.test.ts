import {
  describeOpeningHoursOn,
  isWithinOpeningHours,
  isoWeekday,
  openIntervalsOn,
  parseOpeningHours,
  type OpeningHours,
} from '../../../cms/src/plugins/booking/server/src/domain';
import { DateTime } from 'luxon';
import { BERLIN, refusal, sh, SHANGHAI } from './support';

// 2025-03-14 is a Friday (5), 2025-03-15 a Saturday (6), 2025-03-16 a Sunday (7).
const weekdays = (opens: string, closes: string): OpeningHours =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as 1, opens, closes }));

describe('parsing opening hours', () => {
  it('accepts several intervals per weekday, 24:00 closing, and extra keys such as a component id', () => {
    const raw = [
      { id: 3, weekday: 1, opens: '08:00', closes: '12:00' },
      { weekday: 1, opens: '13:00', closes: '24:00' },
      { weekday: 2, opens: '00:00', closes: '02:00' },
    ];
    expect(parseOpeningHours(raw)).toEqual([
      { weekday: 1, opens: '08:00', closes: '12:00' },
      { weekday: 1, opens: '13:00', closes: '24:00' },
      { weekday: 2, opens: '00:00', closes: '02:00' },
    ]);
  });

  it('accepts the JSON text of the same list and an empty list (closed every day)', () => {
    expect(parseOpeningHours('[{"weekday":7,"opens":"09:00","closes":"18:00"}]')).toHaveLength(1);
    expect(parseOpeningHours([])).toEqual([]);
  });

  it.each([
    ['not a list', { weekday: 1, opens: '08:00', closes: '22:00' }],
    ['weekday 0', [{ weekday: 0, opens: '08:00', closes: '22:00' }]],
    ['weekday 8', [{ weekday: 8, opens: '08:00', closes: '22:00' }]],
    ['weekday as text', [{ weekday: '1', opens: '08:00', closes: '22:00' }]],
    ['a time without leading zero', [{ weekday: 1, opens: '8:00', closes: '22:00' }]],
    ['25:00', [{ weekday: 1, opens: '08:00', closes: '25:00' }]],
    ['24:00 as an opening time', [{ weekday: 1, opens: '24:00', closes: '24:00' }]],
    ['24:30', [{ weekday: 1, opens: '08:00', closes: '24:30' }]],
    ['closing before opening', [{ weekday: 1, opens: '22:00', closes: '02:00' }]],
    ['closing equal to opening', [{ weekday: 1, opens: '08:00', closes: '08:00' }]],
    ['a missing field', [{ weekday: 1, opens: '08:00' }]],
    ['broken JSON text', '[{"weekday":1'],
  ])('refuses %s with VALIDATION', (_label, raw) => {
    refusal(() => parseOpeningHours(raw), 'VALIDATION');
  });

  it('refuses overlapping intervals on the same weekday and names them', () => {
    const err = refusal(
      () => parseOpeningHours([
        { weekday: 3, opens: '08:00', closes: '12:00' },
        { weekday: 3, opens: '11:00', closes: '18:00' },
      ]),
      'VALIDATION',
    );
    expect(err.message).toMatch(/Wednesday 11:00–18:00 overlaps 08:00–12:00/);
  });

  it('a closing-before-opening mistake explains how to write a night', () => {
    const err = refusal(() => parseOpeningHours([{ weekday: 1, opens: '22:00', closes: '02:00' }]), 'VALIDATION');
    expect(err.message).toMatch(/entry 1/);
    expect(err.message).toMatch(/22:00–24:00 and 00:00–02:00/);
    expect(err.details.errors).toEqual([expect.objectContaining({ path: ['openingHours', '0', 'closes'] })]);
  });
});

describe('open intervals of a day', () => {
  it('uses the ISO weekday of the local date and merges touching intervals', () => {
    const hours: OpeningHours = [
      { weekday: 5, opens: '13:00', closes: '18:00' },
      { weekday: 5, opens: '08:00', closes: '13:00' },
      { weekday: 6, opens: '10:00', closes: '16:00' },
    ];
    expect(openIntervalsOn('2025-03-14', hours, SHANGHAI)).toEqual([
      { start: sh('2025-03-14T08:00'), end: sh('2025-03-14T18:00') },
    ]);
  });

  it('a weekday without intervals is closed', () => {
    expect(openIntervalsOn('2025-03-16', weekdays('08:00', '22:00'), SHANGHAI)).toEqual([]);
    expect(describeOpeningHoursOn('2025-03-16', weekdays('08:00', '22:00'), SHANGHAI)).toBe('closed');
  });

  it('24:00 closes at the next local midnight', () => {
    expect(openIntervalsOn('2025-03-14', weekdays('08:00', '24:00'), SHANGHAI)).toEqual([
      { start: sh('2025-03-14T08:00'), end: sh('2025-03-15T00:00') },
    ]);
  });

  it('given Berlin after the clocks change, 08:00 local is 06:00Z in summer and 07:00Z in winter', () => {
    const hours: OpeningHours = [{ weekday: 1, opens: '08:00', closes: '20:00' }];
    expect(openIntervalsOn('2025-03-31', hours, BERLIN)[0].start).toEqual(new Date('2025-03-31T06:00:00Z'));
    expect(openIntervalsOn('2025-03-24', hours, BERLIN)[0].start).toEqual(new Date('2025-03-24T07:00:00Z'));
  });
  it('answers a day it has answered before with the same intervals, as new objects the caller may change', () => {
    const hours: OpeningHours = [{ weekday: 5, opens: '08:00', closes: '12:00' }];
    const first = openIntervalsOn('2025-03-14', hours, SHANGHAI);
    first[0].start.setTime(0);
    expect(openIntervalsOn('2025-03-14', hours, SHANGHAI)).toEqual([{ start: sh('2025-03-14T08:00'), end: sh('2025-03-14T12:00') }]);
    // Other hours on the same day are not served from what was remembered for the first ones.
    expect(openIntervalsOn('2025-03-14', [{ weekday: 5, opens: '09:00', closes: '12:00' }], SHANGHAI)[0].start).toEqual(sh('2025-03-14T09:00'));
  });
});

describe('the weekday of a calendar day', () => {
  it('is luxon\'s ISO weekday for every day of four years, in any zone', () => {
    let day = DateTime.fromISO('2024-01-01', { zone: 'UTC' });
    for (let i = 0; i < 4 * 366; i += 1, day = day.plus({ days: 1 })) {
      expect(isoWeekday(day.toISODate() as string, i % 2 ? SHANGHAI : 'Pacific/Apia')).toBe(day.weekday);
    }
  });

  it('refuses what is not a calendar day', () => {
    for (const bad of ['2025-02-30', '2025-13-01', 'tomorrow', '2025-3-1']) {
      expect(() => isoWeekday(bad, SHANGHAI)).toThrow(/is not a date/);
    }
  });
});

describe('is a range within opening hours', () => {
  const range = (a: string, b: string) => ({ start: sh(a), end: sh(b) });
  const lunchBreak: OpeningHours = [
    { weekday: 5, opens: '08:00', closes: '12:00' },
    { weekday: 5, opens: '13:00', closes: '22:00' },
  ];

  it('a range exactly filling an interval is inside (boundaries are inclusive at both ends)', () => {
    expect(isWithinOpeningHours(range('2025-03-14T08:00', '2025-03-14T12:00'), lunchBreak, SHANGHAI)).toBe(true);
    expect(isWithinOpeningHours(range('2025-03-14T21:30', '2025-03-14T22:00'), lunchBreak, SHANGHAI)).toBe(true);
  });

  it('a range spanning the lunch break is outside even though both ends are in open time', () => {
    expect(isWithinOpeningHours(range('2025-03-14T11:00', '2025-03-14T14:00'), lunchBreak, SHANGHAI)).toBe(false);
  });

  it('a range starting before opening or ending after closing is outside', () => {
    expect(isWithinOpeningHours(range('2025-03-14T07:30', '2025-03-14T09:00'), lunchBreak, SHANGHAI)).toBe(false);
    expect(isWithinOpeningHours(range('2025-03-14T21:30', '2025-03-14T22:30'), lunchBreak, SHANGHAI)).toBe(false);
  });

  it('a booking ending at a 24:00 closing is inside', () => {
    expect(isWithinOpeningHours(range('2025-03-14T22:00', '2025-03-15T00:00'), weekdays('08:00', '24:00'), SHANGHAI)).toBe(true);
  });

  it('a booking that crosses midnight into an open 00:00 morning is inside (the intervals join)', () => {
    const night: OpeningHours = [
      { weekday: 5, opens: '08:00', closes: '24:00' },
      { weekday: 6, opens: '00:00', closes: '02:00' },
    ];
    expect(isWithinOpeningHours(range('2025-03-14T23:00', '2025-03-15T01:00'), night, SHANGHAI)).toBe(true);
    expect(isWithinOpeningHours(range('2025-03-14T23:00', '2025-03-15T02:30'), night, SHANGHAI)).toBe(false);
  });

  it('a booking that crosses midnight into a closed morning is outside', () => {
    const hours: OpeningHours = [
      { weekday: 5, opens: '08:00', closes: '24:00' },
      { weekday: 6, opens: '08:00', closes: '22:00' },
    ];
    expect(isWithinOpeningHours(range('2025-03-14T23:00', '2025-03-15T01:00'), hours, SHANGHAI)).toBe(false);
  });

  it('a 00:00 opening does not join a previous day that closed at 23:30', () => {
    const hours: OpeningHours = [
      { weekday: 5, opens: '08:00', closes: '23:30' },
      { weekday: 6, opens: '00:00', closes: '02:00' },
    ];
    expect(isWithinOpeningHours(range('2025-03-14T23:00', '2025-03-15T01:00'), hours, SHANGHAI)).toBe(false);
    expect(isWithinOpeningHours(range('2025-03-15T00:00', '2025-03-15T01:00'), hours, SHANGHAI)).toBe(true);
  });

  it('open 24 hours on every day lets a booking run through midnight', () => {
    const always: OpeningHours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday: weekday as 1, opens: '00:00', closes: '24:00' }));
    expect(isWithinOpeningHours(range('2025-03-16T20:00', '2025-03-17T04:00'), always, SHANGHAI)).toBe(true);
  });

  it('the weekday is taken on the store clock: Friday 23:00 in Shanghai is Friday 15:00Z', () => {
    const fridayOnly: OpeningHours = [{ weekday: 5, opens: '20:00', closes: '24:00' }];
    expect(isWithinOpeningHours({ start: new Date('2025-03-14T15:00:00Z'), end: new Date('2025-03-14T16:00:00Z') }, fridayOnly, SHANGHAI)).toBe(true);
    // In UTC terms the same hours would have been Friday 12:00–16:00Z only; Saturday 01:00 local is not open.
    expect(isWithinOpeningHours({ start: new Date('2025-03-14T17:00:00Z'), end: new Date('2025-03-14T18:00:00Z') }, fridayOnly, SHANGHAI)).toBe(false);
  });

  it('an empty range is never "within" opening hours', () => {
    expect(isWithinOpeningHours(range('2025-03-14T09:00', '2025-03-14T09:00'), lunchBreak, SHANGHAI)).toBe(false);
  });
});
