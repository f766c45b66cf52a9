import {
  assertValidSlotMinutes,
  ceilToSlot,
  claimUnits,
  CLAIM_UNIT_MINUTES,
  dayBounds,
  floorToSlot,
  isOnSlotGrid,
  localDay,
  rangesOverlap,
  shiftDay,
  splitByLocalDay,
} from '../../../cms/src/plugins/booking/server/src/domain';
import { localDaysOf } from '../../../cms/src/plugins/booking/server/src/domain/seat-changes';
import { DateTime } from 'luxon';
import { BERLIN, refusal, sh, SHANGHAI } from './support';

describe('slot size parameter', () => {
  it.each([15, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1440])('accepts %i minutes (a multiple of 15 that tiles a day)', (m) => {
    expect(() => assertValidSlotMinutes(m)).not.toThrow();
  });

  it.each([0, -30, 20, 25, 50, 75, 105, 150, 30.5, NaN])('refuses %p minutes with VALIDATION', (m) => {
    const err = refusal(() => assertValidSlotMinutes(m), 'VALIDATION');
    expect(err.details.errors).toEqual([expect.objectContaining({ path: ['slotMinutes'] })]);
  });

  it('claim units are always 15 minutes, whatever the slot size', () => {
    expect(CLAIM_UNIT_MINUTES).toBe(15);
  });
});

describe('the slot grid is anchored at local midnight', () => {
  it('given a 30-minute grid in Shanghai, 14:00 and 14:30 local are on it and 14:15 is not', () => {
    expect(isOnSlotGrid(sh('2025-03-14T14:00'), 30, SHANGHAI)).toBe(true);
    expect(isOnSlotGrid(sh('2025-03-14T14:30'), 30, SHANGHAI)).toBe(true);
    expect(isOnSlotGrid(sh('2025-03-14T14:15'), 30, SHANGHAI)).toBe(false);
  });

  it('given a 60-minute grid, the hour is taken on the store clock, not in UTC (local 00:00 = 16:00Z)', () => {
    expect(isOnSlotGrid(new Date('2025-03-13T16:00:00Z'), 60, SHANGHAI)).toBe(true);
    // A 90-minute grid from local midnight: 00:00, 01:30, 03:00 … 22:30 – 16:00Z is 00:00 local.
    expect(isOnSlotGrid(sh('2025-03-14T01:30'), 90, SHANGHAI)).toBe(true);
    expect(isOnSlotGrid(new Date('2025-03-14T01:30:00Z'), 90, SHANGHAI)).toBe(false); // 09:30 local
  });

  it('a time with stray seconds or milliseconds is off the grid', () => {
    expect(isOnSlotGrid(new Date(sh('2025-03-14T14:00').getTime() + 1), 30, SHANGHAI)).toBe(false);
    expect(isOnSlotGrid(new Date(sh('2025-03-14T14:00').getTime() + 1000), 30, SHANGHAI)).toBe(false);
  });

  it('given Berlin on the spring-forward day, 03:00 local (02:00 never happens) is still on a 60-minute grid', () => {
    const threeAm = new Date('2025-03-30T01:00:00Z'); // 03:00 CEST
    expect(isOnSlotGrid(threeAm, 60, BERLIN)).toBe(true);
    // and the 120-minute grid keeps wall-clock anchoring: 04:00 CEST is on it although only 3 real hours
    // have passed since midnight.
    expect(isOnSlotGrid(new Date('2025-03-30T02:00:00Z'), 120, BERLIN)).toBe(true);
  });

  it('given Berlin on the fall-back day, both 02:30s are on a 30-minute grid', () => {
    expect(isOnSlotGrid(new Date('2025-10-26T00:30:00Z'), 30, BERLIN)).toBe(true); // 02:30 CEST
    expect(isOnSlotGrid(new Date('2025-10-26T01:30:00Z'), 30, BERLIN)).toBe(true); // 02:30 CET
  });

  it('given Berlin in winter, 00:00 local is 23:00Z and is on the 1440-minute (daily) grid', () => {
    expect(isOnSlotGrid(new Date('2025-01-14T23:00:00Z'), 1440, BERLIN)).toBe(true);
    expect(isOnSlotGrid(new Date('2025-01-15T00:00:00Z'), 1440, BERLIN)).toBe(false);
  });

  it('refuses an unknown time zone with VALIDATION', () => {
    refusal(() => isOnSlotGrid(sh('2025-03-14T14:00'), 30, 'Mars/Olympus'), 'VALIDATION');
  });
});

