import { cancellationOutcome, type CancellationInput } from '../../../cms/src/plugins/booking/server/src/domain';
import { refusal, sh } from './support';

const policy: CancellationInput = {
  paidFen: 3000,
  start: sh('2025-03-14T14:00'),
  now: sh('2025-03-14T10:00'),
  freeCancelHours: 2,
  feePercent: 20,
};
const outcome = (over: Partial<CancellationInput>) => cancellationOutcome({ ...policy, ...over });

describe('cancellation', () => {
  it('more than freeCancelHours before the start is free: everything is refunded', () => {
    expect(outcome({})).toEqual({ feeFen: 0, refundFen: 3000, freeUntil: sh('2025-03-14T12:00') });
  });

  it('exactly freeCancelHours before the start is still free', () => {
    expect(outcome({ now: sh('2025-03-14T12:00') })).toMatchObject({ feeFen: 0, refundFen: 3000 });
  });

  it('one minute inside the fee window, the fee is feePercent of what was paid', () => {
    expect(outcome({ now: sh('2025-03-14T12:01') })).toMatchObject({ feeFen: 600, refundFen: 2400 });
  });

  it('the fee is rounded half up to the fen and fee + refund is always what was paid', () => {
    const r = outcome({ now: sh('2025-03-14T13:00'), paidFen: 1234, feePercent: 15 }); // 185.1 → 185
    expect(r).toMatchObject({ feeFen: 185, refundFen: 1049 });
    const half = outcome({ now: sh('2025-03-14T13:00'), paidFen: 10, feePercent: 25 }); // 2.5 → 3
    expect(half.feeFen + half.refundFen).toBe(10);
    expect(half.feeFen).toBe(3);
  });

  it('an unpaid hold costs nothing to cancel', () => {
    expect(outcome({ paidFen: 0, now: sh('2025-03-14T13:59') })).toMatchObject({ feeFen: 0, refundFen: 0 });
  });

  it('a free window of 0 hours charges nothing until the start', () => {
    expect(outcome({ freeCancelHours: 0, now: sh('2025-03-14T13:59') })).toMatchObject({ feeFen: 0 });
  });

  it('a fractional free window (half an hour) is honoured', () => {
    expect(outcome({ freeCancelHours: 0.5, now: sh('2025-03-14T13:30') })).toMatchObject({ feeFen: 0 });
    expect(outcome({ freeCancelHours: 0.5, now: sh('2025-03-14T13:31') })).toMatchObject({ feeFen: 600 });
  });

  it('a member cancelling at the start is CANCEL_NOT_ALLOWED', () => {
    const err = refusal(() => outcome({ now: sh('2025-03-14T14:00') }), 'CANCEL_NOT_ALLOWED');
    expect(err.message).toMatch(/already started/);
    expect(err.details.startedAt).toBe(sh('2025-03-14T14:00').toISOString());
  });

  it('a member cancelling after the start is CANCEL_NOT_ALLOWED', () => {
    refusal(() => outcome({ now: sh('2025-03-14T15:00') }), 'CANCEL_NOT_ALLOWED');
  });

  it('staff may cancel after the start; the fee policy still applies unless waived', () => {
    expect(outcome({ now: sh('2025-03-14T15:00'), staffOverride: true })).toMatchObject({ feeFen: 600, refundFen: 2400 });
    expect(outcome({ now: sh('2025-03-14T15:00'), staffOverride: true, waiveFee: true })).toMatchObject({ feeFen: 0, refundFen: 3000 });
  });

  it('waiving the fee does not by itself allow cancelling after the start', () => {
    refusal(() => outcome({ now: sh('2025-03-14T15:00'), waiveFee: true }), 'CANCEL_NOT_ALLOWED');
  });

  it.each([
    ['a fractional paid amount', { paidFen: 10.5 }],
    ['a negative paid amount', { paidFen: -1 }],
    ['a fee over 100%', { feePercent: 101 }],
    ['a fractional fee percent', { feePercent: 12.5 }],
    ['a negative free window', { freeCancelHours: -1 }],
  ])('refuses %s with VALIDATION', (_label, over) => {
    refusal(() => outcome(over as Partial<CancellationInput>), 'VALIDATION');
  });
});
