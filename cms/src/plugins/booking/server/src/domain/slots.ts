/**
 * Time grid rules. Two grids exist on purpose:
 * - the *slot* grid members book on (a parameter, e.g. 30 min), anchored at local midnight of the store;
 * - the *claim unit* grid (always 15 min) of the seat-slot claim rows whose unique (seat, unit_start)
 *   makes double booking impossible. Because every allowed slot size is a multiple of 15 and every
 *   real-world UTC offset is a multiple of 15 minutes, each slot boundary is also a claim-unit boundary,
 *   so changing the slot parameter can never let two bookings on different grids overlap unnoticed.
 */
import { DateTime } from 'luxon';
import { fail } from '../../../../../platform/errors';
import { assertInstant, assertZone, formatClock, inZone, invalidInput, localDate, localTime, remembered } from './support';

export const CLAIM_UNIT_MINUTES = 15;
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const MINUTE_MS = 60_000;
/** One claim unit in milliseconds: the grid of the claim rows' `unit_no`. */
export const CLAIM_UNIT_MS = CLAIM_UNIT_MINUTES * MINUTE_MS;
const UNIT_MS = CLAIM_UNIT_MS;
const MINUTES_PER_DAY = 1440;
// A search for the neighbouring grid point never needs more than a day of units plus a DST shift.
const MAX_UNIT_STEPS = MINUTES_PER_DAY / CLAIM_UNIT_MINUTES + 8;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface TimeRange {
  start: Date;
  end: Date;
}

export interface DayMinutes {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  minutes: number;
}

/** Slot sizes must tile both the claim-unit grid and the day (so every local day starts on a slot). */
export function assertValidSlotMinutes(slotMinutes: number): void {
  const valid =
    Number.isInteger(slotMinutes) &&
    slotMinutes > 0 &&
    slotMinutes % CLAIM_UNIT_MINUTES === 0 &&
    MINUTES_PER_DAY % slotMinutes === 0;
  if (!valid) {
    throw invalidInput(
      'slotMinutes',
      `The slot size must be a multiple of ${CLAIM_UNIT_MINUTES} minutes that divides a day evenly ` +
        `(15, 30, 45, 60, 90, 120, 180, 240, ...); got ${String(slotMinutes)}.`,
    );
  }
}

const isUnitBoundary = (at: Date): boolean => at.getTime() % UNIT_MS === 0;

/**
 * Whether `at` is a slot boundary. The grid is in wall-clock minutes since local midnight, so 14:00 and
 * 14:30 are on a 30-minute grid on every day, DST days included (in Berlin on the spring-forward day the
 * wall clock jumps 02:00 → 03:00 and 03:00 is still on the grid).
 */
export function isOnSlotGrid(at: Date, slotMinutes: number, tz: string): boolean {
  assertValidSlotMinutes(slotMinutes);
  assertZone(tz);
  if (!isUnitBoundary(at)) return false;
  const local = localTime(at, tz) ?? inZone(at, tz);
  const minuteOfDay = local.hour * 60 + local.minute;
  return local.second === 0 && local.millisecond === 0 && minuteOfDay % slotMinutes === 0;
}

/** The latest slot boundary at or before `at` – the start of the slot that contains `at`. */
export function floorToSlot(at: Date, slotMinutes: number, tz: string): Date {
  assertInstant(at, 'time');
  let t = Math.floor(at.getTime() / UNIT_MS) * UNIT_MS;
  for (let i = 0; i < MAX_UNIT_STEPS && !isOnSlotGrid(new Date(t), slotMinutes, tz); i++) t -= UNIT_MS;
  return new Date(t);
}

/** The earliest slot boundary at or after `at`. */
export function ceilToSlot(at: Date, slotMinutes: number, tz: string): Date {
  assertInstant(at, 'time');
  let t = Math.ceil(at.getTime() / UNIT_MS) * UNIT_MS;
  for (let i = 0; i < MAX_UNIT_STEPS && !isOnSlotGrid(new Date(t), slotMinutes, tz); i++) t += UNIT_MS;
  return new Date(t);
}

/** The earliest claim-unit boundary at or after `at` (claim units are anchored at the Unix epoch). */
export const ceilToClaimUnit = (at: Date): Date => new Date(Math.ceil(at.getTime() / UNIT_MS) * UNIT_MS);

/**
 * The 15-minute claim-unit starts covering [start, end). One claim row per unit is what the database's
 * unique (seat, unit_start) key turns into "no double booking".
 */
export function claimUnits(start: Date, end: Date): Date[] {
  assertInstant(start, 'start');
  assertInstant(end, 'end');
  if (!isUnitBoundary(start) || !isUnitBoundary(end)) {
    // Unreachable after checkBookingRequest; kept so a caller that skips it cannot write partial claims.
    throw fail('SLOT_MISALIGNED', `Bookings must start and end on a ${CLAIM_UNIT_MINUTES}-minute boundary.`, {
      start: start.toISOString(),
      end: end.toISOString(),
    });
  }
  if (end.getTime() <= start.getTime()) throw invalidInput('end', 'The end time must be after the start time.');
  const units: Date[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += UNIT_MS) units.push(new Date(t));
  return units;
}

