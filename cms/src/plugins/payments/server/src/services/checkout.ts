/**
 * WeChat Pay orders and refunds for every purpose (booking, recharge, membership).
 *
 * An order is paid exactly once: whichever of the notification, a member's status query or the
 * reconcile job first proves the payment (verified by WeChat's signature) flips the row pending → paid
 * with a conditional update and runs the purpose's handler in the same transaction. If the handler
 * fails, nothing is committed and the notification answers 5xx so WeChat retries.
 *
 * Refunds are recorded (status `submitting`, amount counted against the order) before WeChat is asked,
 * so a notification can never arrive for a refund we do not know, and a crash between the two leaves a
 * row the refund-sync job submits again with the same out_refund_no (WeChat treats that as a retry).
 */
import { clock } from '../../../../../platform/clock';
import { DomainError, fail } from '../../../../../platform/errors';
import { formatYuan } from '../../../../../platform/money';
import { invalid, newOutTradeNo, outRefundNo as makeOutRefundNo, type OutTradeNoPrefix } from '../domain';
import { ordersRepository, type OrderRow } from '../repositories/orders';
import { OPEN_REFUND_STATUSES, refundsRepository, type RefundRow } from '../repositories/refunds';
import type { WechatRefund, WechatTransaction } from '../wechatpay';
import { catalogRepository } from '../repositories/catalog';
import { getPaymentsService } from './accessor';
import { inTransaction } from '../../../../../platform/transaction';
import { refId as refIdOf, type ClosedOrder, type OrderPurpose, type PaidOrder, type Ref } from './types';

const PREFIX: Record<OrderPurpose, OutTradeNoPrefix> = { booking: 'BK', recharge: 'RC', membership: 'MB' };

type PaidHandler = (paid: PaidOrder) => Promise<void>;
type ClosedHandler = (closed: ClosedOrder) => Promise<void>;
type RefundFailedHandler = (refund: RefundRow) => Promise<void>;

/** A verified transaction that does not match our order: never credited, reported to the caller. */
export class PaymentMismatch extends DomainError {
  constructor(reason: string, message: string, details: Record<string, unknown> = {}) {
    super('VALIDATION', message, { reason, ...details });
  }
}

const truncate = (s: string, max: number) => ([...s].length <= max ? s : [...s].slice(0, max).join(''));

