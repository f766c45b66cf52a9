import {
  memberDiscountedFen,
  priceBooking,
  priceRecharge,
  type CouponTerms,
} from '../../../cms/src/plugins/payments/server/src/domain';
import { catchDomainError } from './helpers';

const terms = (over: Partial<CouponTerms> = {}): CouponTerms => ({
  kind: 'amount_off',
  amountOffFen: 500,
  minSpendFen: 0,
  roomIds: [],
  appliesTo: 'booking',
  ...over,
});
const bounds = { minFen: 100, maxFen: 500000 };

describe('pricing: bookings', () => {
  it('without discounts the total is the base', () => {
    expect(priceBooking({ baseFen: 3000, memberDiscountPercent: 0, pricePerHourFen: 1000, minutes: 180 })).toEqual({
      base_fen: 3000, member_discount_fen: 0, coupon_discount_fen: 0, total_fen: 3000,
    });
  });

  it('applies the membership discount first, then the coupon on what is left', () => {
    const q = priceBooking({
      baseFen: 3000, memberDiscountPercent: 10, pricePerHourFen: 1000, minutes: 180,
      coupon: { terms: terms({ kind: 'percent_off', percentOff: 50 }) },
    });
    // 10% of 3000 = 300; 50% of 2700 = 1350 (not 50% of 3000).
    expect(q).toEqual({ base_fen: 3000, member_discount_fen: 300, coupon_discount_fen: 1350, total_fen: 1350 });
  });

  it('rounds the membership discount half up at the fen and the parts add up', () => {
    // 15% of 1050 = 157.5 -> 158.
    const q = priceBooking({ baseFen: 1050, memberDiscountPercent: 15, pricePerHourFen: 700, minutes: 90 });
    expect(q.member_discount_fen).toBe(158);
    expect(q.base_fen - q.member_discount_fen - q.coupon_discount_fen).toBe(q.total_fen);
  });

  it('compares the minimum spend with the discounted amount', () => {
    const coupon = { terms: terms({ minSpendFen: 2700 }) };
    // 3000 with 10% off = 2700: exactly the minimum, accepted.
    expect(priceBooking({ baseFen: 3000, memberDiscountPercent: 10, minutes: 180, coupon }).total_fen).toBe(2200);
    // 3000 with 11% off = 2670: below the minimum although the base is above it.
    const err = catchDomainError(() => priceBooking({ baseFen: 3000, memberDiscountPercent: 11, minutes: 180, coupon }), 'COUPON_INVALID');
    expect(err.details.reason).toBe('below_min_spend');
    expect(memberDiscountedFen(3000, 11)).toBe(2670);
  });

  it('a coupon larger than the price makes the booking free, never negative', () => {
    const q = priceBooking({ baseFen: 400, memberDiscountPercent: 0, minutes: 30, coupon: { terms: terms({ amountOffFen: 1000 }) } });
    expect(q).toEqual({ base_fen: 400, member_discount_fen: 0, coupon_discount_fen: 400, total_fen: 0 });
  });

  it('free hours are valued after the membership discount', () => {
    const q = priceBooking({
      baseFen: 2000, memberDiscountPercent: 20, pricePerHourFen: 1000, minutes: 120,
      coupon: { terms: terms({ kind: 'free_hours', freeHours: 1 }) },
    });
    expect(q).toEqual({ base_fen: 2000, member_discount_fen: 400, coupon_discount_fen: 800, total_fen: 800 });
  });

  it('refuses a recharge-only coupon on a booking', () => {
    const err = catchDomainError(
      () => priceBooking({ baseFen: 3000, memberDiscountPercent: 0, minutes: 60, coupon: { terms: terms({ appliesTo: 'recharge' }) } }),
      'COUPON_INVALID',
    );
    expect(err.details.reason).toBe('wrong_purpose');
  });

  it('checks the coupon\'s rooms when the room is given', () => {
    const coupon = { terms: terms({ roomIds: ['roomA'] }) };
    expect(priceBooking({ baseFen: 3000, memberDiscountPercent: 0, minutes: 60, coupon, roomId: 'roomA' }).total_fen).toBe(2500);
    const err = catchDomainError(
      () => priceBooking({ baseFen: 3000, memberDiscountPercent: 0, minutes: 60, coupon, roomId: 'roomB' }),
      'COUPON_INVALID',
    );
    expect(err.details.reason).toBe('wrong_room');
  });
});

