/**
 * WeChat Pay notifications. Verified over the raw bytes (known serial, 300 s window, RSA-SHA256, then
 * AES-256-GCM with the tag checked), amount/appid/mchid checked, then applied through the same
 * idempotent paths as queries and jobs: a duplicate or a late, out-of-order delivery changes nothing.
 *
 * Answers: 204 when handled (or already handled); 401 for anything not provably from WeChat (probes,
 * forgeries, stale or unknown serials) and 400 for a verified body that does not match our records,
 * so nothing is credited; a failure of our own throws, and the 5xx makes WeChat retry.
 */
import { DomainError, fail } from '../../../../../platform/errors';
import { NotificationRejected, type VerifiedNotification } from '../wechatpay';
import { getPaymentsService } from './accessor';
import { PaymentMismatch } from './checkout';

function rejected(err: NotificationRejected): DomainError {
  const unauthenticated = err.reason !== 'malformed' && err.reason !== 'bad_ciphertext';
  return unauthenticated
    ? fail('UNAUTHORIZED', `Notification refused: ${err.message}.`, { reason: err.reason })
    : fail('VALIDATION', `Notification refused: ${err.message}.`, { reason: err.reason });
}

export default ({ strapi }: { strapi: any }) => {
  const svc = <K extends Parameters<typeof getPaymentsService>[1]>(name: K) => getPaymentsService(strapi, name);

  function verify(rawBody: Buffer | null, headers: Record<string, any>, expected: 'transaction' | 'refund'): VerifiedNotification {
    if (!svc('wechat').isConfigured()) svc('wechat').config();
    if (!rawBody || rawBody.length === 0) throw fail('VALIDATION', 'Notification refused: the body is empty.', { reason: 'malformed' });
    let n: VerifiedNotification;
    try {
      n = svc('wechat').verify(rawBody, headers);
    } catch (err) {
      if (err instanceof NotificationRejected) {
        strapi.log.warn(`[payments] ${expected} notification rejected (${err.reason}): ${err.message}`);
        throw rejected(err);
      }
      throw err;
    }
    if (n.originalType && n.originalType !== expected) {
      throw fail('VALIDATION', `Notification refused: a ${n.originalType} notification was sent to the ${expected} endpoint.`, { reason: 'wrong_endpoint' });
    }
    return n;
  }

  function logMismatch(kind: string, err: unknown) {
    if (err instanceof PaymentMismatch) strapi.log.error(`[payments] verified ${kind} notification does not match our records: ${err.message}`);
  }

  return {
    async transaction(rawBody: Buffer | null, headers: Record<string, any>) {
      const n = verify(rawBody, headers, 'transaction');
      if (n.eventType !== 'TRANSACTION.SUCCESS') return { handled: false, event: n.eventType };
      try {
        const { credited } = await svc('checkout').confirmPaid(n.resource);
        return { handled: true, credited, outTradeNo: n.resource.out_trade_no };
      } catch (err) {
        logMismatch('payment', err);
        throw err;
      }
    },

    async refund(rawBody: Buffer | null, headers: Record<string, any>) {
      const n = verify(rawBody, headers, 'refund');
      const r = n.resource ?? {};
      const config = svc('wechat').config();
      if (r.mchid !== config.mchid) throw fail('VALIDATION', 'Notification refused: it names another merchant.', { reason: 'merchant_mismatch' });
      if (typeof r.out_refund_no !== 'string') throw fail('VALIDATION', 'Notification refused: no out_refund_no.', { reason: 'malformed' });
      try {
        await svc('checkout').applyRefundState(r.out_refund_no, r.refund_status, {
          wechatRefundId: r.refund_id,
          successTime: r.success_time ?? null,
          refundFen: r.amount?.refund,
        });
      } catch (err) {
        logMismatch('refund', err);
        throw err;
      }
      return { handled: true, outRefundNo: r.out_refund_no, status: r.refund_status };
    },
  };
};
