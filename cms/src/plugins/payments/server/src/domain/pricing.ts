/**
 * Prices of bookings and recharges, in integer fen.
 *
 * Booking rules:
 * - The membership discount applies first, to the base price (percentOf: rounded half up to the fen).
 * - A coupon applies to the discounted amount, and its minimum spend is compared with that amount
 *   (what the member would actually pay without the coupon).
 * - The total is never negative: a coupon never takes off more than what is left.
 *
 * Recharge rules:
 * - The member pays either a package's amount or a custom amount within the store's bounds
 *   (bounds apply to custom amounts only; packages are set by staff).
 * - A recharge coupon never lowers what is paid; it ADDS bonus credit: amount_off adds its amount,
 *   percent_off adds that percent of the paid amount (capped by maxDiscountFen), both at most the paid
 *   amount. So the principal credited always equals the money received through WeChat Pay, which keeps
 *   withdrawals (principal only) refundable against real payments.
 */
import { assertFen, formatYuan, percentOf, type Fen } from '../../../../../platform/money';
import {
  checkCouponMinSpend,
  checkCouponPurpose,
  checkCouponRoom,
  couponDiscountFen,
  type CouponTerms,
} from './coupons';
import { invalid, requirePositiveFen } from './validation';

export interface BookingQuote {
  base_fen: Fen;
  member_discount_fen: Fen;
  coupon_discount_fen: Fen;
  total_fen: Fen;
}

/** The price after the membership discount: the amount a booking coupon's minimum spend is checked against. */
export function memberDiscountedFen(baseFen: Fen, memberDiscountPercent: number): Fen {
  return assertFen(baseFen, 'baseFen') - percentOf(baseFen, memberDiscountPercent);
}

/**
 * The quote shape of API.md. `roomId`, when given, is checked against the coupon's rooms; the caller
 * that redeems the coupon must run checkCouponUsable anyway (ownership, status, window, room).
 */
export function priceBooking(input: {
  baseFen: Fen;
  memberDiscountPercent: number;
  coupon?: { terms: CouponTerms } | null;
  pricePerHourFen?: Fen;
  minutes: number;
  roomId?: string | null;
}): BookingQuote {
  const base = assertFen(input.baseFen, 'baseFen');
  if (base < 0) throw new RangeError('a base price cannot be negative');
  const memberDiscount = percentOf(base, input.memberDiscountPercent);
  const discounted = base - memberDiscount;
  let couponDiscount = 0;
  if (input.coupon) {
    const { terms } = input.coupon;
    checkCouponPurpose(terms, 'booking');
    if (input.roomId !== undefined) checkCouponRoom(terms, input.roomId);
    checkCouponMinSpend(terms, discounted);
    couponDiscount = couponDiscountFen(terms, { amountFen: discounted, pricePerHourFen: input.pricePerHourFen, minutes: input.minutes });
  }
  return {
    base_fen: base,
    member_discount_fen: memberDiscount,
    coupon_discount_fen: couponDiscount,
    total_fen: discounted - couponDiscount,
  };
}

export interface RechargeQuote {
  /** What WeChat Pay charges: also the principal credited. */
  pay_fen: Fen;
  credit_principal_fen: Fen;
  /** package_bonus_fen + coupon_bonus_fen: one `recharge_bonus` ledger row. */
  credit_bonus_fen: Fen;
  package_bonus_fen: Fen;
  coupon_bonus_fen: Fen;
}

export function priceRecharge(input: {
  package?: { amountFen: Fen; bonusFen: Fen } | null;
  customAmountFen?: Fen | null;
  bounds: { minFen: Fen; maxFen: Fen };
  coupon?: { terms: CouponTerms } | null;
}): RechargeQuote {
  const pkg = input.package ?? null;
  const hasPackage = pkg !== null;
  const hasCustom = input.customAmountFen != null;
  if (hasPackage && hasCustom) throw invalid('amount_fen', 'Choose either a recharge package or an amount, not both.');
  if (!hasPackage && !hasCustom) throw invalid('amount_fen', 'Choose a recharge package or enter an amount.');

  let pay: Fen;
  let packageBonus = 0;
  if (pkg) {
    pay = assertFen(pkg.amountFen, 'package.amountFen');
    packageBonus = assertFen(pkg.bonusFen, 'package.bonusFen');
    if (pay <= 0 || packageBonus < 0) throw new RangeError('a package needs a positive amount and a non-negative bonus');
  } else {
    pay = requirePositiveFen(input.customAmountFen, 'amount_fen');
    checkRechargeBounds(pay, input.bounds);
  }

  let couponBonus = 0;
  if (input.coupon) {
    checkCouponPurpose(input.coupon.terms, 'recharge');
    checkCouponMinSpend(input.coupon.terms, pay);
    couponBonus = couponDiscountFen(input.coupon.terms, { amountFen: pay });
  }
  return {
    pay_fen: pay,
    credit_principal_fen: pay,
    credit_bonus_fen: packageBonus + couponBonus,
    package_bonus_fen: packageBonus,
    coupon_bonus_fen: couponBonus,
  };
}

function checkRechargeBounds(amountFen: Fen, bounds: { minFen: Fen; maxFen: Fen }): void {
  const { minFen, maxFen } = bounds;
  if (amountFen < minFen || amountFen > maxFen) {
    throw invalid('amount_fen', `A recharge must be between ${formatYuan(minFen)} and ${formatYuan(maxFen)}.`, {
      min_fen: minFen,
      max_fen: maxFen,
    });
  }
}
