/**
 * What a cancellation costs. Members may cancel until the booking starts: free while at least
 * `freeCancelHours` remain, otherwise a percentage fee of what they paid. Staff may cancel at any time
 * before completion (the status machine decides "before completion") and may waive the fee.
 */
import { fail } from '../../../../../platform/errors';
import { assertFen, percentOf, type Fen } from '../../../../../platform/money';
import { assertInstant, assertInteger, invalidInput } from './support';

const HOUR_MS = 3_600_000;

export interface CancellationInput {
  /** What the member actually paid for this booking (0 for an unpaid hold). */
  paidFen: Fen;
  start: Date;
  now: Date;
  /** Cancelling at least this many hours before the start is free (may be fractional, e.g. 0.5). */
  freeCancelHours: number;
  /** Integer percent of `paidFen` kept as a fee inside the paid window. */
  feePercent: number;
  /** Staff decision: no fee whatever the timing. */
  waiveFee?: boolean;
  /** Staff cancellation: allowed after the start too. */
  staffOverride?: boolean;
}

export interface CancellationOutcome {
  feeFen: Fen;
  refundFen: Fen;
  /** The last moment a cancellation is free (shown to members before they cancel). */
  freeUntil: Date;
}

function assertPolicy({ paidFen, start, now, freeCancelHours, feePercent }: CancellationInput): void {
  try {
    assertFen(paidFen, 'paidFen');
  } catch {
    throw invalidInput('paidFen', `paidFen must be a whole number of fen; got ${String(paidFen)}.`);
  }
  if (paidFen < 0) throw invalidInput('paidFen', 'paidFen cannot be negative.');
  assertInstant(start, 'start');
  assertInstant(now, 'now');
  if (typeof freeCancelHours !== 'number' || !Number.isFinite(freeCancelHours) || freeCancelHours < 0) {
    throw invalidInput('freeCancelHours', `freeCancelHours must be zero or more; got ${String(freeCancelHours)}.`);
  }
  assertInteger(feePercent, 'feePercent', 0);
  if (feePercent > 100) throw invalidInput('feePercent', `feePercent must be 0 to 100; got ${feePercent}.`);
}

export function cancellationOutcome(input: CancellationInput): CancellationOutcome {
  assertPolicy(input);
  const { paidFen, start, now, freeCancelHours, feePercent, waiveFee = false, staffOverride = false } = input;
  const freeUntil = new Date(start.getTime() - freeCancelHours * HOUR_MS);
  if (now.getTime() >= start.getTime() && !staffOverride) {
    throw fail('CANCEL_NOT_ALLOWED', 'This booking has already started, so it can no longer be cancelled; ask the front desk if something went wrong.', {
      startedAt: start.toISOString(),
    });
  }
  const free = now.getTime() <= freeUntil.getTime();
  const feeFen = free || waiveFee ? 0 : percentOf(paidFen, feePercent);
  return { feeFen, refundFen: paidFen - feeFen, freeUntil };
}
