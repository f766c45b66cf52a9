import { parseInput } from '../../../../../platform/validation';
import { respond } from '../../../../../platform/reply';
import { getPaymentsService } from '../services';
import { adjustBody, approveBody, idParam, issueCouponsBody, rejectBody, staffRefundListQuery, userParam } from './validators';

/** Staff actions behind the admin panel's login and RBAC (see permissions.ts): validate, call the staff-payments service once, respond. */
export default ({ strapi }: { strapi: any }) => {
  const money = () => getPaymentsService(strapi, 'staff-payments');
  const staff = (ctx: any) => ({ type: 'staff' as const, id: ctx.state.user?.id ?? null });

  return {
    async listRefundRequests(ctx: any) {
      const q = parseInput(staffRefundListQuery, ctx.query);
      respond(ctx, await money().refundRequests({ status: q.status }, q));
    },

    async getRefundRequest(ctx: any) {
      const { id } = parseInput(idParam, ctx.params);
      respond(ctx, await money().refundRequest(id));
    },

    async approveRefundRequest(ctx: any) {
      const { id } = parseInput(idParam, ctx.params);
      const body = parseInput(approveBody, ctx.request.body);
      respond(ctx, await money().approveRefund({ requestId: id, staff: staff(ctx), amountFen: body.amount_fen, note: body.note }));
    },

    async rejectRefundRequest(ctx: any) {
      const { id } = parseInput(idParam, ctx.params);
      const body = parseInput(rejectBody, ctx.request.body);
      respond(ctx, await money().rejectRefund({ requestId: id, staff: staff(ctx), reason: body.reason }));
    },

    async issueCoupons(ctx: any) {
      const body = parseInput(issueCouponsBody, ctx.request.body);
      respond(ctx, await money().issueCoupons({ template: body.template, members: body.members, tag: body.tag, issuedBy: staff(ctx).id }));
    },

    async couponTemplateStats(ctx: any) {
      const { id } = parseInput(idParam, ctx.params);
      respond(ctx, await money().couponTemplateStats(id));
    },

    async getWallet(ctx: any) {
      const { userId } = parseInput(userParam, ctx.params);
      respond(ctx, await money().wallet(userId));
    },

    async adjustWallet(ctx: any) {
      const { userId } = parseInput(userParam, ctx.params);
      const body = parseInput(adjustBody, ctx.request.body);
      respond(ctx, await money().adjustWallet({ userId, amountFen: body.amount_fen, part: body.part, reason: body.reason, actor: staff(ctx) }));
    },
  };
};
