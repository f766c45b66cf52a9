/**
 * Coupon rules: who may use an issued coupon, for what, and how much it is worth.
 *
 * Rules (documented for staff and members):
 * - A coupon is valid from `validFrom` (inclusive) to `validTo` (exclusive), in absolute time.
 * - `minSpendFen` is met when the amount is at least the minimum (equal is enough). For bookings the
 *   amount is the price after the membership discount (see pricing.ts); for recharges it is the amount paid.
 * - `roomIds` empty means any room; otherwise a booking coupon works only in those rooms.
 * - `free_hours` coupons are for bookings only, whatever `appliesTo` says.
 * - A discount is never more than the amount and never negative.
 */
import { fail } from '../../../../../platform/errors';
import { assertFen, formatYuan, percentOf, type Fen } from '../../../../../platform/money';
import { invalid } from './validation';

export type CouponKind = 'amount_off' | 'percent_off' | 'free_hours';
export type CouponPurpose = 'booking' | 'recharge';

export interface CouponTerms {
  kind: CouponKind;
  amountOffFen?: Fen | null;
  percentOff?: number | null;
  maxDiscountFen?: Fen | null;
  freeHours?: number | null;
  minSpendFen: Fen;
  /** Room documentIds; empty = any room. */
  roomIds: string[];
  appliesTo: CouponPurpose | 'any';
}

export type CouponStatus = 'unused' | 'used' | 'expired' | 'revoked';

export interface IssuedCoupon {
  ownerId: string | number;
  status: CouponStatus;
  validFrom: Date;
  validTo: Date;
  terms: CouponTerms;
}

export type CouponInvalidReason =
  | 'not_owned'
  | 'used'
  | 'expired'
  | 'not_started'
  | 'revoked'
  | 'wrong_purpose'
  | 'wrong_room'
  | 'below_min_spend';

export const COUPON_INVALID_REASONS: readonly CouponInvalidReason[] = [
  'not_owned', 'used', 'expired', 'not_started', 'revoked', 'wrong_purpose', 'wrong_room', 'below_min_spend',
];

const couponInvalid = (reason: CouponInvalidReason, message: string, extra: Record<string, unknown> = {}) =>
  fail('COUPON_INVALID', message, { reason, ...extra });

/** Checks a staff-made template's terms; VALIDATION names the field in the admin form. */
export function validateCouponTerms(terms: CouponTerms): CouponTerms {
  const positiveInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
  if (!Number.isSafeInteger(terms.minSpendFen) || terms.minSpendFen < 0) {
    throw invalid('min_spend_fen', 'The minimum spend must be a whole number of fen, 0 or more.');
  }
  if (terms.maxDiscountFen != null && !positiveInt(terms.maxDiscountFen)) {
    throw invalid('max_discount_fen', 'The discount cap must be a positive whole number of fen.');
  }
  switch (terms.kind) {
    case 'amount_off':
      if (!positiveInt(terms.amountOffFen)) throw invalid('amount_off_fen', 'An amount-off coupon needs an amount of at least 1 fen.');
      break;
    case 'percent_off':
      if (!positiveInt(terms.percentOff) || (terms.percentOff as number) > 100) {
        throw invalid('percent_off', 'A percent-off coupon needs a whole percentage from 1 to 100.');
      }
      break;
    case 'free_hours':
      // Whole hours keep the value exact in minutes (and match the template's integer field).
      if (!positiveInt(terms.freeHours)) throw invalid('free_hours', 'A free-hours coupon needs a whole number of hours, at least 1.');
      if (terms.appliesTo === 'recharge') throw invalid('applies_to', 'Free hours can only be used on bookings.');
      break;
    default:
      throw invalid('kind', `Unknown coupon kind "${String((terms as CouponTerms).kind)}".`);
  }
  return terms;
}

