import {
  allowedTransitions,
  assertTransition,
  BOOKING_STATUSES,
  canTransition,
  holdsSeat,
  isBookingStatus,
  NEW_BOOKING_STATUSES,
  SEAT_HOLDING_STATUSES,
  statusChange,
  statusesThatMayBecome,
  type BookingStatus,
} from '../../../cms/src/plugins/booking/server/src/domain';
import { refusal } from './support';

const ALLOWED: Array<[BookingStatus, BookingStatus]> = [
  ['pending_payment', 'confirmed'],
  ['pending_payment', 'cancelled'],
  ['pending_payment', 'expired'],
  ['confirmed', 'checked_in'],
  ['confirmed', 'cancelled'],
  ['confirmed', 'no_show'],
  ['checked_in', 'completed'],
  ['expired', 'confirmed'],
];

describe('booking status machine', () => {
  it('knows exactly the seven statuses', () => {
    expect([...BOOKING_STATUSES].sort()).toEqual(
      ['cancelled', 'checked_in', 'completed', 'confirmed', 'expired', 'no_show', 'pending_payment'],
    );
    expect(isBookingStatus('confirmed')).toBe(true);
    expect(isBookingStatus('paid')).toBe(false);
  });

  it('only unfinished bookings hold seat time', () => {
    expect([...SEAT_HOLDING_STATUSES].sort()).toEqual(['checked_in', 'confirmed', 'pending_payment']);
    expect(holdsSeat('expired')).toBe(false);
    expect(holdsSeat('checked_in')).toBe(true);
  });

  it('a booking is created waiting for payment or already paid', () => {
    expect([...NEW_BOOKING_STATUSES]).toEqual(['pending_payment', 'confirmed']);
  });

  it('the jobs select exactly the statuses the table lets them change', () => {
    expect(statusesThatMayBecome('expired')).toEqual(['pending_payment']);
    expect(statusesThatMayBecome('no_show')).toEqual(['confirmed']);
    expect(statusesThatMayBecome('completed')).toEqual(['checked_in']);
    // Late payment confirms an expired hold; only staff may cancel after check-in.
    expect(statusesThatMayBecome('confirmed')).toEqual(['pending_payment', 'expired']);
    expect(statusesThatMayBecome('cancelled')).toEqual(['pending_payment', 'confirmed']);
    expect(statusesThatMayBecome('cancelled', { staff: true })).toEqual(['pending_payment', 'confirmed', 'checked_in']);
  });

  it('a status change is only made for an allowed pair, and says where from', () => {
    expect(statusChange('confirmed', 'checked_in')).toMatchObject({ from: 'confirmed', to: 'checked_in' });
    refusal(() => statusChange('no_show', 'checked_in'), 'INVALID_STATE');
  });

  it('checking in twice says it is already checked in', () => {
    const err = refusal(() => statusChange('checked_in', 'checked_in'), 'INVALID_STATE');
    expect(err.message).toBe('This booking is already checked in.');
  });

  it.each(ALLOWED)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it('refuses every other pair with INVALID_STATE (staff-only pairs aside)', () => {
    for (const from of BOOKING_STATUSES) {
      for (const to of BOOKING_STATUSES) {
        if (ALLOWED.some(([f, t]) => f === from && t === to)) continue;
        expect(canTransition(from, to)).toBe(false);
        refusal(() => assertTransition(from, to), 'INVALID_STATE');
      }
    }
  });

  it('a confirmed booking cannot be completed without a check-in', () => {
    const err = refusal(() => assertTransition('confirmed', 'completed'), 'INVALID_STATE');
    expect(err.message).toBe("This booking is confirmed, so it can't be checked out.");
  });

  it('checking in a cancelled booking reads as a sentence and lists what is allowed', () => {
    const err = refusal(() => assertTransition('cancelled', 'checked_in'), 'INVALID_STATE');
    expect(err.message).toBe("This booking is cancelled, so it can't be checked in.");
    expect(err.details).toEqual({ from: 'cancelled', to: 'checked_in', allowed: [] });
  });

  it('paying an expired hold late may confirm it again (the caller must re-claim the seat)', () => {
    expect(allowedTransitions('expired')).toEqual(['confirmed']);
  });

  it('terminal statuses go nowhere', () => {
    for (const s of ['completed', 'cancelled', 'no_show'] as const) expect(allowedTransitions(s, { staff: true })).toEqual([]);
  });

  it('only staff may cancel a booking after check-in', () => {
    expect(canTransition('checked_in', 'cancelled')).toBe(false);
    expect(canTransition('checked_in', 'cancelled', { staff: true })).toBe(true);
    const err = refusal(() => assertTransition('checked_in', 'cancelled'), 'INVALID_STATE');
    expect(err.message).toMatch(/only staff/);
    expect(allowedTransitions('checked_in', { staff: true })).toEqual(['completed', 'cancelled']);
  });
});
