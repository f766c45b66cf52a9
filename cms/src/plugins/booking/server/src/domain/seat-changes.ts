/**
 * What a committed booking change did to the seat map, for the live seat-status push: the seat-ranges
 * that became held, booked or free. Pure: derived from the booking row after the change.
 */
import { localDay, shiftDay } from './slots';

export type SeatState = 'held' | 'booked' | 'free';

export interface SeatChange {
  seatId: number;
  start: Date;
  end: Date;
  state: SeatState;
}

interface BookingLike {
  seat_id: number;
  status: string;
  start_at: Date;
  end_at: Date;
  released_at?: Date | null;
}

/** The seat state a booking status shows on the map. */
export function seatStateOf(status: string): SeatState {
  if (status === 'pending_payment') return 'held';
  if (status === 'confirmed' || status === 'checked_in') return 'booked';
  return 'free';
}

/**
 * The change a booking (as it is after the commit) made to its seat. A booking that released its seat
 * early (check-out, no-show, cancellation after the start) frees only from `releasedFrom` (or its
 * `released_at`) on; the time before stays as it was and is not part of the change.
 */
export function seatChangesOf(b: BookingLike, releasedFrom?: Date | null): SeatChange[] {
  const state = seatStateOf(b.status);
  const from = state === 'free' ? (releasedFrom ?? b.released_at ?? b.start_at) : b.start_at;
  const start = from > b.start_at ? from : b.start_at;
  if (start >= b.end_at) return [];
  return [{ seatId: b.seat_id, start, end: b.end_at, state }];
}

/** The local days (YYYY-MM-DD in `tz`) a range touches: a seat map is one room on one day. */
export function localDaysOf(start: Date, end: Date, tz: string): string[] {
  const days: string[] = [];
  const last = localDay(new Date(end.getTime() - 1), tz);
  // YYYY-MM-DD strings compare as the days they name.
  for (let day = localDay(start, tz); day <= last && days.length < 8; day = shiftDay(day, 1)) days.push(day);
  return days;
}
