/**
 * Which seat-slot claims can still conflict. A claim only matters while some transaction might claim
 * the same seat-unit again; afterwards it is history (the booking row keeps the record) and may be purged.
 *
 * Who claims units, and how far back:
 * - a member's booking starts at the earliest at the current slot (booking rules: no start in the past);
 * - a staff move claims from now on;
 * - a late WeChat payment re-claims the whole booking (start to end) if its end is still ahead, so it
 *   reaches back at most the longest booking (`max_booking_minutes`).
 * Claims are also read for seat maps, and today's map shows today's past hours as they were: so a
 * claim is kept for at least a day, whichever is longer. An hour more absorbs clock skew between processes.
 */
const DAY_MS = 24 * 3600_000;
const CLOCK_SKEW_MS = 3600_000;

/** Claimed units ending at or before this instant can never conflict again: the purge job removes them. */
export function claimsPurgeableBefore(input: { now: Date; maxBookingMinutes: number }): Date {
  const reach = Math.max(DAY_MS, input.maxBookingMinutes * 60_000);
  return new Date(input.now.getTime() - reach - CLOCK_SKEW_MS);
}
