/**
 * Refund requests: a member withdraws unused recharge principal (never bonus) or disputes a charge;
 * staff approve or reject with a reason.
 *
 * Approving a withdrawal, in one transaction: lock the wallet, reserve the amount (refund_withdrawal
 * row), spread it over the member's WeChat recharge orders newest first (never above an order's
 * remaining refundable amount, counted with a conditional update), and record one refund per order.
 * After commit each refund is submitted to WeChat. A refund WeChat refuses or closes gives its share
 * back to the wallet (refund_reversal row, once per refund); success settles it on the notification.
 */
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { allocateWithdrawal, applyWithdrawal, checkDisputeRefund, invalid } from '../domain';
import { ordersRepository } from '../repositories/orders';
import { refundsRepository, type RefundRequestRow, type RefundRow } from '../repositories/refunds';
import { iso, type Page } from '../repositories/support';
import { walletsRepository } from '../repositories/wallets';
import { getPaymentsService } from './accessor';
import { bookingPort } from './booking-port';
import { inTransaction } from '../../../../../platform/transaction';
import type { Actor } from './types';

const presentRefund = (r: RefundRow) => ({
  outRefundNo: r.outRefundNo,
  outTradeNo: r.outTradeNo,
  amount_fen: r.amountFen,
  status: r.status,
  failure: r.failure,
  settledAt: iso(r.settledAt),
});

export const presentRequest = (r: RefundRequestRow, refunds?: RefundRow[]) => ({
  id: r.documentId,
  kind: r.kind,
  amount_fen: r.amountFen,
  booking: r.bookingRef,
  reason: r.reason,
  status: r.status,
  approved_fen: r.approvedFen,
  refunded_fen: r.refundedFen,
  returned_fen: r.returnedFen,
  decision_note: r.decisionNote,
  decidedAt: iso(r.decidedAt),
  settledAt: iso(r.settledAt),
  createdAt: iso(r.createdAt),
  ...(refunds ? { refunds: refunds.map(presentRefund) } : {}),
});

