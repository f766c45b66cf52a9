import { parseInput } from '../../../../../platform/validation';
import { getPaymentsService } from '../services';
import { presentEntry } from '../services/member-payments';
import { idParam, staffLedgerQuery, staffRefundQueueQuery, userParam } from './validators';
import { pagination } from '../../../../../platform/pagination';

/** Staff reads for the refund review and member pages: the refund queue and a member's ledger. */
export default ({ strapi }: { strapi: any }) => ({
  async refundQueue(ctx: any) {
    const q = parseInput(staffRefundQueueQuery, ctx.query);
    const { data, pagination } = await getPaymentsService(strapi, 'refund-review').queue({ status: q.status, kind: q.kind }, q);
    ctx.body = { data, meta: { pagination } };
  },

  async refundDetail(ctx: any) {
    const { id } = parseInput(idParam, ctx.params);
    ctx.body = { data: await getPaymentsService(strapi, 'refund-review').detail(id), meta: {} };
  },

  async memberLedger(ctx: any) {
    const { userId } = parseInput(userParam, ctx.params);
    const q = parseInput(staffLedgerQuery, ctx.query);
    const { rows, total } = await getPaymentsService(strapi, 'refund-review').ledger(userId, q);
    ctx.body = { data: rows.map(presentEntry), meta: { pagination: pagination(q, total) } };
  },
});
