import {
  allocateWithdrawal,
  checkDisputeRefund,
  outRefundNo,
  refundableForBooking,
  type PaidOrder,
} from '../../../cms/src/plugins/payments/server/src/domain';
import { catchDomainError } from './helpers';

const order = (outTradeNo: string, totalFen: number, refundedFen: number, paidAt: string): PaidOrder => ({
  outTradeNo, totalFen, refundedFen, paidAt: new Date(paidAt),
});
const older = order('RC_OLD', 10000, 0, '2025-01-05T00:00:00Z');
const newer = order('RC_NEW', 5000, 0, '2025-02-05T00:00:00Z');

describe('refunds: spreading a withdrawal over recharge orders', () => {
  it('takes from the newest order first', () => {
    expect(allocateWithdrawal(3000, [older, newer])).toEqual([{ outTradeNo: 'RC_NEW', refundFen: 3000, totalFen: 5000 }]);
  });

  it('spills into the next order when the newest is not enough', () => {
    expect(allocateWithdrawal(12000, [older, newer])).toEqual([
      { outTradeNo: 'RC_NEW', refundFen: 5000, totalFen: 5000 },
      { outTradeNo: 'RC_OLD', refundFen: 7000, totalFen: 10000 },
    ]);
  });

  it('never takes more from an order than it has left after earlier refunds', () => {
    const partly = order('RC_NEW', 5000, 4000, '2025-02-05T00:00:00Z');
    expect(allocateWithdrawal(3000, [older, partly])).toEqual([
      { outTradeNo: 'RC_NEW', refundFen: 1000, totalFen: 5000 },
      { outTradeNo: 'RC_OLD', refundFen: 2000, totalFen: 10000 },
    ]);
  });

  it('can take everything that is left, to the fen', () => {
    const plan = allocateWithdrawal(15000, [older, newer]);
    expect(plan.reduce((s, a) => s + a.refundFen, 0)).toBe(15000);
  });

  it('refuses one fen beyond what the orders can cover, saying how much can be refunded', () => {
    const err = catchDomainError(() => allocateWithdrawal(15001, [older, newer]), 'VALIDATION');
    expect(err.details).toMatchObject({ refundable_fen: 15000, requested_fen: 15001 });
    expect(err.message).toContain('¥150.00');
  });

  it('refuses when there are no orders at all', () => {
    catchDomainError(() => allocateWithdrawal(1, []), 'VALIDATION');
  });

  it('leaves out orders older than WeChat\'s one-year refund window', () => {
    const now = new Date('2026-01-10T00:00:00Z');
    expect(allocateWithdrawal(5000, [older, newer], { now })).toEqual([{ outTradeNo: 'RC_NEW', refundFen: 5000, totalFen: 5000 }]);
    const err = catchDomainError(() => allocateWithdrawal(5001, [older, newer], { now }), 'VALIDATION');
    expect(err.details.refundable_fen).toBe(5000);
  });

  it('gives the same plan whatever order the rows arrive in', () => {
    const a = order('RC_A', 1000, 0, '2025-02-05T00:00:00Z');
    const b = order('RC_B', 1000, 0, '2025-02-05T00:00:00Z');
    expect(allocateWithdrawal(1500, [a, b])).toEqual(allocateWithdrawal(1500, [b, a]));
  });

  it('refuses a zero amount', () => {
    catchDomainError(() => allocateWithdrawal(0, [older]), 'VALIDATION');
  });
});

describe('refunds: refund numbers', () => {
  it('the same request and index always give the same number, so retries reuse it', () => {
    expect(outRefundNo('k3x9abcdefghij', 0)).toBe(outRefundNo('k3x9abcdefghij', 0));
    expect(outRefundNo('k3x9abcdefghij', 0)).toBe('RFk3x9abcdefghij_0');
    expect(outRefundNo('k3x9abcdefghij', 1)).not.toBe(outRefundNo('k3x9abcdefghij', 0));
  });

  it('stays within WeChat\'s 64 characters of [A-Za-z0-9_-] for any id', () => {
    for (const id of ['x'.repeat(200), 'a.b/c d', 42, '中文']) {
      const no = outRefundNo(id, Number.MAX_SAFE_INTEGER);
      expect(no).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    }
  });

  it('ids that differ only in unsafe characters still get different numbers', () => {
    expect(outRefundNo('a.b', 0)).not.toBe(outRefundNo('a-b', 0));
  });
});

describe('refunds: cancelling a booking', () => {
  const startsAt = new Date('2025-03-10T10:00:00Z');
  const base = { paidFen: 1999, startsAt, freeCancelHours: 2, feePercent: 20 };

  it('is free up to and including the start of the free window', () => {
    expect(refundableForBooking({ ...base, now: new Date('2025-03-10T08:00:00Z') })).toEqual({ refund_fen: 1999, fee_fen: 0 });
  });

  it('costs the fee one millisecond later, rounded half up at the fen', () => {
    // 20% of 1999 = 399.8 -> 400.
    expect(refundableForBooking({ ...base, now: new Date('2025-03-10T08:00:00.001Z') })).toEqual({ refund_fen: 1599, fee_fen: 400 });
  });

  it('is refused once the booking has started', () => {
    catchDomainError(() => refundableForBooking({ ...base, now: startsAt }), 'CANCEL_NOT_ALLOWED');
  });

  it('a dispute refund is limited to what is left of the payment', () => {
    expect(checkDisputeRefund({ paidFen: 1000, alreadyRefundedFen: 400, amountFen: 600 })).toBe(600);
    const err = catchDomainError(() => checkDisputeRefund({ paidFen: 1000, alreadyRefundedFen: 400, amountFen: 601 }), 'VALIDATION');
    expect(err.details.refundable_fen).toBe(600);
  });
});
