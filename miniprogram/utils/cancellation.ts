/**
 * What cancelling will cost, shown before the member confirms. Mirrors the server's rule
 * (booking/domain/cancellation.ts): free while at least `freeCancelHours` remain before the start,
 * otherwise `feePercent` of what was paid (rounded half up, in fen); no cancelling once started.
 */
import type { Booking } from '../services/types';

export interface CancelPreview {
  allowed: boolean;
  feeFen: number;
  refundFen: number;
  freeUntil: string;
}

export const percentOf = (fen: number, percent: number): number => Math.floor((fen * percent + 50) / 100);

export function cancelPreview(
  booking: Pick<Booking, 'status' | 'start' | 'total_fen'>,
  policy: { freeCancelHours: number; feePercent: number },
  now: number | Date,
): CancelPreview {
  const start = new Date(booking.start).getTime();
  const freeUntilMs = start - policy.freeCancelHours * 3_600_000;
  const at = new Date(now).getTime();
  const cancellable = booking.status === 'confirmed' || booking.status === 'pending_payment';
  const paidFen = booking.status === 'pending_payment' ? 0 : booking.total_fen;
  const feeFen = at <= freeUntilMs ? 0 : percentOf(paidFen, policy.feePercent);
  return { allowed: cancellable && at < start, feeFen, refundFen: paidFen - feeFen, freeUntil: new Date(freeUntilMs).toISOString() };
}