/** Whether terms may be used for a purpose; free hours only make sense on a booking. */
export const couponFitsPurpose = (terms: CouponTerms, purpose: CouponPurpose): boolean =>
  (terms.appliesTo === 'any' || terms.appliesTo === purpose) && !(terms.kind === 'free_hours' && purpose !== 'booking');

/** wrong_purpose unless the terms may be used for this purpose. */
export function checkCouponPurpose(terms: CouponTerms, purpose: CouponPurpose): void {
  if (couponFitsPurpose(terms, purpose)) return;
  throw couponInvalid(
    'wrong_purpose',
    purpose === 'booking' ? 'This coupon can only be used when recharging.' : 'This coupon can only be used on bookings.',
  );
}

/** wrong_room unless the terms cover the room (empty roomIds = any room; a missing room fails a restriction). */
export function checkCouponRoom(terms: CouponTerms, roomId: string | null | undefined): void {
  if (terms.roomIds.length === 0 || (roomId != null && terms.roomIds.includes(roomId))) return;
  throw couponInvalid('wrong_room', 'This coupon is not valid in this room; see the coupon for the rooms it covers.', {
    room_ids: terms.roomIds,
  });
}

/** below_min_spend unless amount ≥ minimum (equal is enough). */
export function checkCouponMinSpend(terms: CouponTerms, amountFen: Fen): void {
  assertFen(amountFen, 'amountFen');
  if (amountFen >= terms.minSpendFen) return;
  throw couponInvalid(
    'below_min_spend',
    `This coupon needs a spend of at least ${formatYuan(terms.minSpendFen)}; this order is ${formatYuan(amountFen)}.`,
    { min_spend_fen: terms.minSpendFen, amount_fen: amountFen },
  );
}

/**
 * The checks that depend only on the terms and the order: purpose, room (bookings only), minimum spend.
 * pricing.ts runs them too, so a quote never applies a coupon that the payment would refuse.
 */
export function checkCouponTerms(
  terms: CouponTerms,
  order: { purpose: CouponPurpose; amountFen: Fen; roomId?: string | null },
): void {
  checkCouponPurpose(terms, order.purpose);
  if (order.purpose === 'booking') checkCouponRoom(terms, order.roomId);
  checkCouponMinSpend(terms, order.amountFen);
}

/**
 * Throws COUPON_INVALID (details.reason) unless `userId` may use `coupon` now for this order.
 * Order of checks: ownership first (a stranger's coupon reveals nothing else about it), then the
 * coupon's own state, its window, and finally whether it fits this order.
 */
export function checkCouponUsable(input: {
  coupon: IssuedCoupon;
  userId: string | number;
  now: Date;
  purpose: CouponPurpose;
  /** For bookings: the price after the membership discount. For recharges: the amount paid. */
  amountFen: Fen;
  roomId?: string | null;
}): void {
  const { coupon, now } = input;
  if (String(coupon.ownerId) !== String(input.userId)) {
    throw couponInvalid('not_owned', 'This coupon does not belong to you.');
  }
  if (coupon.status === 'revoked') throw couponInvalid('revoked', 'This coupon was withdrawn by the store and can no longer be used.');
  if (coupon.status === 'used') throw couponInvalid('used', 'This coupon has already been used.');
  if (coupon.status === 'expired' || now.getTime() >= coupon.validTo.getTime()) {
    throw couponInvalid('expired', `This coupon expired at ${coupon.validTo.toISOString()}.`, { valid_to: coupon.validTo.toISOString() });
  }
  if (now.getTime() < coupon.validFrom.getTime()) {
    throw couponInvalid('not_started', `This coupon can be used from ${coupon.validFrom.toISOString()}.`, {
      valid_from: coupon.validFrom.toISOString(),
    });
  }
  checkCouponTerms(coupon.terms, { purpose: input.purpose, amountFen: input.amountFen, roomId: input.roomId });
}

