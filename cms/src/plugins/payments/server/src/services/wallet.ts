/**
 * The one place where wallet balances change. Every change locks the member's wallet row, checks the
 * rule in the pure domain functions, moves the balance with a conditional update and appends exactly one
 * ledger row, all in the caller's transaction (or one of its own).
 */
import { clock } from '../../../../../platform/clock';
import { memberProfileChanged } from '../../../../../platform/member-profile-cache';
import { fail } from '../../../../../platform/errors';
import { assertFen, formatYuan } from '../../../../../platform/money';
import {
  applyDebit,
  applyWithdrawal,
  CREDIT_TYPES,
  DEBIT_TYPES,
  insufficientBalance,
  invalid,
  isLedgerType,
  splitRefund,
  withdrawableFen,
  type LedgerType,
} from '../domain';
import { walletsRepository, type LedgerRow, type WalletRow } from '../repositories/wallets';
import { catalogRepository } from '../repositories/catalog';
import { inTransaction } from '../../../../../platform/transaction';
import { refId, type Actor, type Ref } from './types';

export interface MoveResult {
  /** The ledger row's id: known once its statement has run (with the transaction's next read, or before its commit). */
  entryId: Promise<number>;
  balanceAfterFen: number;
  bonusAfterFen: number;
  principalFen: number;
  bonusFen: number;
}

/** A wallet locked ahead of a debit in the same transaction (`lockAhead`). */
export interface WalletLockedAhead {
  userId: number;
  wallet: Promise<WalletRow | null>;
}

const resultOf = (row: Omit<LedgerRow, 'id'>, entryId: Promise<number>): MoveResult => ({
  entryId,
  balanceAfterFen: row.balanceAfterFen,
  bonusAfterFen: row.bonusAfterFen,
  principalFen: Math.abs(row.amountFen - row.bonusAmountFen),
  bonusFen: Math.abs(row.bonusAmountFen),
});

const PAYMENT_TYPES: LedgerType[] = ['booking_payment', 'membership_purchase'];

function requireType(type: unknown, allowed: readonly LedgerType[], what: string): LedgerType {
  if (!isLedgerType(type) || !allowed.includes(type)) throw new RangeError(`${String(type)} is not a ${what} ledger type`);
  return type;
}

function requireRef(ref: Ref): void {
  if (!ref || typeof ref.kind !== 'string' || !ref.kind || ref.id === undefined || ref.id === null || String(ref.id) === '') {
    throw new RangeError('a ledger row needs a ref { kind, id } naming its cause');
  }
}

