import { DomainError } from '../../../cms/src/platform/errors';
import type { PaymentsPort } from '../../../cms/src/plugins/booking/server/src/services/payments-port';
import { paymentPlan, priceBooking, pricePerHour, settleBooking } from '../../../cms/src/plugins/booking/server/src/services/booking-steps';

/**
 * The booking use case's payment steps against a fake payments port. The fake is typed by the port, which
 * is typed by the payments plugin's own services, so it cannot drift from what the real port answers.
 */
function fakePayments(balanceFen: number) {
  const calls: { redeemed: string[]; debited: number[]; quoted: Parameters<PaymentsPort['pricing']['quoteBooking']>[0][] } = { redeemed: [], debited: [], quoted: [] };
  let balance = balanceFen;
  const pricing: Pick<PaymentsPort['pricing'], 'quoteBooking'> = {
    async quoteBooking(input) {
      calls.quoted.push(input);
      const member = Math.floor(input.baseFen / 10); // a 10% tier
      const coupon = input.couponId ? 300 : 0;
      return {
        base_fen: input.baseFen,
        member_discount_fen: member,
        coupon_discount_fen: coupon,
        total_fen: Math.max(0, input.baseFen - member - coupon),
        coupon: input.couponId ? ({ documentId: input.couponId } as any) : null,
      } as Awaited<ReturnType<PaymentsPort['pricing']['quoteBooking']>>;
    },
  };
  const coupons: Pick<PaymentsPort['coupons'], 'redeem'> = {
    async redeem(input) {
      calls.redeemed.push(input.couponId);
      return {} as Awaited<ReturnType<PaymentsPort['coupons']['redeem']>>;
    },
  };
  const wallet: Pick<PaymentsPort['wallet'], 'debit'> = {
    async debit(input) {
      if (input.amountFen > balance) throw new DomainError('INSUFFICIENT_BALANCE', 'Not enough money in the wallet.', {});
      balance -= input.amountFen;
      calls.debited.push(input.amountFen);
      return { entryId: Promise.resolve(calls.debited.length), balanceAfterFen: balance } as Awaited<ReturnType<PaymentsPort['wallet']['debit']>>;
    },
  };
  return { pricing, coupons, wallet, calls, balance: () => balance };
}

const seat = { type: 'window', room: { documentId: 'room-1', prices: [{ seat_type: 'standard', price_per_hour_fen: 800 }, { seat_type: 'window', price_per_hour_fen: 1000 }] } };
const start = new Date('2026-12-02T01:00:00Z');
const end = new Date('2026-12-02T03:30:00Z');
const now = new Date('2026-12-01T12:00:00Z');

describe('booking steps against a fake payments port', () => {
  it('prices a window seat for 2.5 hours by the minute and asks payments for the discounts', async () => {
    const fake = fakePayments(0);
    const { minutes, perHour, price } = await priceBooking(fake.pricing, { userId: 7, seat, start, end, coupon: 'c-1', now });
    expect({ minutes, perHour }).toEqual({ minutes: 150, perHour: 1000 });
    expect(fake.calls.quoted).toEqual([{ userId: 7, baseFen: 2500, pricePerHourFen: 1000, minutes: 150, roomId: 'room-1', couponId: 'c-1', now }]);
    expect(price).toMatchObject({ base_fen: 2500, member_discount_fen: 250, coupon_discount_fen: 300, total_fen: 1950 });
  });

  it('a seat type without a price cannot be booked (ROOM_UNAVAILABLE), and payments is never asked', async () => {
    const fake = fakePayments(0);
    const unpriced = { ...seat, type: 'power' };
    expect(() => pricePerHour(unpriced)).toThrow(expect.objectContaining({ code: 'ROOM_UNAVAILABLE' }));
    await expect(priceBooking(fake.pricing, { userId: 7, seat: unpriced, start, end, now })).rejects.toMatchObject({ code: 'ROOM_UNAVAILABLE' });
    expect(fake.calls.quoted).toHaveLength(0);
  });

  it('nothing due is free; WeChat and offline hold the seat for their own hold times; the wallet pays at once', () => {
    const holds = { holdMinutes: 15, offlineHoldMinutes: 120 };
    expect(paymentPlan(0, 'wechat', holds)).toEqual({ pays: 'free', holding: false, holdMinutes: 0 });
    expect(paymentPlan(1950, 'wechat', holds)).toEqual({ pays: 'wechat', holding: true, holdMinutes: 15 });
    expect(paymentPlan(1950, 'offline', holds)).toEqual({ pays: 'offline', holding: true, holdMinutes: 120 });
    expect(paymentPlan(1950, 'wallet', holds)).toEqual({ pays: 'wallet', holding: false, holdMinutes: 0 });
  });

  it('a wallet booking redeems its coupon and takes exactly the total from the wallet', async () => {
    const fake = fakePayments(5000);
    const { price } = await priceBooking(fake.pricing, { userId: 7, seat, start, end, coupon: 'c-1', now });
    await settleBooking(fake, { userId: 7, bookingDocumentId: 'bk-1', price, pays: 'wallet', actor: { type: 'member', id: 7 }, seatLabel: 'A1', now });
    expect(fake.calls.redeemed).toEqual(['c-1']);
    expect(fake.calls.debited).toEqual([1950]);
    expect(fake.balance()).toBe(3050);
  });

  it('a WeChat hold redeems the coupon but takes no wallet money', async () => {
    const fake = fakePayments(5000);
    const { price } = await priceBooking(fake.pricing, { userId: 7, seat, start, end, coupon: 'c-1', now });
    await settleBooking(fake, { userId: 7, bookingDocumentId: 'bk-2', price, pays: 'wechat', actor: { type: 'member', id: 7 }, seatLabel: 'A1', now });
    expect(fake.calls.redeemed).toEqual(['c-1']);
    expect(fake.balance()).toBe(5000);
  });

  it('a wallet short of the total refuses with INSUFFICIENT_BALANCE and keeps the balance', async () => {
    const fake = fakePayments(1000);
    const { price } = await priceBooking(fake.pricing, { userId: 7, seat, start, end, now });
    await expect(settleBooking(fake, { userId: 7, bookingDocumentId: 'bk-3', price, pays: 'wallet', actor: { type: 'member', id: 7 }, seatLabel: 'A1', now })).rejects.toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
    expect(fake.balance()).toBe(1000);
  });
});
