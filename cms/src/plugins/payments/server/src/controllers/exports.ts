import { exportRangeQuery, sendCsv } from '../../../../../platform/csv-export';
import { parseInput } from '../../../../../platform/validation';
import { getPaymentsService } from '../services';

/** CSV downloads of payments data (manager only, see permissions.ts). */
export default ({ strapi }: { strapi: any }) => ({
  async ledger(ctx: any) {
    sendCsv(ctx, await getPaymentsService(strapi, 'exports').ledger(parseInput(exportRangeQuery, ctx.query)));
  },
  async refundRequests(ctx: any) {
    sendCsv(ctx, await getPaymentsService(strapi, 'exports').refundRequests(parseInput(exportRangeQuery, ctx.query)));
  },
  async members(ctx: any) {
    sendCsv(ctx, await getPaymentsService(strapi, 'exports').members(parseInput(exportRangeQuery, ctx.query)));
  },
});