export default ({ strapi }: { strapi: any }) => {
  const orders = ordersRepository(strapi);
  const refunds = refundsRepository(strapi);
  const wechat = () => getPaymentsService(strapi, 'wechat');
  const paidHandlers = new Map<OrderPurpose, PaidHandler>();
  const closedHandlers = new Map<OrderPurpose, ClosedHandler>();
  const refundFailedHandlers = new Map<string, RefundFailedHandler>();

  /** Checks a transaction WeChat vouched for against our order; throws PaymentMismatch when it differs. */
  function checkTransaction(order: OrderRow, txn: WechatTransaction) {
    const config = wechat().config();
    if (txn.mchid !== config.mchid || txn.appid !== config.appid) {
      throw new PaymentMismatch('merchant_mismatch', 'The payment names another merchant or app; it was not accepted.', {
        appid: txn.appid,
        mchid: txn.mchid,
      });
    }
    if (txn.out_trade_no !== order.outTradeNo) throw new PaymentMismatch('order_mismatch', 'The payment is for another order.');
    if (!txn.amount || txn.amount.total !== order.amountFen) {
      throw new PaymentMismatch(
        'amount_mismatch',
        `The amount paid (${txn.amount?.total} fen) differs from the order (${order.amountFen} fen); it was not accepted.`,
        { paid_fen: txn.amount?.total ?? null, order_fen: order.amountFen },
      );
    }
  }

  const service = {
    /** Registers what happens when an order of `purpose` is paid; runs inside the marking transaction. */
    onPaid(purpose: OrderPurpose, handler: PaidHandler) {
      paidHandlers.set(purpose, handler);
    },

    /** Registers what happens when an unpaid order of `purpose` is closed (expired or cancelled). */
    onClosed(purpose: OrderPurpose, handler: ClosedHandler) {
      closedHandlers.set(purpose, handler);
    },

    /** Registers what happens when WeChat definitively refuses a refund made for `refKind`. */
    onRefundFailed(refKind: string, handler: RefundFailedHandler) {
      refundFailedHandlers.set(refKind, handler);
    },

    /**
     * Creates a pending order and the WeChat JSAPI order; returns the wx.requestPayment parameters.
     * Joins the caller's transaction: if the caller rolls back, the WeChat order is simply never paid
     * and expires.
     */
    async createOrder(input: { userId: number; purpose: OrderPurpose; refId: string; amountFen: number; description: string; expiresAt: Date; outTradeNo?: string }) {
      const client = wechat().client();
      if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw invalid('amount_fen', 'A WeChat Pay order needs an amount of at least 1 fen.');
      const member = await catalogRepository(strapi).member(input.userId);
      if (!member?.openid) {
        throw fail('INVALID_STATE', 'WeChat Pay needs an account logged in through WeChat; pay from your wallet instead.');
      }
      const outTradeNo = input.outTradeNo ?? newOutTradeNo(PREFIX[input.purpose], clock.now());
      const description = truncate(input.description || '自习室', 127);
      return inTransaction(strapi, async () => {
        await orders.insert({
          outTradeNo,
          userId: input.userId,
          purpose: input.purpose,
          refId: String(input.refId),
          amountFen: input.amountFen,
          description,
          expiresAt: input.expiresAt,
        });
        const { payment } = await client.createJsapiOrder({
          outTradeNo,
          description,
          amountFen: input.amountFen,
          openid: member.openid!,
          expiresAt: input.expiresAt,
          attach: input.purpose,
        });
        return { outTradeNo, payment: payment as unknown as Record<string, string> };
      });
    },

    async findOrder(outTradeNo: string) {
      return orders.find(outTradeNo);
    },

    /**
     * Marks the order paid from a transaction WeChat vouched for (verified notification or verified
     * query) and runs the purpose's handler, once. `{ credited: false }` for a duplicate.
     */
    async confirmPaid(txn: WechatTransaction): Promise<{ order: OrderRow; credited: boolean }> {
      if (txn.trade_state !== 'SUCCESS') throw new PaymentMismatch('not_paid', `The order is ${txn.trade_state}, not paid.`);
      return inTransaction(strapi, async () => {
        const order = await orders.lock(txn.out_trade_no);
        if (!order) throw fail('NOT_FOUND', `No order ${txn.out_trade_no} is known here.`);
        checkTransaction(order, txn);
        if (order.status === 'paid') return { order, credited: false };
        const handler = paidHandlers.get(order.purpose);
        // Without a handler the payment would be recorded with no effect: refuse, WeChat retries later.
        if (!handler) throw new Error(`no payment handler is registered for ${order.purpose} orders`);
        const paidAt = txn.success_time ? new Date(txn.success_time) : clock.now();
        if (!(await orders.markPaid(order.outTradeNo, { paidAt, transactionId: txn.transaction_id ?? null }))) {
          return { order, credited: false };
        }
        await handler({ outTradeNo: order.outTradeNo, refId: order.refId, userId: order.userId, amountFen: order.amountFen, paidAt });
        return { order: { ...order, status: 'paid' as const, paidAt }, credited: true };
      });
    },

    /** Closes an unpaid order locally and runs the purpose's close handler, once. */
    async markClosed(outTradeNo: string): Promise<boolean> {
      return inTransaction(strapi, async () => {
        const order = await orders.lock(outTradeNo);
        if (!order || order.status !== 'pending') return false;
        const at = clock.now();
        if (!(await orders.markClosed(outTradeNo, at))) return false;
        await closedHandlers.get(order.purpose)?.({ outTradeNo, refId: order.refId, userId: order.userId, amountFen: order.amountFen, closedAt: at });
        return true;
      });
    },

    /**
     * Asks WeChat where a pending order stands and acts on the answer: credit it if paid, close it if
     * expired (at WeChat first, so it can no longer be paid). The notification-independent path that
     * recovers payments whose notification was lost.
     */
    async syncOrder(outTradeNo: string, opts: { closeIfExpired?: boolean } = {}): Promise<OrderRow['status']> {
      const order = await orders.find(outTradeNo);
      if (!order || order.status !== 'pending') return order?.status ?? 'closed';
      const now = clock.now();
      const expired = order.expiresAt.getTime() <= now.getTime();
      let txn: WechatTransaction | null = null;
      try {
        txn = await wechat().client().queryOrder(outTradeNo);
      } catch (err) {
        // Never created at WeChat (the create call failed after our insert): nothing can be paid.
        if (wechat().isNotFound(err) && expired) {
          await service.markClosed(outTradeNo);
          return 'closed';
        }
        throw err;
      } finally {
        await orders.touchChecked(outTradeNo, now);
      }
      if (txn.trade_state === 'SUCCESS' || txn.trade_state === 'REFUND') {
        await service.confirmPaid({ ...txn, trade_state: 'SUCCESS' });
        return 'paid';
      }
      if (txn.trade_state === 'CLOSED' || txn.trade_state === 'REVOKED') {
        await service.markClosed(outTradeNo);
        return 'closed';
      }
      if (expired && opts.closeIfExpired !== false) return service.closeOrder(outTradeNo);
      return 'pending';
    },

    /**
     * Closes a pending order at WeChat, then here. If WeChat says it was paid meanwhile, it is credited
     * instead: money that arrived is never dropped.
     */
    async closeOrder(outTradeNo: string): Promise<OrderRow['status']> {
      const order = await orders.find(outTradeNo);
      if (!order) throw fail('NOT_FOUND', `No order ${outTradeNo}.`);
      if (order.status !== 'pending') return order.status;
      try {
        await wechat().client().closeOrder(outTradeNo);
      } catch (err) {
        const code = (err as any)?.details?.providerCode;
        if (code === 'ORDERPAID') {
          const txn = await wechat().client().queryOrder(outTradeNo);
          await service.confirmPaid(txn);
          return 'paid';
        }
        if (!wechat().isNotFound(err)) throw err;
      }
      await service.markClosed(outTradeNo);
      return 'closed';
    },

    /**
     * Refunds part of a paid order through WeChat (a cancelled booking paid by WeChat). Joins the caller's
     * transaction; WeChat is asked after it commits, and settlement arrives by notification.
     */
    async refundOrder(input: { outTradeNo: string; refundFen: number; reason: string; ref: Ref; refundRequestId?: number | null }): Promise<RefundRow> {
      const { refundFen } = input;
      if (!Number.isSafeInteger(refundFen) || refundFen <= 0) throw invalid('refund_fen', 'A refund must be at least 1 fen.');
      wechat().config();
      return inTransaction(strapi, async ({ afterCommit }) => {
        const order = await orders.lock(input.outTradeNo);
        if (!order || order.status !== 'paid') throw fail('INVALID_STATE', 'Only a paid order can be refunded.', { out_trade_no: input.outTradeNo });
        if (!(await orders.reserveRefund(order.outTradeNo, refundFen))) {
          const left = order.amountFen - order.refundedFen;
          throw invalid('refund_fen', `At most ${formatYuan(Math.max(0, left))} of this payment can still be refunded.`, { refundable_fen: Math.max(0, left) });
        }
        const index = await refunds.countForOrder(order.outTradeNo);
        const refund = await refunds.insert({
          outRefundNo: makeOutRefundNo(`O${order.id}`, index),
          outTradeNo: order.outTradeNo,
          userId: order.userId,
          amountFen: refundFen,
          totalFen: order.amountFen,
          reason: truncate(input.reason || '退款', 80),
          refundRequestId: input.refundRequestId ?? null,
          refKind: input.ref.kind,
          refId: refIdOf(input.ref),
        });
        afterCommit(() => service.submitRefund(refund.outRefundNo));
        return refund;
      });
    },

    /**
     * Records a refund inside an already running transaction whose order row the caller locked and
     * reserved (withdrawals spread over several recharge orders). WeChat is asked by the caller.
     */
    async recordRefund(input: { order: OrderRow; refundFen: number; reason: string; refundRequestId: number; index: number; ref: Ref }): Promise<RefundRow> {
      if (!(await orders.reserveRefund(input.order.outTradeNo, input.refundFen))) {
        throw invalid('amount_fen', 'A recharge order cannot refund that much any more; ask for less or try again.');
      }
      return refunds.insert({
        outRefundNo: makeOutRefundNo(`W${input.refundRequestId}`, input.index),
        outTradeNo: input.order.outTradeNo,
        userId: input.order.userId,
        amountFen: input.refundFen,
        totalFen: input.order.amountFen,
        reason: truncate(input.reason || '余额提现', 80),
        refundRequestId: input.refundRequestId,
        refKind: input.ref.kind,
        refId: refIdOf(input.ref),
      });
    },

    /**
     * Asks WeChat for a recorded refund. A definitive refusal (4xx, or a 5xx after which WeChat has no
     * such refund) fails it and gives the money back; a lost answer leaves it for the refund-sync job.
     */
    async submitRefund(outRefundNo: string): Promise<RefundRow> {
      const refund = await refunds.find(outRefundNo);
      if (!refund) throw fail('NOT_FOUND', `No refund ${outRefundNo}.`);
      if (refund.status !== 'submitting') return refund;
      const client = wechat().client();
      let answer: WechatRefund | null = null;
      try {
        answer = await client.createRefund({
          outTradeNo: refund.outTradeNo,
          outRefundNo: refund.outRefundNo,
          refundFen: refund.amountFen,
          totalFen: refund.totalFen,
          reason: refund.reason ?? undefined,
        });
      } catch (err) {
        if (wechat().isDefinitiveRefusal(err)) {
          await service.failRefund(outRefundNo, describe(err));
          return (await refunds.find(outRefundNo))!;
        }
        const providerCode = (err as any)?.details?.providerCode;
        if (providerCode === 'TIMEOUT' || providerCode === 'NETWORK_ERROR') {
          // No answer: WeChat may still be creating it, so "not found" now would prove nothing. Keep the
          // reservation; refund-sync submits again with the same out_refund_no, which WeChat treats as a retry.
          strapi.log.warn(`[payments] refund ${outRefundNo} got no answer (${describe(err)}); the refund-sync job retries it`);
          return refund;
        }
        try {
          answer = await client.queryRefund(outRefundNo);
        } catch (queryErr) {
          if (wechat().isNotFound(queryErr)) {
            await service.failRefund(outRefundNo, describe(err));
            return (await refunds.find(outRefundNo))!;
          }
          strapi.log.warn(`[payments] refund ${outRefundNo} not confirmed yet (${describe(err)}); the refund-sync job retries it`);
          return refund;
        }
      }
      await service.applyRefundState(outRefundNo, answer.status, {
        wechatRefundId: answer.refund_id,
        successTime: answer.success_time ?? null,
        refundFen: answer.amount?.refund,
      });
      return (await refunds.find(outRefundNo))!;
    },

    /**
     * Brings our refund row to WeChat's state (from a verified notification, a submit answer or a query).
     * Idempotent and order-free: only open states move, so a late ABNORMAL after SUCCESS changes nothing.
     */
    async applyRefundState(outRefundNo: string, status: string, info: { wechatRefundId?: string; successTime?: string | null; refundFen?: number }) {
      const refund = await refunds.find(outRefundNo);
      if (!refund) throw fail('NOT_FOUND', `No refund ${outRefundNo} is known here.`);
      if (info.refundFen !== undefined && info.refundFen !== refund.amountFen) {
        throw new PaymentMismatch('amount_mismatch', `The refund amount (${info.refundFen} fen) differs from ours (${refund.amountFen} fen).`);
      }
      const at = clock.now();
      const idExtra = info.wechatRefundId ? { wechat_refund_id: info.wechatRefundId } : {};
      switch (status) {
        case 'PROCESSING':
          await refunds.transition(outRefundNo, ['submitting'], 'processing', { ...idExtra, submitted_at: at });
          return;
        case 'ABNORMAL':
          await refunds.transition(outRefundNo, ['submitting', 'processing'], 'abnormal', { ...idExtra, submitted_at: refund.submittedAt ?? at });
          return;
        case 'SUCCESS':
          await inTransaction(strapi, async () => {
            const moved = await refunds.transition(outRefundNo, OPEN_REFUND_STATUSES, 'success', {
              ...idExtra,
              settled_at: info.successTime ? new Date(info.successTime) : at,
              submitted_at: refund.submittedAt ?? at,
            });
            if (moved && refund.refundRequestId) await getPaymentsService(strapi, 'refunds').refundSettled(refund.refundRequestId);
          });
          return;
        case 'CLOSED':
          await service.failRefund(outRefundNo, 'WeChat closed the refund', 'closed');
          return;
        default:
          strapi.log.warn(`[payments] refund ${outRefundNo}: unknown WeChat status ${status}`);
      }
    },

    /** The refund will not happen: un-count it from the order and give the reservation back, once. */
    async failRefund(outRefundNo: string, why: string, to: 'failed' | 'closed' = 'failed') {
      await inTransaction(strapi, async () => {
        const refund = await refunds.find(outRefundNo);
        if (!refund) return;
        const moved = await refunds.transition(outRefundNo, OPEN_REFUND_STATUSES, to, { failure: truncate(why, 250), settled_at: clock.now() });
        if (!moved) return;
        await orders.releaseRefund(refund.outTradeNo, refund.amountFen);
        if (refund.refundRequestId) {
          await getPaymentsService(strapi, 'refunds').refundFailed(refund);
        } else if (refund.refKind && refundFailedHandlers.has(refund.refKind)) {
          await refundFailedHandlers.get(refund.refKind)!(refund);
        } else {
          strapi.log.error(`[payments] refund ${outRefundNo} of ${refund.outTradeNo} failed (${why}); staff must settle it by hand`);
        }
      });
    },

    /** Asks WeChat about a refund we still wait for (submitting ones are submitted again). */
    async syncRefund(outRefundNo: string) {
      const refund = await refunds.find(outRefundNo);
      if (!refund || !OPEN_REFUND_STATUSES.includes(refund.status)) return refund;
      await refunds.touchChecked(outRefundNo, clock.now());
      if (refund.status === 'submitting') return service.submitRefund(outRefundNo);
      const answer = await wechat().client().queryRefund(outRefundNo);
      await service.applyRefundState(outRefundNo, answer.status, {
        wechatRefundId: answer.refund_id,
        successTime: answer.success_time ?? null,
        refundFen: answer.amount?.refund,
      });
      return refunds.find(outRefundNo);
    },

    async findRefund(outRefundNo: string) {
      return refunds.find(outRefundNo);
    },
  };
  return service;
};

function describe(err: unknown): string {
  const details = (err as any)?.details ?? {};
  return [details.providerCode, details.providerMessage ?? (err as Error)?.message].filter(Boolean).join(': ');
}
