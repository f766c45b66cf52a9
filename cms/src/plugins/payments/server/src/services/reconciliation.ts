import { clock } from '../../../../../platform/clock';
import { ordersRepository } from '../repositories/orders';
import { refundsRepository } from '../repositories/refunds';
import { getPaymentsService } from './accessor';

const BATCH = 100;

/**
 * Catching up with WeChat when a notification was lost (or we crashed before committing): the use cases
 * of the reconcile and refund-sync jobs. Each works through the whole backlog in keyset batches, one order
 * or refund at a time through the same idempotent path as its notification, so the first run after
 * downtime catches up and a failing one does not stop the rest.
 */
export default ({ strapi }: { strapi: any }) => {
  const checkout = () => getPaymentsService(strapi, 'checkout');
  const configured = () => getPaymentsService(strapi, 'wechat').isConfigured();

  return {
    /** Pending orders old enough that a notification should have come: credit the paid, close the expired. */
    async reconcileOrders(opts: { minAgeMs: number; recheckMs: number }) {
      if (!configured()) return { skipped: 'not_configured' };
      const orders = ordersRepository(strapi);
      const now = clock.now();
      const outcome = { checked: 0, paid: 0, closed: 0, pending: 0, errors: 0 };
      let afterId = 0;
      for (;;) {
        const batch = await orders.needingReconciliation(now, { minAgeMs: opts.minAgeMs, recheckMs: opts.recheckMs, limit: BATCH, afterId });
        if (batch.length === 0) break;
        for (const order of batch) {
          afterId = order.id;
          outcome.checked += 1;
          try {
            const status = await checkout().syncOrder(order.outTradeNo);
            outcome[status === 'paid' ? 'paid' : status === 'closed' ? 'closed' : 'pending'] += 1;
          } catch (err) {
            outcome.errors += 1;
            strapi.log.warn(`[payments] reconcile ${order.outTradeNo}: ${(err as Error).message}`);
          }
        }
      }
      return outcome;
    },

    /** Refunds WeChat never confirmed are submitted again (same out_refund_no); processing ones are asked about. */
    async syncRefunds(opts: { recheckMs: number }) {
      if (!configured()) return { skipped: 'not_configured' };
      const refunds = refundsRepository(strapi);
      const now = clock.now();
      const outcome = { checked: 0, errors: 0 };
      let afterId = 0;
      for (;;) {
        const batch = await refunds.needingSync(now, { recheckMs: opts.recheckMs, limit: BATCH, afterId });
        if (batch.length === 0) break;
        for (const refund of batch) {
          afterId = refund.id;
          outcome.checked += 1;
          try {
            await checkout().syncRefund(refund.outRefundNo);
          } catch (err) {
            outcome.errors += 1;
            strapi.log.warn(`[payments] refund sync ${refund.outRefundNo}: ${(err as Error).message}`);
          }
        }
      }
      return outcome;
    },
  };
};
