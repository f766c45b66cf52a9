import { parseInput } from '../../../../../platform/validation';
import { getPaymentsService } from '../services';
import { adjustBody, approveBody, idParam, issueCouponsBody, rejectBody, staffRefundListQuery, userParam } from './validators';

/** Staff actions behind the admin panel's login and RBAC (see permissions.ts). */
export default ({ strapi }: { strapi: any }) => {
  const svc = <K extends Parameters<typeof getPaymentsService>[1]>(name: K) => getPaymentsService(strapi, name);
  const staff = (ctx: any) => ({ type: 'staff' as const, id: ctx.state.user?.id ?? null });

  return {
    async listRefundRequests(ctx: any) {
      const q = parseInput(staffRefundListQuery, ctx.query);
      const { data, pagination } = await svc('refunds').listForStaff({ status: q.status }, q);
      ctx.body = { data, meta: { pagination } };
    },

    async getRefundRequest(ctx: any) {
      const { id } = parseInput(idParam, ctx.params);
      ctx.body = { data: await svc('refunds').get(id), meta: {} };
    },

    async approveRefundRequest(ctx: any) {
      const { id } = parseInput(idParam, ctx.params);
      const body = parseInput(approveBody, ctx.request.body);
      ctx.body = { data: await svc('refunds').approve({ requestId: id, staff: staff(ctx), amountFen: body.amount_fen, note: body.note }), meta: {} };
    },

    async rejectRefundRequest(ctx: any) {
      const { id } = parseInput(idParam, ctx.params);
      const body = parseInput(rejectBody, ctx.request.body);
      ctx.body = { data: await svc('refunds').reject({ requestId: id, staff: staff(ctx), reason: body.reason }), meta: {} };
    },

    async issueCoupons(ctx: any) {
      const body = parseInput(issueCouponsBody, ctx.request.body);
      const data = body.tag
        ? await svc('coupons').issueToTag({ template: body.template, tag: body.tag, issuedBy: staff(ctx).id })
        : await svc('coupons').issueToMembers({ template: body.template, userIds: body.members!, source: 'staff', issuedBy: staff(ctx).id });
      ctx.status = 201;
      ctx.body = { data, meta: {} };
    },

    async couponTemplateStats(ctx: any) {
      const { id } = parseInput(idParam, ctx.params);
      ctx.body = { data: await svc('coupons').templateStats(id), meta: {} };
    },

    async getWallet(ctx: any) {
      const { userId } = parseInput(userParam, ctx.params);
      ctx.body = { data: await svc('memberships').walletSummary(userId), meta: {} };
    },

    async adjustWallet(ctx: any) {
      const { userId } = parseInput(userParam, ctx.params);
      const body = parseInput(adjustBody, ctx.request.body);
      const moved = await svc('wallet').adjust({ userId, amountFen: body.amount_fen, part: body.part, reason: body.reason, actor: staff(ctx) });
      ctx.status = 201;
      ctx.body = { data: { entryId: moved.entryId, balance_after_fen: moved.balanceAfterFen, bonus_after_fen: moved.bonusAfterFen }, meta: {} };
    },
  };
};
