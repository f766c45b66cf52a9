/**
 * The slot grid the time-range picker draws, mirroring the server's booking rules (booking-rules.ts):
 * starts and ends on the `slotMinutes` grid, inside the day's opening hours, not before the slot under
 * way (walk-ins may book it), no later than the last day of the member's horizon, at most
 * `maxBookingMinutes` long. The server stays the judge; this only keeps the member from asking twice.
 */
import type { OpeningHours, TakenRange } from '../services/types';
import { addDays, clockLabel, openingWindow, storeDate, storeIso, storeParts } from './time';

export interface GridRules {
  slotMinutes: number;
  openingHours: OpeningHours[];
  horizonDays: number;
  maxBookingMinutes: number;
}

export interface Slot {
  /** Minutes since the store's midnight at which this slot starts. */
  start: number;
  label: string;
  /** Why the slot cannot start or be inside a booking: in the past, or taken on the chosen seat. */
  disabled: boolean;
  reason: '' | 'past' | 'taken';
}

/** Store dates the member may book, today first. */
export function bookableDates(now: number | Date, horizonDays: number): string[] {
  const today = storeDate(now);
  return Array.from({ length: horizonDays + 1 }, (_, i) => addDays(today, i));
}

/** The first minute of the slot under way on `date` (today), or 0 on a later date. */
export function earliestStart(date: string, now: number | Date, slotMinutes: number): number {
  if (storeDate(now) !== date) return storeDate(now) < date ? 0 : Infinity;
  const minute = storeParts(now).minuteOfDay;
  return Math.floor(minute / slotMinutes) * slotMinutes;
}

/** Minutes of `date` that a taken range covers, as [from, to). */
function takenMinutes(date: string, taken: TakenRange[]): Array<[number, number]> {
  const dayStart = new Date(storeIso(date, 0)).getTime();
  return taken.map((t) => [(new Date(t.start).getTime() - dayStart) / 60_000, (new Date(t.end).getTime() - dayStart) / 60_000]);
}

/** Every slot of the opening window of `date`, with the ones the member cannot use marked. */
export function slotGrid(date: string, rules: GridRules, now: number | Date, taken: TakenRange[] = []): Slot[] {
  const window = openingWindow(rules.openingHours, date);
  if (!window) return [];
  const first = Math.ceil(window.opens / rules.slotMinutes) * rules.slotMinutes;
  const earliest = earliestStart(date, now, rules.slotMinutes);
  const busy = takenMinutes(date, taken);
  const slots: Slot[] = [];
  for (let start = first; start + rules.slotMinutes <= window.closes; start += rules.slotMinutes) {
    const end = start + rules.slotMinutes;
    const past = start < earliest;
    const isTaken = busy.some(([from, to]) => start < to && from < end);
    slots.push({ start, label: clockLabel(start), disabled: past || isTaken, reason: past ? 'past' : isTaken ? 'taken' : '' });
  }
  return slots;
}

export type RangeProblem = '' | 'CLOSED' | 'MISALIGNED' | 'OUTSIDE_OPENING_HOURS' | 'PAST' | 'BEYOND_HORIZON' | 'TOO_LONG' | 'EMPTY';

/** Why a range of `date` cannot be booked ('' when it can, as far as the client knows). */
export function rangeProblem(date: string, start: number, end: number, rules: GridRules, now: number | Date): RangeProblem {
  if (end <= start) return 'EMPTY';
  if (start % rules.slotMinutes !== 0 || end % rules.slotMinutes !== 0) return 'MISALIGNED';
  const window = openingWindow(rules.openingHours, date);
  if (!window) return 'CLOSED';
  if (start < window.opens || end > window.closes) return 'OUTSIDE_OPENING_HOURS';
  if (start < earliestStart(date, now, rules.slotMinutes)) return 'PAST';
  if (!bookableDates(now, rules.horizonDays).includes(date)) return 'BEYOND_HORIZON';
  if (end - start > rules.maxBookingMinutes) return 'TOO_LONG';
  return '';
}

/**
 * Where a tap on slot `tapped` leaves the selection: the first tap starts a one-slot range; a later tap
 * after the start stretches the range to include that slot (if every slot between is free and the
 * length is allowed); a tap before the start, or on the start itself, starts again there.
 */
export function extendSelection(
  selection: { start: number; end: number } | null,
  tapped: number,
  slots: Slot[],
  rules: GridRules,
): { start: number; end: number } | null {
  const slot = slots.find((s) => s.start === tapped);
  if (!slot || slot.disabled) return selection;
  const single = { start: tapped, end: tapped + rules.slotMinutes };
  if (!selection || tapped < selection.start) return single;
  if (tapped === selection.start && selection.end === selection.start + rules.slotMinutes) return null;
  if (tapped < selection.end && tapped !== selection.start) return { start: selection.start, end: tapped + rules.slotMinutes };
  if (tapped === selection.start) return single;
  const end = tapped + rules.slotMinutes;
  if (end - selection.start > rules.maxBookingMinutes) return single;
  const gapFree = slots.filter((s) => s.start >= selection.start && s.start < end).every((s) => !s.disabled);
  return gapFree ? { start: selection.start, end } : single;
}

/**
 * The next range of `durationMinutes` the member can book from now ("book again"): today from the slot
 * under way, else the first opening of the following days within the horizon. Null if none fits.
 */
export function nextBookableRange(rules: GridRules, durationMinutes: number, now: number | Date): { date: string; start: number; end: number } | null {
  for (const date of bookableDates(now, rules.horizonDays)) {
    const window = openingWindow(rules.openingHours, date);
    if (!window) continue;
    const first = Math.max(Math.ceil(window.opens / rules.slotMinutes) * rules.slotMinutes, earliestStart(date, now, rules.slotMinutes));
    const length = Math.min(durationMinutes, rules.maxBookingMinutes);
    if (first + length <= window.closes) return { date, start: first, end: first + length };
  }
  return null;
}

/** The ISO instants of a store-date range (end 1440 is the next midnight). */
export function rangeInstants(date: string, start: number, end: number): { start: string; end: string } {
  return { start: storeIso(date, start), end: storeIso(date, end) };
}

export function overlaps(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  return new Date(aStart).getTime() < new Date(bEnd).getTime() && new Date(bStart).getTime() < new Date(aEnd).getTime();
}
