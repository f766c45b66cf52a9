import { clock } from '../../../../../platform/clock';
import { getPaymentsService } from '../services';

/** Unused coupons past their validity become expired (one conditional UPDATE; re-running changes nothing). */
export default {
  name: 'payments.expire-coupons',
  rule: '7 * * * *',
  leaseMs: 5 * 60_000,
  async run(strapi: any) {
    return { expired: await getPaymentsService(strapi, 'coupons').expireOverdue(clock.now()) };
  },
};
