/**
 * "What does this member pay": the booking plugin asks here so that membership discounts and coupons
 * are priced by one set of rules (domain/pricing.ts) for quotes and payments alike.
 */
import { clock } from '../../../../../platform/clock';
import { memberDiscountedFen, priceBooking } from '../domain';
import { getPaymentsService } from './accessor';

export default ({ strapi }: { strapi: any }) => ({
  /** Benefits that apply at `now`; the store's defaults when the member has no tier. */
  async benefits(userId: number, now: Date = clock.now()) {
    const b = await getPaymentsService(strapi, 'memberships').benefits(userId, now);
    return {
      tierCode: b.tierCode,
      tierName: b.tierName,
      discountPercent: b.discountPercent,
      bookingHorizonDays: b.bookingHorizonDays,
      freeCancelHours: b.freeCancelHours,
      dailyQuotaHours: b.dailyQuotaHours,
      expiresAt: b.expiresAt,
    };
  },

  /**
   * The price of a booking for a member, with an optional coupon (issued coupon documentId). Throws
   * COUPON_INVALID (details.reason) when the coupon cannot be used for it; does not redeem it. A caller
   * that already read the member's benefits for this request passes `memberDiscountPercent`.
   */
  async quoteBooking(input: { userId: number; baseFen: number; pricePerHourFen: number; minutes: number; roomId: string; couponId?: string | null; now?: Date; memberDiscountPercent?: number }) {
    const now = input.now ?? clock.now();
    const benefits = input.memberDiscountPercent !== undefined ? { discountPercent: input.memberDiscountPercent } : await getPaymentsService(strapi, 'memberships').benefits(input.userId, now);
    let coupon = null;
    if (input.couponId) {
      coupon = await getPaymentsService(strapi, 'coupons').usable({
        couponId: input.couponId,
        userId: input.userId,
        now,
        purpose: 'booking',
        amountFen: memberDiscountedFen(input.baseFen, benefits.discountPercent),
        roomId: input.roomId,
      });
    }
    const quote = priceBooking({
      baseFen: input.baseFen,
      memberDiscountPercent: benefits.discountPercent,
      coupon: coupon ? { terms: coupon.terms } : null,
      pricePerHourFen: input.pricePerHourFen,
      minutes: input.minutes,
      roomId: input.roomId,
    });
    return { ...quote, coupon: coupon ? { id: coupon.id, documentId: coupon.documentId } : null };
  },
});