/**
 * What a coupon takes off `amountFen` (for recharge coupons: the bonus it adds, see pricing.ts).
 * - amount_off: its amount, at most the order.
 * - percent_off: percentOf(amount) rounded half up to the fen, at most maxDiscountFen.
 * - free_hours: the free minutes' share of `amountFen` over the booking's `minutes`, so free hours are
 *   worth what those hours cost this member (after their membership discount, and for any price mix).
 *   Without a membership discount this equals prorate(pricePerHour, freeMinutes). A booking shorter than
 *   the free hours is free; the rest of the hours are not kept.
 *   `pricePerHourFen` is accepted for callers that have it but not needed.
 */
export function couponDiscountFen(
  terms: CouponTerms,
  order: { amountFen: Fen; pricePerHourFen?: Fen; minutes?: number },
): Fen {
  const amountFen = assertFen(order.amountFen, 'amountFen');
  if (amountFen <= 0) return 0;
  let discount: Fen;
  switch (terms.kind) {
    case 'amount_off':
      discount = assertFen(terms.amountOffFen ?? 0, 'amountOffFen');
      break;
    case 'percent_off':
      discount = percentOf(amountFen, terms.percentOff ?? 0);
      if (terms.maxDiscountFen != null) discount = Math.min(discount, terms.maxDiscountFen);
      break;
    case 'free_hours':
      discount = freeHoursShare(amountFen, terms.freeHours ?? 0, order.minutes);
      break;
    default:
      throw invalid('kind', `Unknown coupon kind "${String((terms as CouponTerms).kind)}".`);
  }
  return Math.max(0, Math.min(discount, amountFen));
}

function freeHoursShare(amountFen: Fen, freeHours: number, bookingMinutes: number | undefined): Fen {
  const minutes = bookingMinutes ?? 0;
  if (!Number.isInteger(minutes) || minutes <= 0) throw new RangeError('a free-hours coupon needs the booking length in minutes');
  const freeMinutes = Math.min(Math.round(freeHours * 60), minutes);
  // Half-up rounding in integers: floor((a*f + m/2) / m) == round(a*f/m) for non-negative values.
  return Math.floor((amountFen * freeMinutes * 2 + minutes) / (minutes * 2));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Validity of a coupon issued at `issuedAt` from a template:
 * - starts at the template's `validFrom`, or at issue if that is later (or absent);
 * - ends at the earlier of the template's `validTo` and `issuedAt + validDaysAfterIssue × 24h`;
 * - a template with neither end would issue a coupon that never expires: refused.
 * - a window that is already over (or empty) is refused, so nobody is handed a dead coupon.
 */
export function couponExpiry(input: {
  issuedAt: Date;
  validFrom?: Date | null;
  validTo?: Date | null;
  validDaysAfterIssue?: number | null;
}): { validFrom: Date; validTo: Date } {
  const issued = input.issuedAt.getTime();
  const from = Math.max(issued, input.validFrom?.getTime() ?? issued);
  const ends: number[] = [];
  if (input.validTo) ends.push(input.validTo.getTime());
  if (input.validDaysAfterIssue != null) {
    if (!Number.isInteger(input.validDaysAfterIssue) || input.validDaysAfterIssue < 1) {
      throw invalid('valid_days_after_issue', 'Days of validity after issue must be a whole number, at least 1.');
    }
    ends.push(issued + input.validDaysAfterIssue * DAY_MS);
  }
  if (ends.length === 0) throw invalid('valid_to', 'A coupon template needs an end date or a number of valid days after issue.');
  const to = Math.min(...ends);
  if (to <= from) throw invalid('valid_to', 'This coupon template has expired (its validity ends before it could be used); extend it first.');
  return { validFrom: new Date(from), validTo: new Date(to) };
}

/** Per-member issue limit; `null`/`undefined` means unlimited. */
export function canIssueMore(input: { alreadyIssuedToMember: number; perMemberLimit?: number | null }): boolean {
  if (input.perMemberLimit == null) return true;
  return input.alreadyIssuedToMember < input.perMemberLimit;
}
