import {
  canIssueMore,
  checkCouponUsable,
  COUPON_INVALID_REASONS,
  couponDiscountFen,
  couponExpiry,
  validateCouponTerms,
  type CouponTerms,
  type IssuedCoupon,
} from '../../../cms/src/plugins/payments/server/src/domain';
import { catchDomainError } from './helpers';

const NOW = new Date('2025-03-10T04:00:00Z');
const terms = (over: Partial<CouponTerms> = {}): CouponTerms => ({
  kind: 'amount_off',
  amountOffFen: 500,
  minSpendFen: 0,
  roomIds: [],
  appliesTo: 'booking',
  ...over,
});
const coupon = (over: Partial<IssuedCoupon> = {}, t: Partial<CouponTerms> = {}): IssuedCoupon => ({
  ownerId: 'u1',
  status: 'unused',
  validFrom: new Date('2025-03-01T00:00:00Z'),
  validTo: new Date('2025-04-01T00:00:00Z'),
  terms: terms(t),
  ...over,
});
const use = (c: IssuedCoupon, over: Partial<Parameters<typeof checkCouponUsable>[0]> = {}) =>
  checkCouponUsable({ coupon: c, userId: 'u1', now: NOW, purpose: 'booking', amountFen: 3000, roomId: 'roomA', ...over });
const reasonOf = (fn: () => unknown) => {
  const err = catchDomainError(fn, 'COUPON_INVALID');
  expect(err.status).toBe(409);
  expect(typeof err.message).toBe('string');
  return err.details.reason;
};

describe('coupons: who may use a coupon, and when', () => {
  it('an unused coupon of mine, inside its window, for a matching order, is usable', () => {
    expect(() => use(coupon())).not.toThrow();
  });

  it('someone else\'s coupon is refused as not_owned', () => {
    expect(reasonOf(() => use(coupon({ ownerId: 'u2' })))).toBe('not_owned');
  });

  it('owner ids compare as strings, so numeric and string ids match', () => {
    expect(() => use(coupon({ ownerId: 7 }), { userId: '7' })).not.toThrow();
  });

  it('ownership is checked before anything else is revealed', () => {
    expect(reasonOf(() => use(coupon({ ownerId: 'u2', status: 'used' })))).toBe('not_owned');
  });

  it('a used coupon is refused as used', () => {
    expect(reasonOf(() => use(coupon({ status: 'used' })))).toBe('used');
  });

  it('a revoked coupon is refused as revoked', () => {
    expect(reasonOf(() => use(coupon({ status: 'revoked' })))).toBe('revoked');
  });

  it('a coupon marked expired is refused as expired', () => {
    expect(reasonOf(() => use(coupon({ status: 'expired' })))).toBe('expired');
  });

  it('a coupon is expired at exactly its validTo, even before the cron marks it', () => {
    expect(reasonOf(() => use(coupon({ validTo: NOW })))).toBe('expired');
    expect(() => use(coupon({ validTo: new Date(NOW.getTime() + 1) }))).not.toThrow();
  });

  it('a coupon is not usable before its validFrom, and usable from that instant', () => {
    expect(reasonOf(() => use(coupon({ validFrom: new Date(NOW.getTime() + 1) })))).toBe('not_started');
    expect(() => use(coupon({ validFrom: NOW }))).not.toThrow();
  });

  it('a recharge coupon cannot be used on a booking, nor a booking coupon on a recharge', () => {
    expect(reasonOf(() => use(coupon({}, { appliesTo: 'recharge' })))).toBe('wrong_purpose');
    expect(reasonOf(() => use(coupon(), { purpose: 'recharge' }))).toBe('wrong_purpose');
  });

  it('an "any" coupon works for both purposes, but free hours only on bookings', () => {
    expect(() => use(coupon({}, { appliesTo: 'any' }), { purpose: 'recharge' })).not.toThrow();
    expect(reasonOf(() => use(coupon({}, { appliesTo: 'any', kind: 'free_hours', freeHours: 1 }), { purpose: 'recharge' }))).toBe('wrong_purpose');
  });

  it('a coupon for other rooms is refused as wrong_room, listing its rooms', () => {
    const err = catchDomainError(() => use(coupon({}, { roomIds: ['roomB'] })), 'COUPON_INVALID');
    expect(err.details).toEqual({ reason: 'wrong_room', room_ids: ['roomB'] });
    expect(() => use(coupon({}, { roomIds: ['roomB', 'roomA'] }))).not.toThrow();
  });

  it('a room-restricted booking coupon needs a room to be checked against', () => {
    expect(reasonOf(() => use(coupon({}, { roomIds: ['roomA'] }), { roomId: undefined }))).toBe('wrong_room');
  });

  it('room restrictions do not apply to recharges', () => {
    expect(() => use(coupon({}, { roomIds: ['roomB'], appliesTo: 'recharge' }), { purpose: 'recharge' })).not.toThrow();
  });

  it('spending exactly the minimum is enough; one fen less is below_min_spend', () => {
    expect(() => use(coupon({}, { minSpendFen: 3000 }), { amountFen: 3000 })).not.toThrow();
    const err = catchDomainError(() => use(coupon({}, { minSpendFen: 3000 }), { amountFen: 2999 }), 'COUPON_INVALID');
    expect(err.details).toEqual({ reason: 'below_min_spend', min_spend_fen: 3000, amount_fen: 2999 });
    expect(err.message).toContain('¥30.00');
    expect(err.message).toContain('¥29.99');
  });

  it('every documented reason is reachable', () => {
    const seen = new Set([
      reasonOf(() => use(coupon({ ownerId: 'x' }))),
      reasonOf(() => use(coupon({ status: 'used' }))),
      reasonOf(() => use(coupon({ status: 'expired' }))),
      reasonOf(() => use(coupon({ validFrom: new Date('2026-01-01') }))),
      reasonOf(() => use(coupon({ status: 'revoked' }))),
      reasonOf(() => use(coupon({}, { appliesTo: 'recharge' }))),
      reasonOf(() => use(coupon({}, { roomIds: ['roomZ'] }))),
      reasonOf(() => use(coupon({}, { minSpendFen: 99999 }))),
    ]);
    expect([...seen].sort()).toEqual([...COUPON_INVALID_REASONS].sort());
  });
});

