import { clock } from '../../../../../platform/clock';
import { refundsRepository } from '../repositories/refunds';
import { getPaymentsService } from '../services';

/**
 * Refunds we still wait for: submits again those WeChat never confirmed (same out_refund_no, so WeChat
 * sees a retry), and asks about processing ones whose notification has not come.
 */
export default {
  name: 'payments.refund-sync',
  rule: '*/5 * * * *',
  leaseMs: 5 * 60_000,
  async run(strapi: any, opts: { recheckMs?: number } = {}) {
    if (!getPaymentsService(strapi, 'wechat').isConfigured()) return { skipped: 'not_configured' };
    const checkout = getPaymentsService(strapi, 'checkout');
    const refunds = refundsRepository(strapi);
    const now = clock.now();
    const outcome = { checked: 0, errors: 0 };
    let afterId = 0;
    for (;;) {
      const batch = await refunds.needingSync(now, { recheckMs: opts.recheckMs ?? 60_000, limit: 100, afterId });
      if (batch.length === 0) break;
      for (const refund of batch) {
        afterId = refund.id;
        outcome.checked += 1;
        try {
          await checkout.syncRefund(refund.outRefundNo);
        } catch (err) {
          outcome.errors += 1;
          strapi.log.warn(`[payments] refund sync ${refund.outRefundNo}: ${(err as Error).message}`);
        }
      }
    }
    return outcome;
  },
};