describe('pricing: recharges', () => {
  it('a package pays its amount and credits its bonus', () => {
    expect(priceRecharge({ package: { amountFen: 10000, bonusFen: 1000 }, bounds })).toEqual({
      pay_fen: 10000, credit_principal_fen: 10000, credit_bonus_fen: 1000, package_bonus_fen: 1000, coupon_bonus_fen: 0,
    });
  });

  it('a custom amount at exactly the bounds is accepted', () => {
    expect(priceRecharge({ customAmountFen: 100, bounds }).pay_fen).toBe(100);
    expect(priceRecharge({ customAmountFen: 500000, bounds }).pay_fen).toBe(500000);
  });

  it('a custom amount outside the bounds is refused with the bounds in yuan', () => {
    const low = catchDomainError(() => priceRecharge({ customAmountFen: 99, bounds }), 'VALIDATION');
    expect(low.message).toContain('¥1.00');
    expect(low.message).toContain('¥5000.00');
    expect(low.details).toMatchObject({ min_fen: 100, max_fen: 500000 });
    catchDomainError(() => priceRecharge({ customAmountFen: 500001, bounds }), 'VALIDATION');
  });

  it('a fractional or non-numeric amount is a validation error', () => {
    catchDomainError(() => priceRecharge({ customAmountFen: 100.5, bounds }), 'VALIDATION');
    catchDomainError(() => priceRecharge({ customAmountFen: '100' as unknown as number, bounds }), 'VALIDATION');
  });

  it('neither a package nor an amount, or both, is refused', () => {
    catchDomainError(() => priceRecharge({ bounds }), 'VALIDATION');
    catchDomainError(() => priceRecharge({ package: { amountFen: 100, bonusFen: 0 }, customAmountFen: 100, bounds }), 'VALIDATION');
  });

  it('an amount-off recharge coupon adds bonus and never lowers what is paid', () => {
    const q = priceRecharge({ package: { amountFen: 10000, bonusFen: 1000 }, bounds, coupon: { terms: terms({ appliesTo: 'recharge', amountOffFen: 500 }) } });
    expect(q).toEqual({ pay_fen: 10000, credit_principal_fen: 10000, credit_bonus_fen: 1500, package_bonus_fen: 1000, coupon_bonus_fen: 500 });
  });

  it('a percent-off recharge coupon adds that percent of the payment as bonus, capped', () => {
    const coupon = { terms: terms({ appliesTo: 'any', kind: 'percent_off', percentOff: 5, maxDiscountFen: 300 }) };
    expect(priceRecharge({ customAmountFen: 2010, bounds, coupon }).coupon_bonus_fen).toBe(101); // 100.5 -> 101
    expect(priceRecharge({ customAmountFen: 100000, bounds, coupon }).coupon_bonus_fen).toBe(300);
  });

  it('a recharge coupon\'s bonus is at most the amount paid', () => {
    const q = priceRecharge({ customAmountFen: 100, bounds, coupon: { terms: terms({ appliesTo: 'recharge', amountOffFen: 5000 }) } });
    expect(q.coupon_bonus_fen).toBe(100);
  });

  it('a recharge coupon\'s minimum spend is compared with the amount paid', () => {
    const coupon = { terms: terms({ appliesTo: 'recharge', minSpendFen: 10000 }) };
    expect(priceRecharge({ customAmountFen: 10000, bounds, coupon }).coupon_bonus_fen).toBe(500);
    const err = catchDomainError(() => priceRecharge({ customAmountFen: 9999, bounds, coupon }), 'COUPON_INVALID');
    expect(err.details.reason).toBe('below_min_spend');
  });

  it('a booking coupon or a free-hours coupon cannot be used on a recharge', () => {
    for (const t of [terms(), terms({ appliesTo: 'any', kind: 'free_hours', freeHours: 1 })]) {
      const err = catchDomainError(() => priceRecharge({ customAmountFen: 1000, bounds, coupon: { terms: t } }), 'COUPON_INVALID');
      expect(err.details.reason).toBe('wrong_purpose');
    }
  });
});