describe('finding the slot around an instant', () => {
  it('floor gives the start of the slot under way and ceil the next boundary', () => {
    expect(floorToSlot(sh('2025-03-14T14:17'), 30, SHANGHAI)).toEqual(sh('2025-03-14T14:00'));
    expect(ceilToSlot(sh('2025-03-14T14:17'), 30, SHANGHAI)).toEqual(sh('2025-03-14T14:30'));
  });

  it('an instant on the grid is its own floor and ceil', () => {
    expect(floorToSlot(sh('2025-03-14T14:30'), 30, SHANGHAI)).toEqual(sh('2025-03-14T14:30'));
    expect(ceilToSlot(sh('2025-03-14T14:30'), 30, SHANGHAI)).toEqual(sh('2025-03-14T14:30'));
  });

  it('just before midnight, ceil rolls to the next local day', () => {
    expect(ceilToSlot(sh('2025-03-14T23:50'), 60, SHANGHAI)).toEqual(sh('2025-03-15T00:00'));
  });

  it('given a 120-minute grid in Berlin at 03:10 on the spring-forward day, the slot began at local midnight', () => {
    // Grid points that day: 00:00, (02:00 does not exist), 04:00 – so 03:10 CEST is in the slot from 00:00.
    expect(floorToSlot(new Date('2025-03-30T01:10:00Z'), 120, BERLIN)).toEqual(new Date('2025-03-29T23:00:00Z'));
  });
});

describe('claim units', () => {
  it('a 14:00–15:00 booking claims the four 15-minute units 14:00, 14:15, 14:30, 14:45', () => {
    expect(claimUnits(sh('2025-03-14T14:00'), sh('2025-03-14T15:00'))).toEqual([
      sh('2025-03-14T14:00'),
      sh('2025-03-14T14:15'),
      sh('2025-03-14T14:30'),
      sh('2025-03-14T14:45'),
    ]);
  });

  it('bookings on a 30-minute grid and a 45-minute grid that overlap share at least one claim unit', () => {
    const a = claimUnits(sh('2025-03-14T14:00'), sh('2025-03-14T15:00')).map((d) => d.getTime());
    const b = claimUnits(sh('2025-03-14T14:45'), sh('2025-03-14T15:30')).map((d) => d.getTime());
    expect(a.filter((t) => b.includes(t))).toEqual([sh('2025-03-14T14:45').getTime()]);
  });

  it('a booking across midnight claims units on both days', () => {
    const units = claimUnits(sh('2025-03-14T23:30'), sh('2025-03-15T00:30'));
    expect(units).toHaveLength(4);
    expect(units[2]).toEqual(sh('2025-03-15T00:00'));
  });

  it('refuses a start off the 15-minute unit grid with SLOT_MISALIGNED', () => {
    refusal(() => claimUnits(sh('2025-03-14T14:05'), sh('2025-03-14T15:00')), 'SLOT_MISALIGNED');
  });

  it('refuses an empty or reversed range with VALIDATION', () => {
    refusal(() => claimUnits(sh('2025-03-14T15:00'), sh('2025-03-14T15:00')), 'VALIDATION');
    refusal(() => claimUnits(sh('2025-03-14T15:00'), sh('2025-03-14T14:00')), 'VALIDATION');
  });
});

describe('ranges overlap half-open', () => {
  const r = (a: string, b: string) => ({ start: sh(a), end: sh(b) });

  it('back-to-back bookings do not overlap', () => {
    expect(rangesOverlap(r('2025-03-14T13:00', '2025-03-14T14:00'), r('2025-03-14T14:00', '2025-03-14T15:00'))).toBe(false);
  });

  it('bookings sharing one minute overlap, in either order, and containment overlaps', () => {
    const a = r('2025-03-14T13:00', '2025-03-14T14:01');
    const b = r('2025-03-14T14:00', '2025-03-14T15:00');
    expect(rangesOverlap(a, b)).toBe(true);
    expect(rangesOverlap(b, a)).toBe(true);
    expect(rangesOverlap(r('2025-03-14T10:00', '2025-03-14T18:00'), b)).toBe(true);
  });
});

