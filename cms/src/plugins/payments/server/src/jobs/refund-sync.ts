import { getPaymentsService } from '../services';

/** Refunds we still wait for: see services/reconciliation.ts. */
export default {
  name: 'payments.refund-sync',
  rule: '*/5 * * * *',
  leaseMs: 5 * 60_000,
  run: (strapi: any, opts: { recheckMs?: number } = {}) => getPaymentsService(strapi, 'reconciliation').syncRefunds({ recheckMs: opts.recheckMs ?? 60_000 }),
};