export default ({ strapi }: { strapi: any }) => {
  const repo = refundsRepository(strapi);

  /** The member hears how their request ended (WeChat subscribe message, once per request). */
  const noticeResult = (request: RefundRequestRow, result: 'refunded' | 'partially_refunded' | 'failed' | 'rejected', amountFen: number, note?: string | null) =>
    bookingPort(strapi).reminders.enqueue({
      memberId: request.userId,
      kind: 'refund_result',
      dedupeKey: `refund_request:${request.documentId}:result`,
      data: { request: request.documentId, result, amountFen, note: note ?? null },
    });
  const orders = ordersRepository(strapi);
  const wallets = walletsRepository(strapi);
  const svc = <K extends Parameters<typeof getPaymentsService>[1]>(name: K) => getPaymentsService(strapi, name);

  /** What a disputed booking cost the member: from the wallet, or WeChat orders, and what is left of it. */
  async function disputedPayment(userId: number, bookingRef: string) {
    const fromWallet = await svc('wallet').refundableForRef(userId, { kind: 'booking', id: bookingRef });
    if (fromWallet.paidFen > 0) return { via: 'wallet' as const, paidFen: fromWallet.paidFen, refundedFen: fromWallet.refundedFen, orders: [] };
    const paidOrders = await orders.paidForRef(userId, 'booking', bookingRef);
    const paidFen = paidOrders.reduce((s, o) => s + o.amountFen, 0);
    const refundedFen = paidOrders.reduce((s, o) => s + o.refundedFen, 0);
    return { via: 'wechat' as const, paidFen, refundedFen, orders: paidOrders };
  }

  /** Paid recharge orders in the shape of the domain's allocation. */
  async function refundableRecharges(userId: number) {
    return (await orders.paidRecharges(userId)).map((o) => ({ outTradeNo: o.outTradeNo, totalFen: o.amountFen, refundedFen: o.refundedFen, paidAt: o.paidAt ?? o.createdAt }));
  }

  const service = {
    async file(input: { userId: number; kind: 'withdraw' | 'dispute'; amountFen?: number; booking?: string; reason: string }) {
      if (input.kind === 'withdraw') {
        if (input.amountFen === undefined) throw invalid('amount_fen', 'Say how much you want to withdraw (amount_fen).');
        if ((await repo.openRequestsOf(input.userId, 'withdraw')).length > 0) {
          throw fail('INVALID_STATE', 'You already have a withdrawal under review; wait for it to be decided.');
        }
        const w = await wallets.find(input.userId);
        applyWithdrawal({ balanceFen: w?.balanceFen ?? 0, bonusBalanceFen: w?.bonusFen ?? 0 }, input.amountFen);
        allocateWithdrawal(input.amountFen, await refundableRecharges(input.userId), { now: clock.now() });
        return presentRequest(await repo.insertRequest({ userId: input.userId, kind: 'withdraw', amountFen: input.amountFen, bookingRef: null, reason: input.reason }));
      }
      if (!input.booking) throw invalid('booking', 'Say which booking you dispute (booking).');
      const payment = await disputedPayment(input.userId, input.booking);
      if (payment.paidFen === 0) throw fail('NOT_FOUND', 'No payment of yours was found for this booking.');
      const amount = checkDisputeRefund({
        paidFen: payment.paidFen,
        alreadyRefundedFen: payment.refundedFen,
        amountFen: input.amountFen ?? payment.paidFen - payment.refundedFen,
      });
      if ((await repo.openRequestsOf(input.userId, 'dispute')).some((r) => r.bookingRef === input.booking)) {
        throw fail('INVALID_STATE', 'This booking already has a dispute under review.');
      }
      return presentRequest(await repo.insertRequest({ userId: input.userId, kind: 'dispute', amountFen: amount, bookingRef: input.booking, reason: input.reason }));
    },

    async listMine(userId: number, page: Page) {
      const { rows, pagination } = await repo.listRequests({ userId }, page);
      return { data: rows.map((r) => presentRequest(r)), pagination };
    },

    async listForStaff(filter: { status?: string; kind?: string }, page: Page) {
      const { rows, pagination } = await repo.listRequests(filter, page);
      const data = [];
      for (const r of rows) data.push({ ...presentRequest(r, await repo.forRequest(r.id)), member: r.userId });
      return { data, pagination };
    },

    async get(documentId: string) {
      const r = await repo.findRequest(documentId);
      if (!r) throw fail('NOT_FOUND', 'No such refund request.');
      return { ...presentRequest(r, await repo.forRequest(r.id)), member: r.userId };
    },

    async reject(input: { requestId: string; staff: Actor; reason: string }) {
      const request = await repo.findRequest(input.requestId);
      if (!request) throw fail('NOT_FOUND', 'No such refund request.');
      const moved = await repo.transitionRequest(request.id, ['pending'], 'rejected', {
        decided_by: input.staff.id ?? null,
        decision_note: input.reason,
        decided_at: clock.now(),
      });
      if (!moved) throw fail('INVALID_STATE', `This request is already ${request.status}.`, { status: request.status });
      await noticeResult(request, 'rejected', 0, input.reason);
      return service.get(input.requestId);
    },

    /** Approves a request: see the file comment for the steps. `amountFen` lets staff approve less. */
    async approve(input: { requestId: string; staff: Actor; amountFen?: number; note?: string }) {
      svc('wechat').config();
      const submit: string[] = [];
      await inTransaction(strapi, async () => {
        const request = await repo.lockRequest(input.requestId);
        if (!request) throw fail('NOT_FOUND', 'No such refund request.');
        if (request.status !== 'pending') throw fail('INVALID_STATE', `This request is already ${request.status}.`, { status: request.status });
        const amount = input.amountFen ?? request.amountFen ?? 0;
        if (request.amountFen !== null && amount > request.amountFen) {
          throw invalid('amount_fen', 'Staff can approve at most the amount the member asked for.', { requested_fen: request.amountFen });
        }
        const ref = { kind: 'refund_request', id: request.documentId };
        const decided = { decided_by: input.staff.id ?? null, decision_note: input.note ?? null, decided_at: clock.now(), approved_fen: amount };

        if (request.kind === 'withdraw') {
          await svc('wallet').reserveWithdrawal({ userId: request.userId, amountFen: amount, ref, actor: input.staff, note: 'withdrawal approved' });
          const plan = allocateWithdrawal(amount, await refundableRecharges(request.userId), { now: clock.now() });
          for (const [index, part] of plan.entries()) {
            const order = await orders.lock(part.outTradeNo);
            const refund = await svc('checkout').recordRefund({
              order: order!,
              refundFen: part.refundFen,
              reason: '余额提现',
              refundRequestId: request.id,
              index,
              ref,
            });
            submit.push(refund.outRefundNo);
          }
          await repo.transitionRequest(request.id, ['pending'], 'refunding', decided);
          return;
        }

        const payment = await disputedPayment(request.userId, request.bookingRef!);
        checkDisputeRefund({ paidFen: payment.paidFen, alreadyRefundedFen: payment.refundedFen, amountFen: amount });
        if (payment.via === 'wallet') {
          await svc('wallet').refundPayment({
            userId: request.userId,
            ref: { kind: 'booking', id: request.bookingRef! },
            refundFen: amount,
            actor: input.staff,
            note: 'dispute approved',
          });
          await repo.transitionRequest(request.id, ['pending'], 'completed', { ...decided, refunded_fen: amount, settled_at: clock.now() });
          await noticeResult(request, 'refunded', amount);
          return;
        }
        let left = amount;
        for (const order of payment.orders) {
          const part = Math.min(left, order.amountFen - order.refundedFen);
          if (part <= 0) continue;
          const refund = await svc('checkout').recordRefund({
            order: (await orders.lock(order.outTradeNo))!,
            refundFen: part,
            reason: '预约争议退款',
            refundRequestId: request.id,
            index: submit.length,
            ref,
          });
          submit.push(refund.outRefundNo);
          left -= part;
          if (left === 0) break;
        }
        await repo.transitionRequest(request.id, ['pending'], 'refunding', decided);
      });
      // After commit: the reservation and refund rows exist, so any outcome (even a crash here) is recoverable.
      for (const no of submit) {
        try {
          await svc('checkout').submitRefund(no);
        } catch (err) {
          strapi.log.warn(`[payments] refund ${no} not submitted yet (${(err as Error).message}); the refund-sync job retries it`);
        }
      }
      return service.get(input.requestId);
    },

    /** One of the request's refunds succeeded: totals, and the request's final status once all are done. */
    async refundSettled(requestId: number) {
      await service.recompute(requestId);
    },

    /** One of the request's refunds will not happen: a withdrawal gets that share back in the wallet. */
    async refundFailed(refund: RefundRow) {
      const request = await repo.requestById(refund.refundRequestId!);
      if (!request) return;
      if (request.kind === 'withdraw') {
        await svc('wallet').returnWithdrawal({
          userId: request.userId,
          amountFen: refund.amountFen,
          ref: { kind: 'refund_request', id: request.documentId },
          actor: { type: 'system' },
          note: `refund ${refund.outRefundNo} did not go through`,
          dedupeKey: `refund_reversal:${refund.outRefundNo}`,
        });
      }
      await service.recompute(request.id);
    },

    async recompute(requestId: number) {
      const refunds = await repo.forRequest(requestId);
      const refunded = refunds.filter((r) => r.status === 'success').reduce((s, r) => s + r.amountFen, 0);
      const returned = refunds.filter((r) => r.status === 'failed' || r.status === 'closed').reduce((s, r) => s + r.amountFen, 0);
      await repo.updateRequestTotals(requestId, { refundedFen: refunded, returnedFen: returned });
      const open = refunds.some((r) => r.status === 'submitting' || r.status === 'processing' || r.status === 'abnormal');
      if (open) return;
      const status = returned === 0 ? 'completed' : refunded === 0 ? 'failed' : 'partially_refunded';
      if (!(await repo.transitionRequest(requestId, ['refunding'], status, { settled_at: clock.now() }))) return;
      const request = await repo.requestById(requestId);
      if (request) await noticeResult(request, status === 'completed' ? 'refunded' : status === 'failed' ? 'failed' : 'partially_refunded', refunded);
    },
  };
  return service;
};
