/**
 * One Idempotency-Key per booking attempt. A retry of the same attempt (a timeout, a lost answer) sends
 * the same key, so the server answers the booking it already made instead of booking twice; changing
 * the seat, time, coupon or way of paying is a new attempt with a new key.
 */
import type { CreateBookingRequest } from './types';

export function newIdempotencyKey(now = Date.now(), random = Math.random): string {
  const rand = () => Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0');
  return `mp-${now.toString(36)}-${rand()}${rand()}`;
}

const fingerprint = (b: CreateBookingRequest) => [b.seat, b.start, b.end, b.coupon ?? '', b.payWith].join('|');

export class BookingAttempt {
  private key = '';
  private print = '';

  /** The key for this request: the same as last time if the request is the same attempt. */
  keyFor(body: CreateBookingRequest): string {
    const p = fingerprint(body);
    if (!this.key || p !== this.print) {
      this.key = newIdempotencyKey();
      this.print = p;
    }
    return this.key;
  }

  /** After a booking was made (or definitely refused) the next tap is a new attempt. */
  finish(): void {
    this.key = '';
    this.print = '';
  }
}
