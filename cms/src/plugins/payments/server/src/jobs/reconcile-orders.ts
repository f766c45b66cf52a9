import { clock } from '../../../../../platform/clock';
import { ordersRepository } from '../repositories/orders';
import { getPaymentsService } from '../services';

/** An order younger than this is left to its notification; one checked within the recheck interval is skipped. */
function secondsFromEnv(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}

/**
 * Pending WeChat orders: asks WeChat about those old enough that a notification should have come (it may
 * have been lost, or we crashed before committing), credits the paid ones through the same idempotent
 * path as the notification, and closes the expired ones. Works through the whole backlog on every run,
 * so the first run after downtime catches up.
 */
export default {
  name: 'payments.reconcile-orders',
  rule: '*/1 * * * *',
  leaseMs: 5 * 60_000,
  async run(strapi: any, opts: { minAgeMs?: number; recheckMs?: number } = {}) {
    const checkout = getPaymentsService(strapi, 'checkout');
    if (!getPaymentsService(strapi, 'wechat').isConfigured()) return { skipped: 'not_configured' };
    const orders = ordersRepository(strapi);
    const now = clock.now();
    const outcome = { checked: 0, paid: 0, closed: 0, pending: 0, errors: 0 };
    let afterId = 0;
    for (;;) {
      const batch = await orders.needingReconciliation(now, { minAgeMs: opts.minAgeMs ?? secondsFromEnv('PAYMENTS_RECONCILE_MIN_AGE_SECONDS', 60) * 1000, recheckMs: opts.recheckMs ?? secondsFromEnv('PAYMENTS_RECONCILE_RECHECK_SECONDS', 60) * 1000, limit: 100, afterId });
      if (batch.length === 0) break;
      for (const order of batch) {
        afterId = order.id;
        outcome.checked += 1;
        try {
          const status = await checkout.syncOrder(order.outTradeNo);
          outcome[status === 'paid' ? 'paid' : status === 'closed' ? 'closed' : 'pending'] += 1;
        } catch (err) {
          outcome.errors += 1;
          strapi.log.warn(`[payments] reconcile ${order.outTradeNo}: ${(err as Error).message}`);
        }
      }
    }
    return outcome;
  },
};
