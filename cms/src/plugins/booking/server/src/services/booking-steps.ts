import { fail } from '../../../../../platform/errors';
import { prorate } from '../../../../../platform/money';
import type { Actor } from '../../../../../platform/actor';
import { durationMinutes } from '../domain';
import type { BookingQuote, PaymentsPort, WalletLockedAhead } from './payments-port';

/**
 * The steps of the booking use case that meet the payments plugin, each a small function of the port
 * part it needs (so a unit test runs them against a fake port whose type keeps it honest).
 */

export interface PricedSeat {
  type: string;
  room: { documentId: string; prices?: { seat_type: string; price_per_hour_fen: number }[] | null };
}

/** The hourly price of the seat's type in its room; a type staff never priced cannot be booked. */
export function pricePerHour(seat: PricedSeat): number {
  const price = seat.room.prices?.find((p) => p.seat_type === seat.type);
  if (!price) throw fail('ROOM_UNAVAILABLE', `Seats of type "${seat.type}" in this room have no price yet, so they cannot be booked. Please choose another seat.`, { seatType: seat.type });
  return price.price_per_hour_fen;
}

/** Step: the price of [start, end) on the seat – base by the minute, then payments' member and coupon discounts. */
export async function priceBooking(
  pricing: Pick<PaymentsPort['pricing'], 'quoteBooking'>,
  /** `memberDiscountPercent`: the member's benefits as already read for this request (saves reading them again). */
  req: { userId: number; seat: PricedSeat; start: Date; end: Date; coupon?: string | null; now: Date; memberDiscountPercent?: number },
): Promise<{ minutes: number; perHour: number; price: BookingQuote }> {
  const minutes = durationMinutes({ start: req.start, end: req.end });
  const perHour = pricePerHour(req.seat);
  const price = await pricing.quoteBooking({
    userId: req.userId,
    baseFen: prorate(perHour, minutes),
    pricePerHourFen: perHour,
    minutes,
    roomId: req.seat.room.documentId,
    couponId: req.coupon ?? null,
    now: req.now,
    ...(req.memberDiscountPercent === undefined ? {} : { memberDiscountPercent: req.memberDiscountPercent }),
  });
  return { minutes, perHour, price };
}

export type PayWith = 'wallet' | 'wechat' | 'offline';

/** How a priced booking is paid: nothing due is free; WeChat and offline hold the seat until the money arrives. */
export function paymentPlan(totalFen: number, payWith: PayWith, holds: { holdMinutes: number; offlineHoldMinutes: number }) {
  const pays = totalFen === 0 ? ('free' as const) : payWith;
  const holding = pays === 'wechat' || pays === 'offline';
  const holdMinutes = pays === 'offline' ? holds.offlineHoldMinutes : holds.holdMinutes;
  return { pays, holding, holdMinutes: holding ? holdMinutes : 0 };
}

/**
 * Step inside the booking transaction, after the seat is claimed: redeem the coupon and, for a wallet
 * booking, take the money (INSUFFICIENT_BALANCE rolls the whole booking back).
 */
export async function settleBooking(
  payments: { coupons: Pick<PaymentsPort['coupons'], 'redeem'>; wallet: Pick<PaymentsPort['wallet'], 'debit'> },
  input: { userId: number; bookingDocumentId: string; price: BookingQuote; pays: PayWith | 'free'; actor: Actor; seatLabel: string; now: Date; walletLockedAhead?: WalletLockedAhead },
): Promise<void> {
  const ref = { kind: 'booking', id: input.bookingDocumentId };
  if (input.price.coupon) await payments.coupons.redeem({ couponId: input.price.coupon.documentId, userId: input.userId, ref, now: input.now });
  if (input.pays === 'wallet') {
    await payments.wallet.debit({
      userId: input.userId,
      amountFen: input.price.total_fen,
      type: 'booking_payment',
      ref,
      actor: input.actor,
      note: `Seat ${input.seatLabel}`,
      lockedAhead: input.walletLockedAhead,
    });
  }
}
