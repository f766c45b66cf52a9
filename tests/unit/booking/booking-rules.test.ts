import {
  checkBookingRequest,
  checkDailyQuota,
  checkOpenBookingLimit,
  type BookingRequestInput,
  type OpeningHours,
} from '../../../cms/src/plugins/booking/server/src/domain';
import { BERLIN, refusal, sh, SHANGHAI } from './support';

const everyDay = (opens: string, closes: string): OpeningHours =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday: weekday as 1, opens, closes }));

// Friday 2025-03-14, 10:07 in Shanghai.
const base: BookingRequestInput = {
  start: sh('2025-03-14T14:00'),
  end: sh('2025-03-14T16:00'),
  now: sh('2025-03-14T10:07'),
  tz: SHANGHAI,
  slotMinutes: 30,
  maxBookingMinutes: 480,
  horizonDays: 7,
  openingHours: everyDay('08:00', '22:00'),
  roomStatus: 'open',
  seatEnabled: true,
};
const request = (over: Partial<BookingRequestInput>) => () => checkBookingRequest({ ...base, ...over });

describe('a booking request', () => {
  it('given an open room, a seat in service and a 14:00–16:00 range today, it is accepted', () => {
    expect(request({})).not.toThrow();
  });

  describe('range shape', () => {
    it('an end before the start is VALIDATION', () => {
      const err = refusal(request({ end: sh('2025-03-14T13:00') }), 'VALIDATION');
      expect(err.message).toBe('The end time must be after the start time.');
      expect(err.details.errors).toEqual([expect.objectContaining({ path: ['end'] })]);
    });

    it('an end equal to the start is VALIDATION', () => {
      refusal(request({ end: base.start }), 'VALIDATION');
    });

    it('an invalid date is VALIDATION, not a crash', () => {
      refusal(request({ start: new Date('nonsense') }), 'VALIDATION');
    });

    it('a misconfigured slot size is VALIDATION', () => {
      refusal(request({ slotMinutes: 25 }), 'VALIDATION');
    });
  });

  describe('room and seat', () => {
    it('a room closed for maintenance is ROOM_UNAVAILABLE', () => {
      const err = refusal(request({ roomStatus: 'maintenance' }), 'ROOM_UNAVAILABLE');
      expect(err.message).toMatch(/maintenance/);
    });

    it('a disabled seat is ROOM_UNAVAILABLE', () => {
      const err = refusal(request({ seatEnabled: false }), 'ROOM_UNAVAILABLE');
      expect(err.message).toMatch(/seat/);
    });
  });

  describe('slot grid', () => {
    it('a start at 14:10 on a 30-minute grid is SLOT_MISALIGNED and suggests 14:00 or 14:30', () => {
      const err = refusal(request({ start: sh('2025-03-14T14:10') }), 'SLOT_MISALIGNED');
      expect(err.message).toBe(
        'Bookings must start and end on the 30-minute grid (e.g. 14:00 or 14:30); the start time 14:10 is not on it.',
      );
      expect(err.details).toEqual({
        field: 'start',
        slotMinutes: 30,
        nearest: ['2025-03-14T14:00:00+08:00', '2025-03-14T14:30:00+08:00'],
      });
    });

    it('an end at 15:45 on a 30-minute grid is SLOT_MISALIGNED on the end', () => {
      const err = refusal(request({ end: sh('2025-03-14T15:45') }), 'SLOT_MISALIGNED');
      expect(err.details.field).toBe('end');
    });

    it('a start with stray seconds shows them, so the member sees why 14:00:30 is off the grid', () => {
      const err = refusal(request({ start: new Date(sh('2025-03-14T14:00').getTime() + 30_000) }), 'SLOT_MISALIGNED');
      expect(err.message).toMatch(/\(e\.g\. 14:00 or 14:30\); the start time 14:00:30 is not on it\./);
    });

    it('14:30 is fine on a 30-minute grid but misaligned on a 60-minute one', () => {
      expect(request({ start: sh('2025-03-14T14:30') })).not.toThrow();
      refusal(request({ start: sh('2025-03-14T14:30'), slotMinutes: 60 }), 'SLOT_MISALIGNED');
    });

    it('given Berlin, a booking on the local hour is aligned although the hour differs in UTC', () => {
      const start = new Date('2025-07-01T12:00:00Z'); // 14:00 CEST
      const end = new Date('2025-07-01T14:00:00Z');
      expect(() => checkBookingRequest({ ...base, tz: BERLIN, start, end, now: new Date('2025-07-01T08:00:00Z') })).not.toThrow();
    });
  });

  describe('time already passed', () => {
    it('a start earlier than the slot under way is VALIDATION "in the past"', () => {
      const err = refusal(request({ start: sh('2025-03-14T09:30'), end: sh('2025-03-14T11:00') }), 'VALIDATION');
      expect(err.message).toMatch(/in the past/);
      expect(err.details.earliestStart).toBe('2025-03-14T10:00:00+08:00');
    });

    it('the slot under way (10:00 when it is 10:07) can still be booked', () => {
      expect(request({ start: sh('2025-03-14T10:00'), end: sh('2025-03-14T11:00') })).not.toThrow();
    });

    it('exactly at a slot boundary, the slot starting now can be booked and the previous one cannot', () => {
      const now = sh('2025-03-14T10:30');
      expect(request({ now, start: sh('2025-03-14T10:30'), end: sh('2025-03-14T11:00') })).not.toThrow();
      refusal(request({ now, start: sh('2025-03-14T10:00'), end: sh('2025-03-14T11:00') }), 'VALIDATION');
    });
  });

  describe('length', () => {
    it('exactly the maximum length is allowed', () => {
      expect(request({ start: sh('2025-03-14T10:00'), end: sh('2025-03-14T18:00') })).not.toThrow();
    });

    it('longer than the maximum is TOO_LONG with both lengths', () => {
      const err = refusal(request({ start: sh('2025-03-14T10:00'), end: sh('2025-03-14T18:30') }), 'TOO_LONG');
      expect(err.details).toEqual({ maxMinutes: 480, requestedMinutes: 510 });
      expect(err.message).toMatch(/at most 8 h; this one lasts 8 h 30 min/);
    });
  });

  describe('horizon', () => {
    const late = { openingHours: everyDay('00:00', '24:00') };

    it('the last bookable day is today + horizonDays, up to its last slot before midnight', () => {
      expect(request({ ...late, start: sh('2025-03-21T23:30'), end: sh('2025-03-22T00:00') })).not.toThrow();
    });

    it('a start at the midnight that ends the last bookable day is BEYOND_HORIZON', () => {
      const err = refusal(request({ ...late, start: sh('2025-03-22T00:00'), end: sh('2025-03-22T01:00') }), 'BEYOND_HORIZON');
      expect(err.details).toEqual({
        horizonDays: 7,
        lastBookableDay: '2025-03-21',
        latestStartBefore: '2025-03-22T00:00:00+08:00',
      });
      expect(err.message).toBe('You can book up to 7 days ahead; the last day you can book now is 2025-03-21.');
    });

    it('the horizon counts days on the store clock: at 23:59 local, tomorrow is still only one day ahead', () => {
      const now = sh('2025-03-14T23:59'); // 15:59Z – still the 14th in Shanghai
      expect(request({ ...late, now, horizonDays: 1, start: sh('2025-03-15T20:00'), end: sh('2025-03-15T21:00') })).not.toThrow();
      refusal(request({ ...late, now, horizonDays: 1, start: sh('2025-03-16T00:00'), end: sh('2025-03-16T01:00') }), 'BEYOND_HORIZON');
    });

    it('just after local midnight the horizon moves a whole day', () => {
      const now = sh('2025-03-15T00:01');
      expect(request({ ...late, now, horizonDays: 1, start: sh('2025-03-16T20:00'), end: sh('2025-03-16T21:00') })).not.toThrow();
    });

    it('a horizon of 0 days means today only', () => {
      const err = refusal(request({ ...late, horizonDays: 0, start: sh('2025-03-15T09:00'), end: sh('2025-03-15T10:00') }), 'BEYOND_HORIZON');
      expect(err.message).toMatch(/only for today/);
    });
  });

  describe('opening hours', () => {
    it('a range ending after closing is OUTSIDE_OPENING_HOURS and lists that day\'s hours', () => {
      const err = refusal(request({ start: sh('2025-03-14T21:00'), end: sh('2025-03-14T22:30') }), 'OUTSIDE_OPENING_HOURS');
      expect(err.details.openingHours).toEqual([{ day: '2025-03-14', hours: '08:00–22:00' }]);
      expect(err.message).toMatch(/2025-03-14 21:00–22:30 is outside the room's opening hours \(2025-03-14: 08:00–22:00\)/);
    });

    it('a booking that crosses midnight into a closed morning is OUTSIDE_OPENING_HOURS', () => {
      const hours: OpeningHours = [
        { weekday: 5, opens: '08:00', closes: '24:00' },
        { weekday: 6, opens: '08:00', closes: '22:00' },
      ];
      const err = refusal(request({ openingHours: hours, start: sh('2025-03-14T23:00'), end: sh('2025-03-15T01:00') }), 'OUTSIDE_OPENING_HOURS');
      expect(err.details.openingHours).toEqual([
        { day: '2025-03-14', hours: '08:00–24:00' },
        { day: '2025-03-15', hours: '08:00–22:00' },
      ]);
    });

    it('a booking that crosses midnight into an open night continues is accepted', () => {
      const hours: OpeningHours = [
        { weekday: 5, opens: '08:00', closes: '24:00' },
        { weekday: 6, opens: '00:00', closes: '02:00' },
      ];
      expect(request({ openingHours: hours, start: sh('2025-03-14T23:00'), end: sh('2025-03-15T01:00') })).not.toThrow();
    });

    it('a day without opening hours says "closed"', () => {
      const err = refusal(request({ openingHours: [], start: sh('2025-03-14T14:00') }), 'OUTSIDE_OPENING_HOURS');
      expect(err.message).toMatch(/2025-03-14: closed/);
    });
  });

  describe('the order of the checks', () => {
    it('a reversed range in a maintenance room is VALIDATION first', () => {
      refusal(request({ roomStatus: 'maintenance', end: sh('2025-03-14T13:00') }), 'VALIDATION');
    });

    it('a misaligned request in a maintenance room is ROOM_UNAVAILABLE first', () => {
      refusal(request({ roomStatus: 'maintenance', start: sh('2025-03-14T14:10') }), 'ROOM_UNAVAILABLE');
    });

    it('a misaligned start in the past is SLOT_MISALIGNED first', () => {
      refusal(request({ start: sh('2025-03-14T08:10') }), 'SLOT_MISALIGNED');
    });

    it('a too long booking in the past is VALIDATION first', () => {
      refusal(request({ start: sh('2025-03-13T08:00'), end: sh('2025-03-14T16:00') }), 'VALIDATION');
    });

    it('a too long booking beyond the horizon is TOO_LONG first', () => {
      refusal(request({ start: sh('2025-03-30T08:00'), end: sh('2025-03-30T20:00') }), 'TOO_LONG');
    });

    it('a booking beyond the horizon at night is BEYOND_HORIZON before OUTSIDE_OPENING_HOURS', () => {
      refusal(request({ start: sh('2025-03-30T03:00'), end: sh('2025-03-30T04:00') }), 'BEYOND_HORIZON');
    });
  });
});

describe('daily quota', () => {
  const range = (a: string, b: string) => ({ start: sh(a), end: sh(b) });

  it('no quota (null) allows anything', () => {
    expect(() => checkDailyQuota({ newRange: range('2025-03-14T08:00', '2025-03-14T22:00'), existing: [], tz: SHANGHAI, quotaMinutesPerDay: null })).not.toThrow();
  });

  it('filling the quota exactly is allowed', () => {
    expect(() => checkDailyQuota({
      newRange: range('2025-03-14T14:00', '2025-03-14T16:00'),
      existing: [range('2025-03-14T08:00', '2025-03-14T10:00')],
      tz: SHANGHAI,
      quotaMinutesPerDay: 240,
    })).not.toThrow();
  });

  it('one slot over the quota is QUOTA_EXCEEDED with the day, used and quota minutes', () => {
    const err = refusal(() => checkDailyQuota({
      newRange: range('2025-03-14T14:00', '2025-03-14T16:30'),
      existing: [range('2025-03-14T08:00', '2025-03-14T10:00')],
      tz: SHANGHAI,
      quotaMinutesPerDay: 240,
    }), 'QUOTA_EXCEEDED');
    expect(err.details).toEqual({ day: '2025-03-14', usedMinutes: 120, quotaMinutes: 240, requestedMinutes: 150, remainingMinutes: 120 });
    expect(err.message).toBe('Your daily limit is 4 h and you already have 2 h booked on 2025-03-14; you can add at most 2 h that day.');
  });

  it('bookings on other days do not count', () => {
    expect(() => checkDailyQuota({
      newRange: range('2025-03-14T08:00', '2025-03-14T12:00'),
      existing: [range('2025-03-13T08:00', '2025-03-13T12:00'), range('2025-03-15T08:00', '2025-03-15T12:00')],
      tz: SHANGHAI,
      quotaMinutesPerDay: 240,
    })).not.toThrow();
  });

  it('a booking across midnight counts its minutes on each day separately', () => {
    // 22:00–02:00 is 2 h on Friday and 2 h on Saturday: fits a 3 h quota on both.
    expect(() => checkDailyQuota({
      newRange: range('2025-03-14T22:00', '2025-03-15T02:00'),
      existing: [range('2025-03-14T10:00', '2025-03-14T11:00')],
      tz: SHANGHAI,
      quotaMinutesPerDay: 180,
    })).not.toThrow();
  });

  it('given an earlier night booking reaching into Saturday, a Saturday booking is refused on Saturday', () => {
    const err = refusal(() => checkDailyQuota({
      newRange: range('2025-03-15T10:00', '2025-03-15T12:00'),
      existing: [range('2025-03-14T23:00', '2025-03-15T02:00')],
      tz: SHANGHAI,
      quotaMinutesPerDay: 180,
    }), 'QUOTA_EXCEEDED');
    expect(err.details).toMatchObject({ day: '2025-03-15', usedMinutes: 120, quotaMinutes: 180 });
  });

  it('the days are the store\'s days: 15:00Z–17:00Z straddles Shanghai midnight', () => {
    const err = refusal(() => checkDailyQuota({
      newRange: { start: new Date('2025-03-14T15:00:00Z'), end: new Date('2025-03-14T17:00:00Z') },
      existing: [range('2025-03-15T08:00', '2025-03-15T10:00')],
      tz: SHANGHAI,
      quotaMinutesPerDay: 150,
    }), 'QUOTA_EXCEEDED');
    expect(err.details).toMatchObject({ day: '2025-03-15', usedMinutes: 120, requestedMinutes: 60 });
  });

  it('with the quota already used up, the message says to choose another day', () => {
    const err = refusal(() => checkDailyQuota({
      newRange: range('2025-03-14T14:00', '2025-03-14T15:00'),
      existing: [range('2025-03-14T08:00', '2025-03-14T12:00')],
      tz: SHANGHAI,
      quotaMinutesPerDay: 240,
    }), 'QUOTA_EXCEEDED');
    expect(err.message).toMatch(/choose another day/);
    expect(err.details.remainingMinutes).toBe(0);
  });
});

describe('open booking limit', () => {
  it('below the limit, or with no limit, is allowed', () => {
    expect(() => checkOpenBookingLimit(2, 3)).not.toThrow();
    expect(() => checkOpenBookingLimit(50, null)).not.toThrow();
  });

  it('at the limit, one more is QUOTA_EXCEEDED', () => {
    const err = refusal(() => checkOpenBookingLimit(3, 3), 'QUOTA_EXCEEDED');
    expect(err.details).toEqual({ openBookings: 3, limit: 3 });
    expect(err.message).toBe('You can have at most 3 open bookings at a time; finish or cancel one before booking again.');
  });

  it('a limit of 0 blocks all bookings; a negative limit is a configuration error', () => {
    refusal(() => checkOpenBookingLimit(0, 0), 'QUOTA_EXCEEDED');
    refusal(() => checkOpenBookingLimit(0, -1), 'VALIDATION');
  });
});
