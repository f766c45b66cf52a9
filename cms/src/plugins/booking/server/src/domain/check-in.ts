/**
 * Check-in and check-out timing. A member may check in from `openMinutesBefore` before the start until
 * `graceMinutes` after it (never after the end); after the grace period the no-show job releases the seat.
 */
import { fail } from '../../../../../platform/errors';
import { ceilToClaimUnit, DEFAULT_TIME_ZONE } from './slots';
import { assertInstant, assertInteger, formatClock, toLocalIso } from './support';

const MINUTE_MS = 60_000;

export interface CheckinWindowInput {
  start: Date;
  end: Date;
  now: Date;
  openMinutesBefore: number;
  graceMinutes: number;
  /** Only used to write times into the message; defaults to Asia/Shanghai. */
  tz?: string;
}

export interface CheckinWindow {
  opensAt: Date;
  closesAt: Date;
}

/** [start − openMinutesBefore, min(start + grace, end)], both ends inclusive. */
export function checkinWindow({ start, end, openMinutesBefore, graceMinutes }: Omit<CheckinWindowInput, 'now'>): CheckinWindow {
  assertInstant(start, 'start');
  assertInstant(end, 'end');
  assertInteger(openMinutesBefore, 'openMinutesBefore', 0);
  assertInteger(graceMinutes, 'graceMinutes', 0);
  return {
    opensAt: new Date(start.getTime() - openMinutesBefore * MINUTE_MS),
    closesAt: new Date(Math.min(noShowDeadline(start, graceMinutes).getTime(), end.getTime())),
  };
}

/** Throws CHECKIN_WINDOW (details: opensAt, closesAt, reason) outside the window; returns the window. */
export function checkCheckinWindow(input: CheckinWindowInput): CheckinWindow {
  const window = checkinWindow(input);
  assertInstant(input.now, 'now');
  const tz = input.tz ?? DEFAULT_TIME_ZONE;
  const details = { opensAt: toLocalIso(window.opensAt, tz), closesAt: toLocalIso(window.closesAt, tz) };
  if (input.now.getTime() < window.opensAt.getTime()) {
    throw fail('CHECKIN_WINDOW', `Check-in opens at ${formatClock(window.opensAt, tz)}; please scan again then.`, {
      ...details,
      reason: 'too_early',
    });
  }
  if (input.now.getTime() > window.closesAt.getTime()) {
    throw fail('CHECKIN_WINDOW', `Check-in closed at ${formatClock(window.closesAt, tz)}; this booking can no longer be checked in.`, {
      ...details,
      reason: 'too_late',
    });
  }
  return window;
}

/**
 * The last instant a check-in is accepted. A confirmed booking is a no-show once `now` is strictly after
 * this (the check-in window is inclusive), so the job and the check-in endpoint never both succeed.
 */
export function noShowDeadline(start: Date, graceMinutes: number): Date {
  assertInstant(start, 'start');
  assertInteger(graceMinutes, 'graceMinutes', 0);
  return new Date(start.getTime() + graceMinutes * MINUTE_MS);
}

/**
 * On early check-out, claims from the returned instant onward are released so others can book the rest.
 * The unit under way stays claimed (the member is still in the seat until they leave it), and the result
 * is clamped to [start, end]: result = end means there is nothing left to release.
 */
export function earlyCheckoutRelease({ now, start, end }: { now: Date; start: Date; end: Date }): Date {
  assertInstant(now, 'now');
  assertInstant(start, 'start');
  assertInstant(end, 'end');
  const boundary = ceilToClaimUnit(now).getTime();
  return new Date(Math.min(end.getTime(), Math.max(start.getTime(), boundary)));
}
