/**
 * The booking status machine. Every status change goes through the table below: the bookings
 * repository writes a status only from a `StatusChange`, and only `statusChange` makes one, so an impossible
 * sequence (checking in a cancelled booking, paying an expired hold twice) is refused with INVALID_STATE
 * instead of silently rewriting history.
 *
 *   pending_payment ─┬─> confirmed ─┬─> checked_in ──> completed
 *                    │              ├─> cancelled
 *                    │              └─> no_show            (the no-show job, after the grace period)
 *                    ├─> cancelled
 *                    └─> expired ──> confirmed              (late payment, seat re-claimed – see below)
 *   checked_in ──> cancelled                                (staff only)
 */
import { fail } from '../../../../../platform/errors';

export const BOOKING_STATUSES = [
  'pending_payment',
  'confirmed',
  'checked_in',
  'completed',
  'cancelled',
  'expired',
  'no_show',
] as const;

export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Statuses that hold seat time: their claim rows exist and they count towards quotas and limits. */
export const SEAT_HOLDING_STATUSES: readonly BookingStatus[] = ['pending_payment', 'confirmed', 'checked_in'];

/** The statuses a booking is created in: a hold waiting for payment, or paid at once (wallet, free). */
export const NEW_BOOKING_STATUSES = ['pending_payment', 'confirmed'] as const satisfies readonly BookingStatus[];
export type NewBookingStatus = (typeof NEW_BOOKING_STATUSES)[number];

export const isBookingStatus = (value: unknown): value is BookingStatus =>
  typeof value === 'string' && (BOOKING_STATUSES as readonly string[]).includes(value);

export const holdsSeat = (status: BookingStatus): boolean => SEAT_HOLDING_STATUSES.includes(status);

const TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  pending_payment: ['confirmed', 'cancelled', 'expired'],
  // No confirmed → completed: a booking nobody checked into ends as no_show, which keeps violation
  // counting honest and means "completed" always reflects a real visit.
  confirmed: ['checked_in', 'cancelled', 'no_show'],
  checked_in: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
  // expired → confirmed exists for one case only: WeChat Pay can report a successful payment after our
  // hold expired (the member paid at the last second, or the notification was delayed). The money is real,
  // so the caller re-claims the seat-slot units in the same transaction; if the claim fails (SEAT_TAKEN) the
  // booking stays expired and the payment is refunded. Never used for wallet payments, which are immediate.
  expired: ['confirmed'],
  no_show: [],
};

// Cancelling after check-in is a staff remedy (a member who was moved, a disturbance), never self-service.
const STAFF_ONLY = new Set<string>(['checked_in->cancelled']);

export interface TransitionOptions {
  /** The change is made by staff from the admin panel. */
  staff?: boolean;
}

export function canTransition(from: BookingStatus, to: BookingStatus, options: TransitionOptions = {}): boolean {
  if (!TRANSITIONS[from]?.includes(to)) return false;
  return !STAFF_ONLY.has(`${from}->${to}`) || options.staff === true;
}

export function allowedTransitions(from: BookingStatus, options: TransitionOptions = {}): BookingStatus[] {
  return (TRANSITIONS[from] ?? []).filter((to) => canTransition(from, to, options));
}

const STATE_PHRASE: Record<BookingStatus, string> = {
  pending_payment: 'waiting for payment',
  confirmed: 'confirmed',
  checked_in: 'checked in',
  completed: 'already completed',
  cancelled: 'cancelled',
  expired: 'expired because it was not paid in time',
  no_show: 'marked as a no-show',
};

const ACTION_PHRASE: Record<BookingStatus, string> = {
  pending_payment: 'put back to waiting for payment',
  confirmed: 'confirmed',
  checked_in: 'checked in',
  completed: 'checked out',
  cancelled: 'cancelled',
  expired: 'expired',
  no_show: 'marked as a no-show',
};

/**
 * The statuses from which a booking may move to `to`, read off the table: what a bulk job selects, so
 * it never picks a row whose change the table refuses.
 */
export function statusesThatMayBecome(to: BookingStatus, options: TransitionOptions = {}): BookingStatus[] {
  return BOOKING_STATUSES.filter((from) => canTransition(from, to, options));
}

/** Throws INVALID_STATE with a sentence such as "This booking is cancelled, so it can't be checked in." */
export function assertTransition(from: BookingStatus, to: BookingStatus, options: TransitionOptions = {}): void {
  if (canTransition(from, to, options)) return;
  const staffOnly = TRANSITIONS[from]?.includes(to) && STAFF_ONLY.has(`${from}->${to}`);
  const message = staffOnly
    ? `This booking is ${STATE_PHRASE[from]}; only staff can get it ${ACTION_PHRASE[to]} now – please ask at the front desk.`
    : from === to
      ? `This booking is already ${STATE_PHRASE[from] ?? String(from)}.`
      : `This booking is ${STATE_PHRASE[from] ?? String(from)}, so it can't be ${ACTION_PHRASE[to] ?? String(to)}.`;
  throw fail('INVALID_STATE', message, { from, to, allowed: allowedTransitions(from, options) });
}

declare const checked: unique symbol;

/**
 * A status change the table allows. Only `statusChange` makes one, and the bookings repository writes a
 * status only from one (as a conditional update on `from`), so no code path can skip the table.
 */
export interface StatusChange {
  readonly from: BookingStatus;
  readonly to: BookingStatus;
  readonly [checked]: true;
}

/** The change `from` → `to`, or INVALID_STATE (see `assertTransition`) when the table refuses it. */
export function statusChange(from: BookingStatus, to: BookingStatus, options: TransitionOptions = {}): StatusChange {
  assertTransition(from, to, options);
  return { from, to } as StatusChange;
}
