import { pagination, type Page } from '../../../../../platform/pagination';
import { reply } from '../../../../../platform/reply';
import { iso } from '../../../../../platform/rows';
import type { LedgerRow } from '../repositories/wallets';
import type { CouponPurpose, Plan } from '../domain';
import { getPaymentsService } from './accessor';

/** A ledger row as members and staff read it. */
export const presentEntry = (row: LedgerRow) => ({
  id: row.documentId,
  type: row.type,
  amount_fen: row.amountFen,
  bonus_amount_fen: row.bonusAmountFen,
  balance_after_fen: row.balanceAfterFen,
  bonus_after_fen: row.bonusAfterFen,
  ref: { kind: row.refKind, id: row.refId },
  note: row.note,
  createdAt: iso(row.occurredAt),
});

/**
 * The member's money actions as the API answers them: each runs its use case (wallet, recharges,
 * memberships, coupons, refunds) and shapes the finished reply, so the member controller only validates
 * and responds.
 */
export default ({ strapi }: { strapi: any }) => {
  const svc = <K extends Parameters<typeof getPaymentsService>[1]>(name: K) => getPaymentsService(strapi, name);

  return {
    wallet: async (userId: number) => reply(await svc('memberships').walletSummary(userId)),

    async transactions(userId: number, q: Page & { type?: string }) {
      const { rows, total } = await svc('wallet').transactions(userId, q);
      return reply(rows.map(presentEntry), { pagination: pagination(q, total) });
    },

    /** Money in and out of the wallet by ledger type over an optional window. */
    async transactionStats(userId: number, window: { from?: Date; to?: Date }) {
      const byType = await svc('wallet').stats(userId, window.from ?? null, window.to ?? null);
      return reply(
        {
          byType: byType.map((r) => ({ type: r.type, total_fen: r.totalFen, count: r.count })),
          in_fen: byType.filter((r) => r.totalFen > 0).reduce((s, r) => s + r.totalFen, 0),
          out_fen: byType.filter((r) => r.totalFen < 0).reduce((s, r) => s - r.totalFen, 0),
        },
        { from: window.from?.toISOString() ?? null, to: window.to?.toISOString() ?? null },
      );
    },

    rechargePackages: async () => reply(await svc('recharges').packages()),

    createRecharge: async (input: { userId: number; packageId?: string; amountFen?: number; couponId?: string }) =>
      reply(await svc('recharges').create(input), {}, { status: 201 }),

    recharge: async (userId: number, outTradeNo: string) => reply(await svc('recharges').status(userId, outTradeNo)),

    tiers: async () => reply(await svc('memberships').tiers()),

    /** 201 with the card; a WeChat purchase also carries the wx.requestPayment parameters and its order. */
    async purchaseMembership(input: { userId: number; tier: string; plan: Plan; payWith: 'wallet' | 'wechat' }) {
      const result = await svc('memberships').purchase(input);
      const data = { ...result.membership, ...(result.payment ? { payment: result.payment, outTradeNo: result.membership.outTradeNo } : {}) };
      return reply(data, {}, { status: 201 });
    },

    async coupons(userId: number, filter: { usable: boolean; amountFen?: number; roomId?: string; purpose?: CouponPurpose } & Page) {
      const { data, pagination: pages } = await svc('coupons').listMine(userId, filter);
      return reply(data, { pagination: pages });
    },

    fileRefundRequest: async (input: { userId: number; kind: 'withdraw' | 'dispute'; amountFen?: number; booking?: string; reason: string }) => reply(await svc('refunds').file(input), {}, { status: 201 }),

    async refundRequests(userId: number, page: Page) {
      const { data, pagination: pages } = await svc('refunds').listMine(userId, page);
      return reply(data, { pagination: pages });
    },
  };
};
