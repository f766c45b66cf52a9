import { getPaymentsService } from '../services';

/** An order younger than this is left to its notification; one checked within the recheck interval is skipped. */
function secondsFromEnv(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}

/** Pending WeChat orders whose notification should have come: see services/reconciliation.ts. */
export default {
  name: 'payments.reconcile-orders',
  rule: '*/1 * * * *',
  leaseMs: 5 * 60_000,
  run: (strapi: any, opts: { minAgeMs?: number; recheckMs?: number } = {}) =>
    getPaymentsService(strapi, 'reconciliation').reconcileOrders({
      minAgeMs: opts.minAgeMs ?? secondsFromEnv('PAYMENTS_RECONCILE_MIN_AGE_SECONDS', 60) * 1000,
      recheckMs: opts.recheckMs ?? secondsFromEnv('PAYMENTS_RECONCILE_RECHECK_SECONDS', 60) * 1000,
    }),
};
