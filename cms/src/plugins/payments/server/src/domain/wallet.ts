/**
 * Wallet rules. A wallet holds one balance in fen; `bonusBalanceFen` is the part of it that came from
 * recharge bonuses (package bonus, recharge coupons, bonus given by staff). Bonus money can be spent like
 * any other money but is never withdrawable, because nobody paid it in.
 *
 * Rules (documented for staff and members):
 * - Spending takes principal first, then bonus. Members keep the bonus as long as possible and the
 *   store's real-money liability shrinks first, which is what most stores do.
 * - A refund of something paid from the wallet returns principal first, up to the principal that was
 *   paid, and the rest as bonus. A cancellation fee therefore comes out of the bonus part first. Because
 *   the returned principal never exceeds the principal spent, no sequence of pay/cancel can turn bonus
 *   into withdrawable money.
 * - A withdrawal takes principal only.
 * - Neither the balance nor the bonus part ever goes negative, and bonus ≤ balance always.
 */
import { fail } from '../../../../../platform/errors';
import { assertFen, formatYuan, type Fen } from '../../../../../platform/money';
import { invalid } from './validation';

export interface Wallet {
  balanceFen: Fen;
  bonusBalanceFen: Fen;
}

/** How an amount splits between the two parts of a wallet; both parts ≥ 0. */
export interface WalletSplit {
  principalFen: Fen;
  bonusFen: Fen;
}

/**
 * Ledger row types. Every balance change is exactly one row of one of these types, written in the same
 * transaction as the business change. `amount_fen` is signed (credit > 0, debit < 0) and
 * `bonus_amount_fen` is the signed part of it that moves the bonus balance.
 *
 * The cancellation fee has no row of its own: the store simply returns less
 * (`booking_refund` = paid − fee, the booking records `fee_fen`), so the ledger only ever shows money
 * that actually moved. Likewise a recharge coupon's bonus is a `recharge_bonus` row that names the coupon.
 */
export const LEDGER_TYPES = {
  /** + principal: a verified WeChat Pay recharge was credited (amount = what the member paid). */
  recharge: 'recharge',
  /** + bonus: the package bonus and/or a recharge coupon's bonus that came with a recharge. */
  recharge_bonus: 'recharge_bonus',
  /** − a booking paid from the wallet (principal first, then bonus). */
  booking_payment: 'booking_payment',
  /** + money returned for a cancelled or disputed wallet-paid booking (paid − fee; principal first). */
  booking_refund: 'booking_refund',
  /** − a membership card bought from the wallet. */
  membership_purchase: 'membership_purchase',
  /** − principal reserved when staff approve a withdrawal; WeChat then refunds it to the member. */
  refund_withdrawal: 'refund_withdrawal',
  /** + a reserved withdrawal returned because WeChat's refund failed or was closed. */
  refund_reversal: 'refund_reversal',
  /**
   * + money a member paid outside WeChat (bank transfer, cash at the desk), verified by staff. It is
   * followed in the same transaction by the booking_payment it pays for, so the balance is unchanged.
   */
  offline_receipt: 'offline_receipt',
  /** ± a correction by staff, always with a reason; may move principal or bonus. */
  staff_adjustment: 'staff_adjustment',
} as const;

export type LedgerType = keyof typeof LEDGER_TYPES;

/** Ledger rows that add money, and those that take it, so a row's sign can be checked on write. */
export const CREDIT_TYPES: readonly LedgerType[] = ['recharge', 'recharge_bonus', 'booking_refund', 'refund_reversal', 'offline_receipt'];
export const DEBIT_TYPES: readonly LedgerType[] = ['booking_payment', 'membership_purchase', 'refund_withdrawal'];

export const isLedgerType = (v: unknown): v is LedgerType => typeof v === 'string' && Object.hasOwn(LEDGER_TYPES, v);

/** A wallet read from storage must already be consistent; anything else is a bug, not user input. */
export function assertWallet(wallet: Wallet): Wallet {
  assertFen(wallet.balanceFen, 'balanceFen');
  assertFen(wallet.bonusBalanceFen, 'bonusBalanceFen');
  if (wallet.balanceFen < 0 || wallet.bonusBalanceFen < 0 || wallet.bonusBalanceFen > wallet.balanceFen) {
    throw new RangeError(`inconsistent wallet: balance ${wallet.balanceFen}, bonus ${wallet.bonusBalanceFen}`);
  }
  return wallet;
}

/** Money the member may take out: the principal part. */
export const withdrawableFen = (wallet: Wallet): Fen => assertWallet(wallet).balanceFen - wallet.bonusBalanceFen;

function requireAmount(amountFen: Fen): Fen {
  assertFen(amountFen, 'amountFen');
  if (amountFen <= 0) throw invalid('amount_fen', 'The amount must be more than ¥0.00.');
  return amountFen;
}

