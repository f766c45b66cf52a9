import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { bookingsRepository, type BookingRow } from '../repositories/bookings';
import type { Actor } from '../repositories/events';
import { cancellationOutcome, statusChange } from '../domain';
import { paymentsPort } from './payments-port';
import { loadParameters } from './policy';
import { inTransaction } from '../../../../../platform/transaction';
import { getBookingService } from './accessor';

export interface CancelRequest {
  documentId: string;
  /** The member cancelling (their own booking), or null for staff. */
  userId: number | null;
  actor: Actor;
  reason?: string | null;
  /** Staff only: cancel without a fee / after the start. */
  waiveFee?: boolean;
}

/**
 * Cancellation with the policy of the parameters (free until N hours before the start – N from the
 * member's tier – then a fee %, never after the start for members). The refund goes back where the money
 * came from: the wallet in the same transaction, or a WeChat refund requested after commit.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const bookings = bookingsRepository(strapi);
  const payments = paymentsPort(strapi);
  const lifecycle = () => getBookingService(strapi, 'lifecycle');

  async function cancel(req: CancelRequest) {
    const params = await loadParameters(strapi);
    const staff = req.actor.type === 'staff';
    let wechatRefund: { outTradeNo: string; refundFen: number; documentId: string } | null = null;
    let closeOrder: string | null = null;

    const result = await inTransaction(strapi, async (tx) => {
      const now = clock.now();
      const b = await bookings.findByDocumentId(req.documentId, { lock: true });
      if (!b || (req.userId !== null && b.user_id !== req.userId)) throw fail('NOT_FOUND', 'No such booking among yours.', { booking: req.documentId });
      const change = statusChange(b.status, 'cancelled', { staff });

      let feeFen = 0;
      let refundFen = 0;
      const paid = b.status !== 'pending_payment' && b.pay_method !== 'free' ? b.total_fen : 0;
      if (paid > 0 || b.status !== 'pending_payment') {
        const benefits = await payments.pricing.benefits(b.user_id, now);
        ({ feeFen, refundFen } = cancellationOutcome({
          paidFen: paid,
          start: b.start_at,
          now,
          freeCancelHours: benefits.freeCancelHours,
          feePercent: params.cancel_fee_percent,
          waiveFee: staff && !!req.waiveFee,
          staffOverride: staff,
        }));
      }
      const ended = await lifecycle().endHold(
        tx,
        b,
        change,
        { cancelled_at: now, cancel_reason: req.reason ?? null, fee_fen: feeFen, refund_fen: refundFen },
        req.actor,
        req.reason ?? (staff ? 'cancelled by staff' : 'cancelled by member'),
        { releaseCoupon: 'cancelled' },
      );
      if (!ended) throw fail('INVALID_STATE', 'This booking changed while you were cancelling it; please refresh.', {});
      const ref = { kind: 'booking', id: b.document_id };
      // An offline payment went through the wallet (receipt, then payment): its refund goes back there too.
      if (refundFen > 0 && (b.pay_method === 'wallet' || b.pay_method === 'offline')) {
        await payments.wallet.refundPayment({ userId: b.user_id, ref, refundFen, actor: req.actor, note: feeFen > 0 ? `cancellation fee ${feeFen} fen kept` : undefined });
      }
      if (refundFen > 0 && b.pay_method === 'wechat' && b.out_trade_no) wechatRefund = { outTradeNo: b.out_trade_no, refundFen, documentId: b.document_id };
      if (b.status === 'pending_payment' && b.out_trade_no) closeOrder = b.out_trade_no;
      return (await bookings.findById(b.id)) as BookingRow;
    });

    if (wechatRefund) {
      const r = wechatRefund as { outTradeNo: string; refundFen: number; documentId: string };
      await payments.checkout.refundOrder({ outTradeNo: r.outTradeNo, refundFen: r.refundFen, reason: '预约取消退款 booking cancelled', ref: { kind: 'booking', id: r.documentId } });
    }
    if (closeOrder) await payments.checkout.closeOrder(closeOrder).catch(() => undefined);
    return result;
  }

  return {
    cancel,
    /** Cancels several bookings independently; each answers with its own outcome. */
    async cancelMany(userId: number, documentIds: string[], reason: string | null) {
      const outcomes = [];
      for (const documentId of documentIds) {
        try {
          const b = await cancel({ documentId, userId, actor: { type: 'member', id: userId }, reason });
          outcomes.push({ id: documentId, ok: true, booking: b });
        } catch (err: any) {
          if (!err?.code || !err?.toBody) throw err;
          outcomes.push({ id: documentId, ok: false, error: { code: err.code, message: err.message } });
        }
      }
      return outcomes;
    },
  };
};
