/**
 * WeChat Pay on the client. Success of wx.requestPayment is not payment (WECHAT.md): money counts only
 * once the server saw WeChat's verified notification, so after the sheet closes we poll the server.
 */
import { ApiError } from './errors';
import { bookings, wallet } from './api';
import type { Booking, RechargeStatus, WxPaymentParams } from './types';

export function requestPayment(p: WxPaymentParams): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.requestPayment({
      timeStamp: p.timeStamp,
      nonceStr: p.nonceStr,
      package: p.package,
      signType: p.signType as 'RSA',
      paySign: p.paySign,
      success: () => resolve(),
      fail: (err: { errMsg?: string }) => {
        const msg = (err && err.errMsg) || '';
        reject(/cancel/.test(msg) ? new ApiError('PAYMENT_CANCELLED', 0, {}, msg) : new ApiError('PAYMENT_PROVIDER', 0, {}, msg));
      },
    } as any);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PollOptions {
  intervalMs?: number;
  timeoutMs?: number;
}

/** Polls until `done(value)` or the time is up; answers the last value seen. */
export async function pollUntil<T>(probe: () => Promise<T>, done: (v: T) => boolean, o: PollOptions = {}): Promise<T> {
  const interval = o.intervalMs ?? 1000;
  const until = Date.now() + (o.timeoutMs ?? 15000);
  let value = await probe();
  while (!done(value) && Date.now() < until) {
    await sleep(interval);
    value = await probe();
  }
  return value;
}

/** A recharge's status until it is credited (`paid`) or closed, or the polling time is up (`pending`). */
export const waitForRecharge = (outTradeNo: string, o?: PollOptions): Promise<RechargeStatus> =>
  pollUntil(async () => (await wallet.rechargeStatus(outTradeNo)).data, (s) => s.status !== 'pending', o);

/** A WeChat-paid booking until the server confirmed it (or the hold expired). */
export const waitForBookingPaid = (bookingId: string, o?: PollOptions): Promise<Booking> =>
  pollUntil(async () => (await bookings.detail(bookingId)).data, (b) => b.status !== 'pending_payment', o);
