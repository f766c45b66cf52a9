import { clock } from '../../../../../platform/clock';
import { getPaymentsService } from '../services';

/**
 * Cards past their expiry become expired. Benefits never depend on this job (they compare expires_at
 * with now); it keeps statuses honest for staff lists and reports.
 */
export default {
  name: 'payments.expire-memberships',
  rule: '*/10 * * * *',
  leaseMs: 5 * 60_000,
  async run(strapi: any) {
    return { expired: await getPaymentsService(strapi, 'memberships').expireOverdue(clock.now()) };
  },
};