/** INSUFFICIENT_BALANCE with the numbers a member needs to decide: recharge, or pay with WeChat. */
export function insufficientBalance(balanceFen: Fen, requiredFen: Fen) {
  return fail(
    'INSUFFICIENT_BALANCE',
    `Your wallet balance is ${formatYuan(balanceFen)} but ${formatYuan(requiredFen)} is needed. ` +
      `Recharge at least ${formatYuan(requiredFen - balanceFen)} or pay with WeChat Pay.`,
    { balance_fen: balanceFen, required_fen: requiredFen },
  );
}

/** Which parts of the wallet pay `amountFen`: principal first, then bonus. */
export function splitDebit(wallet: Wallet, amountFen: Fen): WalletSplit {
  assertWallet(wallet);
  requireAmount(amountFen);
  if (wallet.balanceFen < amountFen) throw insufficientBalance(wallet.balanceFen, amountFen);
  const principalFen = Math.min(amountFen, wallet.balanceFen - wallet.bonusBalanceFen);
  return { principalFen, bonusFen: amountFen - principalFen };
}

/** The wallet after paying `amountFen`, with the split that the ledger row records. */
export function applyDebit(wallet: Wallet, amountFen: Fen): Wallet & { split: WalletSplit } {
  const split = splitDebit(wallet, amountFen);
  return {
    balanceFen: wallet.balanceFen - amountFen,
    bonusBalanceFen: wallet.bonusBalanceFen - split.bonusFen,
    split,
  };
}

/** The wallet after receiving principal and/or bonus; both parts ≥ 0 and at least one fen in total. */
export function applyCredit(wallet: Wallet, credit: WalletSplit): Wallet {
  assertWallet(wallet);
  assertFen(credit.principalFen, 'principalFen');
  assertFen(credit.bonusFen, 'bonusFen');
  if (credit.principalFen < 0 || credit.bonusFen < 0) throw new RangeError('a credit cannot be negative');
  requireAmount(credit.principalFen + credit.bonusFen);
  return {
    balanceFen: wallet.balanceFen + credit.principalFen + credit.bonusFen,
    bonusBalanceFen: wallet.bonusBalanceFen + credit.bonusFen,
  };
}

/**
 * A withdrawal reservation: principal only. Asking for more than the withdrawable part is a member input
 * error (VALIDATION on amount_fen) that says how much can be withdrawn.
 */
export function applyWithdrawal(wallet: Wallet, amountFen: Fen): Wallet {
  requireAmount(amountFen);
  const available = withdrawableFen(wallet);
  if (amountFen > available) {
    throw invalid(
      'amount_fen',
      `You can withdraw at most ${formatYuan(available)}; bonus money (${formatYuan(wallet.bonusBalanceFen)}) can be spent but not withdrawn.`,
      { withdrawable_fen: available, requested_fen: amountFen },
    );
  }
  return { balanceFen: wallet.balanceFen - amountFen, bonusBalanceFen: wallet.bonusBalanceFen };
}

/**
 * How a refund of `refundFen` splits, given how the original payment split: principal first, up to the
 * principal that was paid, then bonus. Never returns more than was paid.
 */
export function splitRefund(paid: WalletSplit, refundFen: Fen): WalletSplit {
  assertFen(refundFen, 'refundFen');
  const paidTotal = paid.principalFen + paid.bonusFen;
  if (refundFen < 0 || refundFen > paidTotal) {
    throw new RangeError(`refund ${refundFen} must be within 0..${paidTotal}`);
  }
  const principalFen = Math.min(refundFen, paid.principalFen);
  return { principalFen, bonusFen: refundFen - principalFen };
}

export interface LedgerRowAmounts {
  amountFen: Fen;
  bonusAmountFen: Fen;
}

/** The wallet must equal the sum of its ledger, both the balance and the bonus part. Order-free. */
export function ledgerInvariantHolds(wallet: Wallet, rows: LedgerRowAmounts[]): boolean {
  let balance = 0;
  let bonus = 0;
  for (const row of rows) {
    balance += row.amountFen;
    bonus += row.bonusAmountFen;
  }
  return balance === wallet.balanceFen && bonus === wallet.bonusBalanceFen;
}

/**
 * Replays rows oldest first and reports the first row after which the wallet was impossible (negative
 * balance, negative bonus, bonus above balance, or a row whose bonus part has the wrong sign or size).
 * Used by the ledger check script and by tests; `firstBadIndex` is -1 when every step was valid.
 */
export function ledgerReplay(rows: LedgerRowAmounts[]): { wallet: Wallet; firstBadIndex: number } {
  let balanceFen = 0;
  let bonusBalanceFen = 0;
  let firstBadIndex = -1;
  rows.forEach((row, i) => {
    balanceFen += row.amountFen;
    bonusBalanceFen += row.bonusAmountFen;
    const bonusPartFits = Math.abs(row.bonusAmountFen) <= Math.abs(row.amountFen) &&
      (row.bonusAmountFen === 0 || Math.sign(row.bonusAmountFen) === Math.sign(row.amountFen));
    const walletFits = balanceFen >= 0 && bonusBalanceFen >= 0 && bonusBalanceFen <= balanceFen;
    if (firstBadIndex < 0 && !(bonusPartFits && walletFits)) firstBadIndex = i;
  });
  return { wallet: { balanceFen, bonusBalanceFen }, firstBadIndex };
}
