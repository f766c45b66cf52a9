/**
 * Refund rules.
 *
 * Withdrawals: money leaves the wallet only back along the WeChat Pay orders that brought it in (WeChat
 * refunds are per order). An approved amount is spread over the member's paid recharge orders, newest
 * first, never taking more from an order than it still has (total − already refunded), and skipping
 * orders older than WeChat's refund window (365 days). If those orders cannot cover the amount the
 * withdrawal is refused as a whole; a partial payout would leave the ledger reservation and the bank
 * side disagreeing.
 *
 * Each WeChat refund gets an out_refund_no derived from the refund request and the allocation index, so
 * a retry after a crash or timeout re-sends the same number and WeChat treats it as the same refund.
 *
 * Cancellations: free until `freeCancelHours` before the start (exactly at that moment is still free),
 * then a fee of `feePercent` of what was paid (rounded half up to the fen), and no cancellation once
 * the booking has started.
 */
import { createHash } from 'node:crypto';
import { fail } from '../../../../../platform/errors';
import { assertFen, formatYuan, percentOf, type Fen } from '../../../../../platform/money';
import { invalid, requirePositiveFen } from './validation';

export interface PaidOrder {
  outTradeNo: string;
  totalFen: Fen;
  refundedFen: Fen;
  paidAt: Date;
}

export interface RefundAllocation {
  outTradeNo: string;
  refundFen: Fen;
  /** The order's total: WeChat's refund API needs it with every refund. */
  totalFen: Fen;
}

/** WeChat Pay accepts refunds for payments made within the last year. */
export const WECHAT_REFUND_WINDOW_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

export const remainingRefundableFen = (order: PaidOrder): Fen =>
  Math.max(0, assertFen(order.totalFen, 'totalFen') - assertFen(order.refundedFen, 'refundedFen'));

/**
 * Spreads `amountFen` over `orders`, newest first. With `now`, orders paid more than
 * `maxOrderAgeDays` (default 365) ago are left out because WeChat would refuse them.
 */
export function allocateWithdrawal(
  amountFen: Fen,
  orders: readonly PaidOrder[],
  options: { now?: Date; maxOrderAgeDays?: number } = {},
): RefundAllocation[] {
  requirePositiveFen(amountFen, 'amount_fen');
  const oldestMs = options.now ? options.now.getTime() - (options.maxOrderAgeDays ?? WECHAT_REFUND_WINDOW_DAYS) * DAY_MS : -Infinity;
  const usable = orders
    .filter((o) => o.paidAt.getTime() > oldestMs && remainingRefundableFen(o) > 0)
    // Newest first; the trade number breaks ties so the plan is the same on every retry.
    .sort((a, b) => b.paidAt.getTime() - a.paidAt.getTime() || (a.outTradeNo < b.outTradeNo ? 1 : a.outTradeNo > b.outTradeNo ? -1 : 0));

  const available = usable.reduce((sum, o) => sum + remainingRefundableFen(o), 0);
  if (available < amountFen) {
    throw invalid(
      'amount_fen',
      `Only ${formatYuan(available)} of your WeChat Pay recharges can still be refunded; ask for at most that amount or contact the front desk.`,
      { refundable_fen: available, requested_fen: amountFen },
    );
  }

  const plan: RefundAllocation[] = [];
  let left = amountFen;
  for (const order of usable) {
    if (left === 0) break;
    const refundFen = Math.min(left, remainingRefundableFen(order));
    plan.push({ outTradeNo: order.outTradeNo, refundFen, totalFen: order.totalFen });
    left -= refundFen;
  }
  return plan;
}

/**
 * out_refund_no for allocation `index` of a refund request: `RF<id>_<index>`, at most 64 characters of
 * [A-Za-z0-9_-]. Ids that are not plain alphanumerics (or are too long) are replaced by a SHA-256 digest
 * prefix, so distinct requests never collide through character substitution.
 */
export function outRefundNo(requestId: string | number, index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`allocation index must be a non-negative integer, got ${index}`);
  const id = String(requestId);
  if (id.length === 0) throw new RangeError('a refund request id is required');
  // 2 (prefix) + 40 (id) + 1 + at most 16 digits of a safe integer = 59 ≤ 64.
  const safeId = /^[A-Za-z0-9]{1,40}$/.test(id) ? id : createHash('sha256').update(id).digest('hex').slice(0, 40);
  return `RF${safeId}_${index}`;
}

/** Refund and fee when a member cancels a booking they paid `paidFen` for. */
export function refundableForBooking(input: {
  paidFen: Fen;
  startsAt: Date;
  now: Date;
  freeCancelHours: number;
  feePercent: number;
}): { refund_fen: Fen; fee_fen: Fen } {
  const paid = assertFen(input.paidFen, 'paidFen');
  if (paid < 0) throw new RangeError('paid amount cannot be negative');
  const start = input.startsAt.getTime();
  const now = input.now.getTime();
  if (now >= start) {
    throw fail('CANCEL_NOT_ALLOWED', 'This booking has already started and can no longer be cancelled.', {
      starts_at: input.startsAt.toISOString(),
    });
  }
  const freeUntil = start - input.freeCancelHours * 60 * 60 * 1000;
  const fee = now <= freeUntil ? 0 : percentOf(paid, input.feePercent);
  return { refund_fen: paid - fee, fee_fen: fee };
}

/**
 * A disputed charge: staff may refund up to what is left of the payment. Returns the amount or refuses
 * with VALIDATION stating the limit.
 */
export function checkDisputeRefund(input: { paidFen: Fen; alreadyRefundedFen: Fen; amountFen: Fen }): Fen {
  const amount = requirePositiveFen(input.amountFen, 'amount_fen');
  const left = assertFen(input.paidFen, 'paidFen') - assertFen(input.alreadyRefundedFen, 'alreadyRefundedFen');
  if (amount > left) {
    throw invalid('amount_fen', `At most ${formatYuan(Math.max(0, left))} of this payment can still be refunded.`, {
      refundable_fen: Math.max(0, left),
    });
  }
  return amount;
}
