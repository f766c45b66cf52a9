import {
  applyCredit,
  applyDebit,
  applyWithdrawal,
  CREDIT_TYPES,
  DEBIT_TYPES,
  isLedgerType,
  LEDGER_TYPES,
  ledgerInvariantHolds,
  ledgerReplay,
  splitDebit,
  splitRefund,
  withdrawableFen,
} from '../../../cms/src/plugins/payments/server/src/domain';
import { catchDomainError } from './helpers';

const wallet = (balanceFen: number, bonusBalanceFen = 0) => ({ balanceFen, bonusBalanceFen });

describe('wallet: spending', () => {
  it('spends principal before bonus', () => {
    expect(splitDebit(wallet(11000, 1000), 3000)).toEqual({ principalFen: 3000, bonusFen: 0 });
  });

  it('dips into bonus only once the principal is used up', () => {
    expect(splitDebit(wallet(11000, 1000), 10500)).toEqual({ principalFen: 10000, bonusFen: 500 });
  });

  it('can spend a wallet that holds only bonus money', () => {
    expect(splitDebit(wallet(800, 800), 800)).toEqual({ principalFen: 0, bonusFen: 800 });
  });

  it('lets a member spend exactly their whole balance', () => {
    const after = applyDebit(wallet(5000, 1200), 5000);
    expect(after).toMatchObject({ balanceFen: 0, bonusBalanceFen: 0, split: { principalFen: 3800, bonusFen: 1200 } });
  });

  it('refuses one fen more than the balance with both amounts in yuan and fen', () => {
    const err = catchDomainError(() => splitDebit(wallet(5000, 1200), 5001), 'INSUFFICIENT_BALANCE');
    expect(err.status).toBe(402);
    expect(err.details).toEqual({ balance_fen: 5000, required_fen: 5001 });
    expect(err.message).toContain('¥50.00');
    expect(err.message).toContain('¥50.01');
    expect(err.message).toContain('¥0.01');
  });

  it('refuses a zero or negative amount as a validation error', () => {
    catchDomainError(() => splitDebit(wallet(100), 0), 'VALIDATION');
    catchDomainError(() => splitDebit(wallet(100), -5), 'VALIDATION');
  });

  it('refuses fractional fen outright', () => {
    expect(() => splitDebit(wallet(100), 1.5)).toThrow(TypeError);
  });

  it('does not change the wallet it was given', () => {
    const w = wallet(1000, 200);
    applyDebit(w, 900);
    expect(w).toEqual(wallet(1000, 200));
  });

  it('refuses to work on an inconsistent wallet (bonus above balance)', () => {
    expect(() => splitDebit(wallet(100, 200), 50)).toThrow(RangeError);
  });
});

describe('wallet: crediting and withdrawing', () => {
  it('adds principal and bonus to the right parts', () => {
    expect(applyCredit(wallet(100, 10), { principalFen: 10000, bonusFen: 1000 })).toEqual(wallet(11100, 1010));
  });

  it('refuses a negative or empty credit', () => {
    expect(() => applyCredit(wallet(0), { principalFen: -1, bonusFen: 5 })).toThrow(RangeError);
    catchDomainError(() => applyCredit(wallet(0), { principalFen: 0, bonusFen: 0 }), 'VALIDATION');
  });

  it('only principal is withdrawable', () => {
    expect(withdrawableFen(wallet(11000, 1000))).toBe(10000);
  });

  it('a withdrawal of exactly the principal leaves only the bonus', () => {
    expect(applyWithdrawal(wallet(11000, 1000), 10000)).toEqual(wallet(1000, 1000));
  });

  it('a withdrawal that would touch bonus money is refused, naming the withdrawable amount', () => {
    const err = catchDomainError(() => applyWithdrawal(wallet(11000, 1000), 10001), 'VALIDATION');
    expect(err.details).toMatchObject({ withdrawable_fen: 10000, requested_fen: 10001 });
    expect(err.details.errors).toEqual([expect.objectContaining({ path: ['amount_fen'] })]);
    expect(err.message).toContain('¥100.00');
  });
});

describe('wallet: refunds of wallet payments', () => {
  it('returns principal first, up to what was paid in principal', () => {
    expect(splitRefund({ principalFen: 300, bonusFen: 700 }, 800)).toEqual({ principalFen: 300, bonusFen: 500 });
  });

  it('a cancellation fee comes out of the bonus part first', () => {
    // Paid 1000 = 600 principal + 400 bonus; a 20% fee (200) keeps 200 of the bonus.
    expect(splitRefund({ principalFen: 600, bonusFen: 400 }, 800)).toEqual({ principalFen: 600, bonusFen: 200 });
  });

  it('pay then full refund restores the wallet exactly, so bonus never becomes withdrawable', () => {
    const start = wallet(1000, 700);
    const paid = applyDebit(start, 900);
    const back = applyCredit(paid, splitRefund(paid.split, 900));
    expect(back).toEqual(start);
    expect(withdrawableFen(back)).toBe(300);
  });

  it('never refunds more than was paid', () => {
    expect(() => splitRefund({ principalFen: 100, bonusFen: 0 }, 101)).toThrow(RangeError);
  });
});

describe('wallet: ledger', () => {
  it('holds when balance and bonus equal the sums of the rows', () => {
    const rows = [
      { amountFen: 10000, bonusAmountFen: 0 },
      { amountFen: 1000, bonusAmountFen: 1000 },
      { amountFen: -10500, bonusAmountFen: -500 },
    ];
    expect(ledgerInvariantHolds(wallet(500, 500), rows)).toBe(true);
    expect(ledgerInvariantHolds(wallet(501, 500), rows)).toBe(false);
    expect(ledgerInvariantHolds(wallet(500, 499), rows)).toBe(false);
  });

  it('an empty ledger matches only an empty wallet', () => {
    expect(ledgerInvariantHolds(wallet(0), [])).toBe(true);
    expect(ledgerInvariantHolds(wallet(1), [])).toBe(false);
  });

  it('replay finds the first row that took the balance below zero', () => {
    const { wallet: w, firstBadIndex } = ledgerReplay([
      { amountFen: 100, bonusAmountFen: 0 },
      { amountFen: -150, bonusAmountFen: 0 },
      { amountFen: 100, bonusAmountFen: 0 },
    ]);
    expect(firstBadIndex).toBe(1);
    expect(w).toEqual(wallet(50));
  });

  it('replay flags a row whose bonus part is larger than the row', () => {
    expect(ledgerReplay([{ amountFen: 100, bonusAmountFen: 200 }]).firstBadIndex).toBe(0);
  });

  it('replay accepts a valid history', () => {
    expect(ledgerReplay([
      { amountFen: 10000, bonusAmountFen: 0 },
      { amountFen: 1000, bonusAmountFen: 1000 },
      { amountFen: -11000, bonusAmountFen: -1000 },
    ])).toEqual({ wallet: wallet(0), firstBadIndex: -1 });
  });

  it('every ledger type is named once and credit/debit types are disjoint', () => {
    expect(Object.keys(LEDGER_TYPES)).toEqual(Object.values(LEDGER_TYPES));
    expect(CREDIT_TYPES.filter((t) => DEBIT_TYPES.includes(t))).toEqual([]);
    expect(isLedgerType('recharge')).toBe(true);
    expect(isLedgerType('toString')).toBe(false);
  });
});