describe('coupons: what a coupon is worth', () => {
  it('an amount-off coupon takes off its amount', () => {
    expect(couponDiscountFen(terms({ amountOffFen: 500 }), { amountFen: 3000 })).toBe(500);
  });

  it('an amount-off coupon never takes off more than the order', () => {
    expect(couponDiscountFen(terms({ amountOffFen: 5000 }), { amountFen: 3000 })).toBe(3000);
  });

  it('a percent-off coupon rounds half up at the fen', () => {
    // 15% of 1010 = 151.5 fen -> 152; 15% of 1003 = 150.45 -> 150.
    expect(couponDiscountFen(terms({ kind: 'percent_off', percentOff: 15 }), { amountFen: 1010 })).toBe(152);
    expect(couponDiscountFen(terms({ kind: 'percent_off', percentOff: 15 }), { amountFen: 1003 })).toBe(150);
  });

  it('a percent-off coupon never discounts more than its cap', () => {
    const t = terms({ kind: 'percent_off', percentOff: 50, maxDiscountFen: 1000 });
    expect(couponDiscountFen(t, { amountFen: 10000 })).toBe(1000);
    expect(couponDiscountFen(t, { amountFen: 1500 })).toBe(750);
  });

  it('a 100% coupon makes the order free but no cheaper', () => {
    expect(couponDiscountFen(terms({ kind: 'percent_off', percentOff: 100 }), { amountFen: 1234 })).toBe(1234);
  });

  it('free hours are worth their share of the price', () => {
    // 3 hours at 1000/h = 3000; one free hour = 1000.
    const t = terms({ kind: 'free_hours', freeHours: 1 });
    expect(couponDiscountFen(t, { amountFen: 3000, pricePerHourFen: 1000, minutes: 180 })).toBe(1000);
  });

  it('free hours are worth what those hours cost this member after their discount', () => {
    // 2 hours at 1000/h, member pays 1600 after 20% off: one free hour is worth 800, not 1000.
    const t = terms({ kind: 'free_hours', freeHours: 1 });
    expect(couponDiscountFen(t, { amountFen: 1600, pricePerHourFen: 1000, minutes: 120 })).toBe(800);
  });

  it('free hours longer than the booking make it free, and no more', () => {
    const t = terms({ kind: 'free_hours', freeHours: 2 });
    expect(couponDiscountFen(t, { amountFen: 450, minutes: 30 })).toBe(450);
  });

  it('free hours round half up at the fen', () => {
    // 1 free hour of a 90-minute booking costing 1001: 1001 * 60/90 = 667.33 -> 667; of 1000 fen over 80 min: 750.
    const t = terms({ kind: 'free_hours', freeHours: 1 });
    expect(couponDiscountFen(t, { amountFen: 1001, minutes: 90 })).toBe(667);
    expect(couponDiscountFen(t, { amountFen: 1000, minutes: 80 })).toBe(750);
    // 1 of 3 hours costing 1000: 333.33 -> 333; 2 of 3 hours would be 666.67 -> 667.
    expect(couponDiscountFen(t, { amountFen: 1000, minutes: 180 })).toBe(333);
    expect(couponDiscountFen(terms({ kind: 'free_hours', freeHours: 2 }), { amountFen: 1000, minutes: 180 })).toBe(667);
  });

  it('a free-hours coupon without the booking length is a programming error', () => {
    expect(() => couponDiscountFen(terms({ kind: 'free_hours', freeHours: 1 }), { amountFen: 1000 })).toThrow(RangeError);
  });

  it('nothing is discounted from a free order', () => {
    expect(couponDiscountFen(terms({ amountOffFen: 500 }), { amountFen: 0 })).toBe(0);
  });
});

