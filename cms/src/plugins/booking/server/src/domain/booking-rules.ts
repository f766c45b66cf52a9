/**
 * The checks a booking request must pass before any seat is claimed. They run in a fixed order so a
 * member always hears about the most fundamental problem first (a reversed range before a missed slot,
 * a closed room before a grid mistake).
 */
import { fail } from '../../../../../platform/errors';
import {
  assertValidSlotMinutes,
  dayBounds,
  describeSlotChoice,
  durationMinutes,
  floorToSlot,
  isOnSlotGrid,
  localDay,
  nearestSlotBoundaries,
  shiftDay,
  splitByLocalDay,
  type TimeRange,
} from './slots';
import {
  describeOpeningHoursOn,
  isWithinOpeningHours,
  localDaysTouched,
  type OpeningHours,
} from './opening-hours';
import {
  assertInstant,
  assertInteger,
  assertZone,
  formatClock,
  formatDuration,
  formatLocal,
  invalidInput,
  toLocalIso,
} from './support';

export type RoomStatus = 'open' | 'maintenance';

export interface BookingRequestInput {
  start: Date;
  end: Date;
  now: Date;
  tz: string;
  slotMinutes: number;
  maxBookingMinutes: number;
  /** 0 = today only; 7 = up to and including the 7th day after today (the member's tier decides). */
  horizonDays: number;
  openingHours: OpeningHours;
  roomStatus: RoomStatus;
  seatEnabled: boolean;
}

/** Throws the first refusal that applies; returns nothing when the request may go on to claim seats. */
export function checkBookingRequest(input: BookingRequestInput): void {
  checkRangeShape(input);
  checkBookable(input);
  checkOnGrid(input);
  checkNotPast(input);
  checkLength(input);
  checkHorizon(input);
  checkOpeningHours(input);
}

function checkRangeShape({ start, end, now, tz, slotMinutes, maxBookingMinutes, horizonDays }: BookingRequestInput): void {
  assertInstant(start, 'start');
  assertInstant(end, 'end');
  assertInstant(now, 'now');
  assertZone(tz);
  assertValidSlotMinutes(slotMinutes);
  assertInteger(maxBookingMinutes, 'maxBookingMinutes', 1);
  assertInteger(horizonDays, 'horizonDays', 0);
  if (end.getTime() <= start.getTime()) {
    throw invalidInput('end', 'The end time must be after the start time.');
  }
}

function checkBookable({ roomStatus, seatEnabled }: BookingRequestInput): void {
  if (roomStatus !== 'open') {
    throw fail('ROOM_UNAVAILABLE', 'This room is closed for maintenance; please choose another room.', { roomStatus });
  }
  if (!seatEnabled) {
    throw fail('ROOM_UNAVAILABLE', 'This seat is out of service; please choose another seat.', { seatEnabled });
  }
}

function checkOnGrid({ start, end, tz, slotMinutes }: BookingRequestInput): void {
  for (const [field, at] of [['start', start], ['end', end]] as const) {
    if (isOnSlotGrid(at, slotMinutes, tz)) continue;
    throw fail(
      'SLOT_MISALIGNED',
      `Bookings must start and end on the ${slotMinutes}-minute grid (e.g. ${describeSlotChoice(at, slotMinutes, tz)}); ` +
        `the ${field} time ${formatClock(at, tz)} is not on it.`,
      { field, slotMinutes, nearest: nearestSlotBoundaries(at, slotMinutes, tz).map((d) => toLocalIso(d, tz)) },
    );
  }
}

/** The slot already under way may still be booked (walk-ins), anything earlier may not. */
function checkNotPast({ start, now, tz, slotMinutes }: BookingRequestInput): void {
  const earliest = floorToSlot(now, slotMinutes, tz);
  if (start.getTime() < earliest.getTime()) {
    throw invalidInput('start', `That start time is in the past; the earliest you can start now is ${formatClock(earliest, tz)}.`, {
      earliestStart: toLocalIso(earliest, tz),
    });
  }
}