describe('local days', () => {
  it('16:00Z is already tomorrow in Shanghai', () => {
    expect(localDay(new Date('2025-03-14T15:59:59Z'), SHANGHAI)).toBe('2025-03-14');
    expect(localDay(new Date('2025-03-14T16:00:00Z'), SHANGHAI)).toBe('2025-03-15');
  });

  it('a Shanghai day runs from 16:00Z the day before to 16:00Z', () => {
    expect(dayBounds('2025-03-15', SHANGHAI)).toEqual({
      start: new Date('2025-03-14T16:00:00Z'),
      end: new Date('2025-03-15T16:00:00Z'),
    });
  });

  it('given Berlin, the spring-forward day lasts 23 hours and the fall-back day 25', () => {
    const spring = dayBounds('2025-03-30', BERLIN);
    const fall = dayBounds('2025-10-26', BERLIN);
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    expect((fall.end.getTime() - fall.start.getTime()) / 3_600_000).toBe(25);
  });

  it.each(['2025-02-30', '2025-3-14', '14/03/2025', '', 'tomorrow'])('refuses the date %p with VALIDATION', (d) => {
    refusal(() => dayBounds(d, SHANGHAI), 'VALIDATION');
  });

  it('shiftDay does calendar arithmetic across month and year ends', () => {
    expect(shiftDay('2025-02-28', 1)).toBe('2025-03-01');
    expect(shiftDay('2024-12-31', 1)).toBe('2025-01-01');
    expect(shiftDay('2025-03-14', 0)).toBe('2025-03-14');
  });
});

describe('splitting a range by local day', () => {
  it('a 23:00–01:00 booking counts 60 minutes on each day', () => {
    expect(splitByLocalDay({ start: sh('2025-03-14T23:00'), end: sh('2025-03-15T01:00') }, SHANGHAI)).toEqual([
      { day: '2025-03-14', minutes: 60 },
      { day: '2025-03-15', minutes: 60 },
    ]);
  });

  it('a booking ending exactly at midnight stays on one day', () => {
    expect(splitByLocalDay({ start: sh('2025-03-14T22:00'), end: sh('2025-03-15T00:00') }, SHANGHAI)).toEqual([
      { day: '2025-03-14', minutes: 120 },
    ]);
  });

  it('an empty range touches no day', () => {
    expect(splitByLocalDay({ start: sh('2025-03-14T22:00'), end: sh('2025-03-14T22:00') }, SHANGHAI)).toEqual([]);
  });

  it('given Berlin on the spring-forward night, 23:00–04:00 local is 1 h before and 3 real hours after midnight', () => {
    const start = new Date('2025-03-29T22:00:00Z'); // 23:00 CET
    const end = new Date('2025-03-30T02:00:00Z'); // 04:00 CEST
    expect(splitByLocalDay({ start, end }, BERLIN)).toEqual([
      { day: '2025-03-29', minutes: 60 },
      { day: '2025-03-30', minutes: 180 },
    ]);
  });
});

describe('localDay from remembered day bounds agrees with luxon', () => {
  const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Pacific/Apia'];
  // Every 37 minutes over stretches with DST changes (March, October/November) and Apia's skipped day.
  const stretches = [Date.UTC(2025, 2, 7), Date.UTC(2025, 9, 24), Date.UTC(2011, 11, 27)];

  it.each(zones)('%s: every instant lands on the day luxon names, and a range on the days it touches', (tz) => {
    for (const from of stretches) {
      for (let t = from; t < from + 10 * 86_400_000; t += 37 * 60_000) {
        const at = new Date(t);
        expect(localDay(at, tz)).toBe(DateTime.fromMillis(t, { zone: tz }).toISODate());
      }
    }
    const start = new Date(Date.UTC(2025, 2, 8, 20));
    const end = new Date(start.getTime() + 30 * 3600_000);
    const expected: string[] = [];
    for (let d = DateTime.fromJSDate(start, { zone: tz }).startOf('day'); d <= DateTime.fromMillis(end.getTime() - 1, { zone: tz }).startOf('day'); d = d.plus({ days: 1 })) expected.push(d.toISODate() as string);
    expect(localDaysOf(start, end, tz)).toEqual(expected);
  });

  it('shiftDay crosses months, years and leap days', () => {
    expect(shiftDay('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftDay('2025-12-31', 1)).toBe('2026-01-01');
    expect(shiftDay('2026-01-01', -366)).toBe('2024-12-31');
  });
});