export default ({ strapi }: { strapi: any }) => {
  const repo = walletsRepository(strapi);

  /**
   * Applies signed deltas to a locked wallet and writes the ledger row. The conditional update repeats
   * the never-negative invariant, so a bug upstream can fail a payment but never overspend.
   */
  async function move(
    wallet: WalletRow,
    input: {
      type: LedgerType;
      amountFen: number;
      bonusFen: number;
      rechargedFen?: number;
      ref: Ref;
      actor: Actor;
      note?: string | null;
      dedupeKey?: string | null;
    },
  ): Promise<MoveResult> {
    requireRef(input.ref);
    const { row, entryId } = await repo.moveAndRecord(
      wallet.id,
      { amountFen: input.amountFen, bonusFen: input.bonusFen, rechargedFen: input.rechargedFen },
      {
        userId: wallet.userId,
        type: input.type,
        amountFen: input.amountFen,
        bonusAmountFen: input.bonusFen,
        balanceAfterFen: wallet.balanceFen + input.amountFen,
        bonusAfterFen: wallet.bonusFen + input.bonusFen,
        refKind: input.ref.kind,
        refId: refId(input.ref),
        actorType: input.actor?.type ?? 'system',
        actorId: input.actor?.id ?? null,
        note: input.note ?? null,
        dedupeKey: input.dedupeKey ?? null,
        at: clock.now(),
      },
      () => insufficientBalance(wallet.balanceFen, -input.amountFen),
    );
    // The recharged total earns tiers, which the member's profile (GET /api/users/me) shows.
    if (input.rechargedFen) memberProfileChanged(strapi, wallet.userId);
    return resultOf(row, entryId);
  }

  const service = {
    /** Balance of a member (zero when they never had money). */
    async balance(userId: number) {
      const w = await repo.find(userId);
      const wallet = { balanceFen: w?.balanceFen ?? 0, bonusBalanceFen: w?.bonusFen ?? 0 };
      return {
        balance_fen: wallet.balanceFen,
        bonus_fen: wallet.bonusBalanceFen,
        withdrawable_fen: withdrawableFen(wallet),
        recharged_total_fen: w?.rechargedTotalFen ?? 0,
      };
    },

    /**
     * Inside the caller's transaction, ahead of a `debit` in it: queues the wallet's row lock so that it
     * leaves with the transaction's next read (a booking sends it with the member's lock and quota read,
     * one round trip fewer). Pass the answer to `debit` as `lockedAhead`.
     */
    async lockAhead(userId: number): Promise<WalletLockedAhead> {
      const { result } = await repo.lockQueued(userId);
      return { userId, wallet: result };
    },

    /**
     * Takes money out (principal first, then bonus). INSUFFICIENT_BALANCE when the wallet is short.
     * Concurrent debits of one wallet queue on its row lock, so they can never overspend it together.
     * `lockedAhead`: the lock `lockAhead` took in the same transaction, read instead of locking again.
     */
    async debit(input: { userId: number; amountFen: number; type: LedgerType | string; ref: Ref; actor: Actor; note?: string; dedupeKey?: string; lockedAhead?: WalletLockedAhead }): Promise<MoveResult> {
      const type = requireType(input.type, [...DEBIT_TYPES, 'staff_adjustment'], 'debit');
      return inTransaction(strapi, async () => {
        const wallet = input.lockedAhead?.userId === input.userId ? await input.lockedAhead.wallet : await repo.lock(input.userId);
        const state = { balanceFen: wallet?.balanceFen ?? 0, bonusBalanceFen: wallet?.bonusFen ?? 0 };
        const next = applyDebit(state, input.amountFen);
        if (!wallet) throw insufficientBalance(0, input.amountFen);
        return move(wallet, {
          type,
          amountFen: -input.amountFen,
          bonusFen: -next.split.bonusFen,
          ref: input.ref,
          actor: input.actor,
          note: input.note,
          dedupeKey: input.dedupeKey,
        });
      });
    },

    /**
     * Adds principal and/or bonus as one ledger row. With `dedupeKey`, a second credit for the same cause
     * returns the first one instead of paying twice (the unique index backs this up).
     */
    async credit(input: {
      userId: number;
      principalFen: number;
      bonusFen?: number;
      type: LedgerType | string;
      ref: Ref;
      actor: Actor;
      note?: string;
      dedupeKey?: string;
      /** Principal received through WeChat Pay: counts towards tiers earned by recharge. */
      countsAsRecharge?: boolean;
    }): Promise<MoveResult> {
      const type = requireType(input.type, [...CREDIT_TYPES, 'staff_adjustment'], 'credit');
      const principalFen = assertFen(input.principalFen, 'principalFen');
      const bonusFen = assertFen(input.bonusFen ?? 0, 'bonusFen');
      if (principalFen < 0 || bonusFen < 0 || principalFen + bonusFen <= 0) throw new RangeError('a credit must be positive');
      return inTransaction(strapi, async () => {
        const wallet = await repo.lockOrCreate(input.userId);
        if (input.dedupeKey) {
          const done = await repo.ledgerByDedupeKey(input.dedupeKey);
          if (done) return resultOf(done, Promise.resolve(done.id));
        }
        return move(wallet, {
          type,
          amountFen: principalFen + bonusFen,
          bonusFen,
          rechargedFen: input.countsAsRecharge ? principalFen : 0,
          ref: input.ref,
          actor: input.actor,
          note: input.note,
          dedupeKey: input.dedupeKey,
        });
      });
    },

    /**
     * Returns (part of) what a wallet payment identified by `ref` took: principal first up to the
     * principal paid, then bonus; never more than was paid minus what was already returned for it.
     * A refund of 0 (a fee that ate everything) writes no row.
     */
    async refundPayment(input: { userId: number; ref: Ref; refundFen: number; actor: Actor; note?: string }): Promise<MoveResult | { entryId: Promise<null>; balanceAfterFen: number; principalFen: 0; bonusFen: 0 }> {
      requireRef(input.ref);
      const refundFen = assertFen(input.refundFen, 'refundFen');
      if (refundFen < 0) throw new RangeError('a refund cannot be negative');
      return inTransaction(strapi, async () => {
        const wallet = await repo.lockOrCreate(input.userId);
        const left = await service.refundableForRef(input.userId, input.ref);
        if (left.paidFen === 0) {
          throw fail('INVALID_STATE', 'Nothing was paid from the wallet for this, so there is nothing to return to it.', { ref: input.ref });
        }
        if (refundFen > left.principalFen + left.bonusFen) {
          throw invalid('refund_fen', `At most ${formatYuan(left.principalFen + left.bonusFen)} of this payment can still be returned.`, {
            refundable_fen: left.principalFen + left.bonusFen,
          });
        }
        if (refundFen === 0) return { entryId: Promise.resolve(null), balanceAfterFen: wallet.balanceFen, principalFen: 0 as const, bonusFen: 0 as const };
        const split = splitRefund({ principalFen: left.principalFen, bonusFen: left.bonusFen }, refundFen);
        return move(wallet, {
          type: 'booking_refund',
          amountFen: refundFen,
          bonusFen: split.bonusFen,
          ref: input.ref,
          actor: input.actor,
          note: input.note,
        });
      });
    },

    /** What a wallet payment for `ref` paid, and how much of each part can still be returned. */
    async refundableForRef(userId: number, ref: Ref) {
      const rows = await repo.ledgerForRef(userId, ref.kind, refId(ref));
      let paidPrincipal = 0;
      let paidBonus = 0;
      let backPrincipal = 0;
      let backBonus = 0;
      for (const row of rows) {
        if (PAYMENT_TYPES.includes(row.type as LedgerType)) {
          paidBonus += -row.bonusAmountFen;
          paidPrincipal += -(row.amountFen - row.bonusAmountFen);
        } else if (row.type === 'booking_refund') {
          backBonus += row.bonusAmountFen;
          backPrincipal += row.amountFen - row.bonusAmountFen;
        }
      }
      return {
        paidFen: paidPrincipal + paidBonus,
        refundedFen: backPrincipal + backBonus,
        principalFen: Math.max(0, paidPrincipal - backPrincipal),
        bonusFen: Math.max(0, paidBonus - backBonus),
      };
    },

    /** Staff-approved withdrawal: principal only, reserved before WeChat is asked to refund it. */
    async reserveWithdrawal(input: { userId: number; amountFen: number; ref: Ref; actor: Actor; note?: string }): Promise<MoveResult> {
      return inTransaction(strapi, async () => {
        const wallet = await repo.lock(input.userId);
        applyWithdrawal({ balanceFen: wallet?.balanceFen ?? 0, bonusBalanceFen: wallet?.bonusFen ?? 0 }, input.amountFen);
        return move(wallet!, { type: 'refund_withdrawal', amountFen: -input.amountFen, bonusFen: 0, ref: input.ref, actor: input.actor, note: input.note });
      });
    },

    /** A reservation WeChat did not pay out goes back as principal, once per refund (dedupe key). */
    async returnWithdrawal(input: { userId: number; amountFen: number; ref: Ref; actor: Actor; note?: string; dedupeKey: string }): Promise<MoveResult> {
      return service.credit({ ...input, principalFen: input.amountFen, bonusFen: 0, type: 'refund_reversal' });
    },

    /** A staff correction, always with a reason; moves principal or bonus, up or down. */
    async adjust(input: { userId: number; amountFen: number; part: 'principal' | 'bonus'; reason: string; actor: Actor; ref?: Ref }): Promise<MoveResult> {
      const amount = assertFen(input.amountFen, 'amount_fen');
      if (amount === 0) throw invalid('amount_fen', 'An adjustment must move at least 1 fen, up or down.');
      if (!(await catalogRepository(strapi).member(input.userId))) throw fail('NOT_FOUND', 'No such member.', { member: input.userId });
      const ref = input.ref ?? { kind: 'adjustment', id: `${input.actor?.id ?? 'staff'}-${clock.nowMs()}` };
      return inTransaction(strapi, async () => {
        const wallet = await repo.lockOrCreate(input.userId);
        if (amount < 0) {
          const available = input.part === 'bonus' ? wallet.bonusFen : wallet.balanceFen - wallet.bonusFen;
          if (-amount > available) {
            throw invalid('amount_fen', `This wallet has only ${formatYuan(available)} of ${input.part} to take back.`, { available_fen: available });
          }
        }
        return move(wallet, {
          type: 'staff_adjustment',
          amountFen: amount,
          bonusFen: input.part === 'bonus' ? amount : 0,
          ref,
          actor: input.actor,
          note: input.reason,
        });
      });
    },

    async transactions(userId: number, opts: { type?: string; page: number; pageSize: number }) {
      return repo.listLedger(userId, opts);
    },

    async stats(userId: number, from: Date | null, to: Date | null) {
      return repo.sumsByType(userId, from, to);
    },
  };
  return service;
};
