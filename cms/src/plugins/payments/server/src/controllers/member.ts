import { parseInput } from '../../../../../platform/validation';
import { respond } from '../../../../../platform/reply';
import { getPaymentsService } from '../services';
import { couponsQuery, createRechargeBody, listQuery, outTradeNoParam, purchaseBody, refundRequestBody, statsQuery, transactionsQuery } from './validators';

/** Member-facing actions: validate, call the member-payments service once, respond with its reply. */
export default ({ strapi }: { strapi: any }) => {
  const money = () => getPaymentsService(strapi, 'member-payments');
  const me = (ctx: any): number => ctx.state.user.id;

  return {
    async getWallet(ctx: any) {
      respond(ctx, await money().wallet(me(ctx)));
    },

    async listTransactions(ctx: any) {
      const q = parseInput(transactionsQuery, ctx.query);
      respond(ctx, await money().transactions(me(ctx), q));
    },

    async transactionStats(ctx: any) {
      const q = parseInput(statsQuery, ctx.query);
      respond(ctx, await money().transactionStats(me(ctx), { from: q.from, to: q.to }));
    },

    async listRechargePackages(ctx: any) {
      respond(ctx, await money().rechargePackages());
    },

    async createRecharge(ctx: any) {
      const body = parseInput(createRechargeBody, ctx.request.body);
      respond(ctx, await money().createRecharge({ userId: me(ctx), packageId: body.package, amountFen: body.amount_fen, couponId: body.coupon }));
    },

    async getRecharge(ctx: any) {
      const { outTradeNo } = parseInput(outTradeNoParam, ctx.params);
      respond(ctx, await money().recharge(me(ctx), outTradeNo));
    },

    async listTiers(ctx: any) {
      respond(ctx, await money().tiers());
    },

    async purchaseMembership(ctx: any) {
      const body = parseInput(purchaseBody, ctx.request.body);
      respond(ctx, await money().purchaseMembership({ userId: me(ctx), tier: body.tier, plan: body.plan, payWith: body.payWith }));
    },

    async listCoupons(ctx: any) {
      const q = parseInput(couponsQuery, ctx.query);
      respond(ctx, await money().coupons(me(ctx), { usable: q.usable, amountFen: q.amount_fen, roomId: q.room, purpose: q.purpose, page: q.page, pageSize: q.pageSize }));
    },

    async fileRefundRequest(ctx: any) {
      const body = parseInput(refundRequestBody, ctx.request.body);
      respond(ctx, await money().fileRefundRequest({ userId: me(ctx), kind: body.kind, amountFen: body.amount_fen, booking: body.booking, reason: body.reason }));
    },

    async listRefundRequests(ctx: any) {
      const q = parseInput(listQuery, ctx.query);
      respond(ctx, await money().refundRequests(me(ctx), q));
    },
  };
};
