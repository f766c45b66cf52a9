import { parseInput } from '../../../../../platform/validation';
import { respond } from '../../../../../platform/reply';
import { getPaymentsService } from '../services';
import { idParam, staffLedgerQuery, staffRefundQueueQuery, userParam } from './validators';

/** Staff reads for the refund review and member pages: the refund queue and a member's ledger. */
export default ({ strapi }: { strapi: any }) => ({
  async refundQueue(ctx: any) {
    const q = parseInput(staffRefundQueueQuery, ctx.query);
    respond(ctx, await getPaymentsService(strapi, 'refund-review').queue({ status: q.status, kind: q.kind }, q));
  },

  async refundDetail(ctx: any) {
    const { id } = parseInput(idParam, ctx.params);
    respond(ctx, await getPaymentsService(strapi, 'refund-review').detail(id));
  },

  async memberLedger(ctx: any) {
    const { userId } = parseInput(userParam, ctx.params);
    const q = parseInput(staffLedgerQuery, ctx.query);
    respond(ctx, await getPaymentsService(strapi, 'refund-review').ledger(userId, q));
  },
});