describe('coupons: templates', () => {
  it('accepts well-formed terms of each kind', () => {
    expect(() => validateCouponTerms(terms())).not.toThrow();
    expect(() => validateCouponTerms(terms({ kind: 'percent_off', percentOff: 10, maxDiscountFen: 500 }))).not.toThrow();
    expect(() => validateCouponTerms(terms({ kind: 'free_hours', freeHours: 2 }))).not.toThrow();
  });

  it('refuses terms that cannot work, naming the field', () => {
    const field = (t: CouponTerms) => catchDomainError(() => validateCouponTerms(t), 'VALIDATION').details.errors[0].path[0];
    expect(field(terms({ amountOffFen: 0 }))).toBe('amount_off_fen');
    expect(field(terms({ kind: 'percent_off', percentOff: 101 }))).toBe('percent_off');
    expect(field(terms({ kind: 'free_hours', freeHours: 0 }))).toBe('free_hours');
    expect(field(terms({ kind: 'free_hours', freeHours: 1, appliesTo: 'recharge' }))).toBe('applies_to');
    expect(field(terms({ minSpendFen: -1 }))).toBe('min_spend_fen');
    expect(field(terms({ maxDiscountFen: 0 }))).toBe('max_discount_fen');
  });
});

describe('coupons: validity of an issued coupon', () => {
  const issuedAt = new Date('2025-03-10T04:00:00Z');

  it('runs from issue for the given number of days', () => {
    expect(couponExpiry({ issuedAt, validDaysAfterIssue: 7 })).toEqual({
      validFrom: issuedAt,
      validTo: new Date('2025-03-17T04:00:00Z'),
    });
  });

  it('never outlives the template\'s end date', () => {
    const validTo = new Date('2025-03-12T00:00:00Z');
    expect(couponExpiry({ issuedAt, validTo, validDaysAfterIssue: 7 }).validTo).toEqual(validTo);
  });

  it('starts at the template\'s start when that is later than the issue', () => {
    const validFrom = new Date('2025-04-01T00:00:00Z');
    expect(couponExpiry({ issuedAt, validFrom, validTo: new Date('2025-05-01T00:00:00Z') }).validFrom).toEqual(validFrom);
  });

  it('refuses a template that never ends or has already ended', () => {
    catchDomainError(() => couponExpiry({ issuedAt }), 'VALIDATION');
    catchDomainError(() => couponExpiry({ issuedAt, validTo: issuedAt }), 'VALIDATION');
    catchDomainError(() => couponExpiry({ issuedAt, validDaysAfterIssue: 0 }), 'VALIDATION');
  });

  it('respects the per-member limit, and no limit means unlimited', () => {
    expect(canIssueMore({ alreadyIssuedToMember: 0, perMemberLimit: 1 })).toBe(true);
    expect(canIssueMore({ alreadyIssuedToMember: 1, perMemberLimit: 1 })).toBe(false);
    expect(canIssueMore({ alreadyIssuedToMember: 99, perMemberLimit: null })).toBe(true);
  });
});
