import { parseInput } from '../../../../../platform/validation';
import { getPaymentsService } from '../services';
import { iso } from '../repositories/support';
import type { LedgerRow } from '../repositories/wallets';
import {
  couponsQuery,
  createRechargeBody,
  listQuery,
  outTradeNoParam,
  purchaseBody,
  refundRequestBody,
  statsQuery,
  transactionsQuery,
} from './validators';
import { pagination } from '../../../../../platform/pagination';

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

/** Member-facing actions: validate, call one service, shape the reply. */
export default ({ strapi }: { strapi: any }) => {
  const svc = <K extends Parameters<typeof getPaymentsService>[1]>(name: K) => getPaymentsService(strapi, name);
  const me = (ctx: any): number => ctx.state.user.id;

  return {
    async getWallet(ctx: any) {
      ctx.body = { data: await svc('memberships').walletSummary(me(ctx)), meta: {} };
    },

    async listTransactions(ctx: any) {
      const q = parseInput(transactionsQuery, ctx.query);
      const { rows, total } = await svc('wallet').transactions(me(ctx), q);
      ctx.body = {
        data: rows.map(presentEntry),
        meta: { pagination: pagination(q, total) },
      };
    },

    async transactionStats(ctx: any) {
      const q = parseInput(statsQuery, ctx.query);
      const byType = await svc('wallet').stats(me(ctx), q.from ?? null, q.to ?? null);
      ctx.body = {
        data: {
          byType: byType.map((r) => ({ type: r.type, total_fen: r.totalFen, count: r.count })),
          in_fen: byType.filter((r) => r.totalFen > 0).reduce((s, r) => s + r.totalFen, 0),
          out_fen: byType.filter((r) => r.totalFen < 0).reduce((s, r) => s - r.totalFen, 0),
        },
        meta: { from: q.from?.toISOString() ?? null, to: q.to?.toISOString() ?? null },
      };
    },

    async listRechargePackages(ctx: any) {
      ctx.body = { data: await svc('recharges').packages(), meta: {} };
    },

    async createRecharge(ctx: any) {
      const body = parseInput(createRechargeBody, ctx.request.body);
      const data = await svc('recharges').create({ userId: me(ctx), packageId: body.package, amountFen: body.amount_fen, couponId: body.coupon });
      ctx.status = 201;
      ctx.body = { data, meta: {} };
    },

    async getRecharge(ctx: any) {
      const { outTradeNo } = parseInput(outTradeNoParam, ctx.params);
      ctx.body = { data: await svc('recharges').status(me(ctx), outTradeNo), meta: {} };
    },

    async listTiers(ctx: any) {
      ctx.body = { data: await svc('memberships').tiers(), meta: {} };
    },

    async purchaseMembership(ctx: any) {
      const body = parseInput(purchaseBody, ctx.request.body);
      const result = await svc('memberships').purchase({ userId: me(ctx), tier: body.tier, plan: body.plan, payWith: body.payWith });
      ctx.status = 201;
      ctx.body = { data: { ...result.membership, ...(result.payment ? { payment: result.payment, outTradeNo: result.membership.outTradeNo } : {}) }, meta: {} };
    },

    async listCoupons(ctx: any) {
      const q = parseInput(couponsQuery, ctx.query);
      const { data, pagination } = await svc('coupons').listMine(me(ctx), {
        usable: q.usable,
        amountFen: q.amount_fen,
        roomId: q.room,
        purpose: q.purpose,
        page: q.page,
        pageSize: q.pageSize,
      });
      ctx.body = { data, meta: { pagination } };
    },

    async fileRefundRequest(ctx: any) {
      const body = parseInput(refundRequestBody, ctx.request.body);
      const data = await svc('refunds').file({ userId: me(ctx), kind: body.kind, amountFen: body.amount_fen, booking: body.booking, reason: body.reason });
      ctx.status = 201;
      ctx.body = { data, meta: {} };
    },

    async listRefundRequests(ctx: any) {
      const q = parseInput(listQuery, ctx.query);
      const { data, pagination } = await svc('refunds').listMine(me(ctx), q);
      ctx.body = { data, meta: { pagination } };
    },
  };
};