/** Half-open ranges: a booking ending at 14:00 does not overlap one starting at 14:00. */
export function rangesOverlap(a: TimeRange, b: TimeRange): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

export const durationMinutes = (range: TimeRange): number =>
  (range.end.getTime() - range.start.getTime()) / MINUTE_MS;

/** The store's calendar day of an instant, YYYY-MM-DD. */
export function localDay(at: Date, tz: string): string {
  assertInstant(at, 'time');
  assertZone(tz);
  const local = localTime(at, tz);
  if (local) return localDate(local);
  // Every offset is within a day of UTC: the local day is the UTC day or a neighbour, and the one whose
  // (remembered) bounds hold the instant is it. luxon only for a zone's odd days (see `knownBounds`).
  const t = at.getTime();
  const utcDay = new Date(t).toISOString().slice(0, 10);
  for (const day of [utcDay, shiftDay(utcDay, -1), shiftDay(utcDay, 1)]) {
    const bounds = knownBounds(day, tz);
    if (bounds.exact && bounds.start <= t && t < bounds.end) return day;
  }
  return inZone(at, tz).toISODate() as string;
}

function parseDay(date: string, tz: string): DateTime {
  assertZone(tz);
  const parsed = typeof date === 'string' && DAY_PATTERN.test(date) ? DateTime.fromISO(date, { zone: tz }) : null;
  if (!parsed || !parsed.isValid) throw invalidInput('date', `"${String(date)}" is not a date; use YYYY-MM-DD, e.g. 2025-03-14.`);
  return parsed;
}

/** Day bounds already computed, by zone and day (a zone's rules do not change while a process runs). */
const knownDayBounds = new Map<string, { start: number; end: number; exact: boolean }>();
const MAX_KNOWN_DAY_BOUNDS = 5_000;

/**
 * [local midnight, next local midnight) of a day in ms, remembered. `exact`: both ends fall on that local
 * day (false only where a zone skipped a day, as Pacific/Apia did in 2011: `localDay` then asks luxon).
 */
function knownBounds(date: string, tz: string): { start: number; end: number; exact: boolean } {
  // The rule checks of every booking ask this several times; luxon's zone arithmetic is their main cost.
  return remembered(knownDayBounds, `${tz}|${date}`, MAX_KNOWN_DAY_BOUNDS, () => {
    const day = parseDay(date, tz);
    const start = day.startOf('day').toMillis();
    const end = day.plus({ days: 1 }).startOf('day').toMillis();
    const onDay = (ms: number) => DateTime.fromMillis(ms, { zone: tz }).toISODate() === date;
    return { start, end, exact: end > start && onDay(start) && onDay(end - 1) };
  });
}

/** [local midnight, next local midnight) of a calendar day; 23 or 25 hours long on DST days. */
export function dayBounds(date: string, tz: string): TimeRange {
  const known = knownBounds(date, tz);
  return { start: new Date(known.start), end: new Date(known.end) };
}

/** Calendar arithmetic on YYYY-MM-DD (no time zone involved: a day is a day). */
export function shiftDay(date: string, days: number): string {
  if (DAY_PATTERN.test(date)) {
    const ms = Date.parse(`${date}T00:00:00Z`);
    if (Number.isFinite(ms)) return new Date(ms + days * 86_400_000).toISOString().slice(0, 10);
  }
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

export function isoWeekday(date: string, tz: string): number {
  assertZone(tz);
  // A calendar day's weekday is the same in every zone: read it off the UTC date (luxon only to refuse bad input).
  const ms = typeof date === 'string' && DAY_PATTERN.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (Number.isFinite(ms) && new Date(ms).toISOString().startsWith(date)) return new Date(ms).getUTCDay() || 7;
  return parseDay(date, tz).weekday;
}

/** Minutes of `range` falling on each local day it touches, in order (used by the daily quota). */
export function splitByLocalDay(range: TimeRange, tz: string): DayMinutes[] {
  assertInstant(range.start, 'start');
  assertInstant(range.end, 'end');
  const parts: DayMinutes[] = [];
  let cursor = range.start;
  while (cursor.getTime() < range.end.getTime()) {
    const day = localDay(cursor, tz);
    const segmentEnd = new Date(Math.min(range.end.getTime(), dayBounds(day, tz).end.getTime()));
    parts.push({ day, minutes: (segmentEnd.getTime() - cursor.getTime()) / MINUTE_MS });
    cursor = segmentEnd;
  }
  return parts;
}

/** "14:00 or 14:30": the grid points either side of an off-grid time, for SLOT_MISALIGNED messages. */
export function nearestSlotBoundaries(at: Date, slotMinutes: number, tz: string): [Date, Date] {
  return [floorToSlot(at, slotMinutes, tz), ceilToSlot(at, slotMinutes, tz)];
}

export const describeSlotChoice = (at: Date, slotMinutes: number, tz: string): string => {
  const [before, after] = nearestSlotBoundaries(at, slotMinutes, tz);
  return `${formatClock(before, tz)} or ${formatClock(after, tz)}`;
};