function checkLength({ start, end, maxBookingMinutes }: BookingRequestInput): void {
  const minutes = durationMinutes({ start, end });
  if (minutes > maxBookingMinutes) {
    throw fail(
      'TOO_LONG',
      `A booking can last at most ${formatDuration(maxBookingMinutes)}; this one lasts ${formatDuration(minutes)}. Book a shorter time.`,
      { maxMinutes: maxBookingMinutes, requestedMinutes: minutes },
    );
  }
}

/** The horizon counts calendar days on the store's clock: the whole last day is bookable, the next is not. */
function checkHorizon({ start, now, tz, horizonDays }: BookingRequestInput): void {
  const lastBookableDay = shiftDay(localDay(now, tz), horizonDays);
  const limit = dayBounds(lastBookableDay, tz).end;
  if (start.getTime() >= limit.getTime()) {
    const reach = horizonDays === 0 ? 'only for today' : `up to ${horizonDays} day${horizonDays === 1 ? '' : 's'} ahead`;
    throw fail('BEYOND_HORIZON', `You can book ${reach}; the last day you can book now is ${lastBookableDay}.`, {
      horizonDays,
      lastBookableDay,
      latestStartBefore: toLocalIso(limit, tz),
    });
  }
}

function checkOpeningHours({ start, end, tz, openingHours }: BookingRequestInput): void {
  const range = { start, end };
  if (isWithinOpeningHours(range, openingHours, tz)) return;
  const days = localDaysTouched(range, tz).map((day) => ({ day, hours: describeOpeningHoursOn(day, openingHours, tz) }));
  const listed = days.map((d) => `${d.day}: ${d.hours}`).join('; ');
  throw fail(
    'OUTSIDE_OPENING_HOURS',
    `${formatLocal(start, tz)}–${formatClock(end, tz)} is outside the room's opening hours (${listed}); choose a time when the room is open.`,
    { openingHours: days },
  );
}

export interface DailyQuotaInput {
  newRange: TimeRange;
  /** The member's bookings that hold seat time (SEAT_HOLDING_STATUSES), not including the new one. */
  existing: TimeRange[];
  tz: string;
  /** Minutes per local calendar day; null = unlimited. */
  quotaMinutesPerDay: number | null;
}

/** Each local day the new booking touches is checked on its own, so a 23:00–01:00 booking counts 1 h on each. */
export function checkDailyQuota({ newRange, existing, tz, quotaMinutesPerDay }: DailyQuotaInput): void {
  if (quotaMinutesPerDay === null || quotaMinutesPerDay === undefined) return;
  assertInteger(quotaMinutesPerDay, 'quotaMinutesPerDay', 0);
  const used = new Map<string, number>();
  for (const booking of existing) {
    for (const part of splitByLocalDay(booking, tz)) used.set(part.day, (used.get(part.day) ?? 0) + part.minutes);
  }
  for (const { day, minutes } of splitByLocalDay(newRange, tz)) {
    const usedMinutes = used.get(day) ?? 0;
    if (usedMinutes + minutes <= quotaMinutesPerDay) continue;
    const remaining = Math.max(0, quotaMinutesPerDay - usedMinutes);
    throw fail(
      'QUOTA_EXCEEDED',
      `Your daily limit is ${formatDuration(quotaMinutesPerDay)} and you already have ${formatDuration(usedMinutes)} booked on ${day}; ` +
        (remaining > 0 ? `you can add at most ${formatDuration(remaining)} that day.` : 'choose another day.'),
      { day, usedMinutes, quotaMinutes: quotaMinutesPerDay, requestedMinutes: minutes, remainingMinutes: remaining },
    );
  }
}

/** `openCount` = the member's bookings in SEAT_HOLDING_STATUSES now, not counting the one being made. */
export function checkOpenBookingLimit(openCount: number, limit: number | null): void {
  if (limit === null || limit === undefined) return;
  assertInteger(limit, 'openBookingLimit', 0);
  if (openCount >= limit) {
    throw fail(
      'QUOTA_EXCEEDED',
      `You can have at most ${limit} open booking${limit === 1 ? '' : 's'} at a time; finish or cancel one before booking again.`,
      { openBookings: openCount, limit },
    );
  }
}
