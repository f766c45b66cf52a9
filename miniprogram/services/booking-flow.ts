/**
 * Booking and paying as one use case for the pages: create the booking with the attempt's
 * Idempotency-Key, then pay the way the member chose. The server decides; this only sequences calls.
 */
import { bookings } from './api';
import { ApiError, toApiError } from './errors';
import type { BookingAttempt } from './idempotency';
import { requestPayment, waitForBookingPaid, type PollOptions } from './payment';
import type { Booking, CreateBookingRequest } from './types';
import { rememberBooking } from '../utils/preference';

export type CheckoutOutcome =
  /** Paid (wallet, or WeChat confirmed by the server). */
  | 'confirmed'
  /** A WeChat hold the member has not paid yet (sheet closed, or the notification is late). */
  | 'awaiting_payment'
  /** Pay at the desk: held until staff confirm the receipt. */
  | 'awaiting_desk'
  /** The hold lapsed before the payment was seen. */
  | 'expired';

export interface CheckoutResult {
  booking: Booking;
  outcome: CheckoutOutcome;
}

async function settleWechat(booking: Booking, poll?: PollOptions): Promise<CheckoutResult> {
  if (!booking.payment) return { booking, outcome: 'awaiting_payment' };
  try {
    await requestPayment(booking.payment);
  } catch (e) {
    if (toApiError(e).code === 'PAYMENT_CANCELLED') return { booking, outcome: 'awaiting_payment' };
    throw e;
  }
  const after = await waitForBookingPaid(booking.id, poll);
  if (after.status === 'confirmed') rememberBooking(after);
  return { booking: after, outcome: after.status === 'confirmed' ? 'confirmed' : after.status === 'expired' ? 'expired' : 'awaiting_payment' };
}

/**
 * Books and pays. A network failure leaves the attempt open so the member's retry reuses its key (the
 * server then answers the booking it already made); any answer from the server closes the attempt.
 */
export async function placeBooking(body: CreateBookingRequest, attempt: BookingAttempt, poll?: PollOptions): Promise<CheckoutResult> {
  let booking: Booking;
  try {
    booking = (await bookings.create(body, attempt.keyFor(body))).data;
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'NETWORK') attempt.finish();
    throw e;
  }
  attempt.finish();
  if (booking.status === 'confirmed') {
    rememberBooking(booking);
    return { booking, outcome: 'confirmed' };
  }
  if (booking.payWith === 'offline') return { booking, outcome: 'awaiting_desk' };
  if (booking.payWith === 'wechat' && booking.status === 'pending_payment') return settleWechat(booking, poll);
  return { booking, outcome: booking.status === 'expired' ? 'expired' : 'awaiting_payment' };
}

/** Pays a held WeChat booking again (the member closed the sheet earlier); 410 HOLD_EXPIRED once lapsed. */
export async function payHold(bookingId: string, poll?: PollOptions): Promise<CheckoutResult> {
  // The answer is the booking with its `payment` parameters (docs/api.md), as a new hold's is.
  return settleWechat((await bookings.payment(bookingId)).data, poll);
}
