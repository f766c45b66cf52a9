import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { inTransaction } from '../../../../../platform/transaction';
import { bookingsRepository } from '../repositories/bookings';
import { seatChangesOf } from '../domain/seat-changes';
import { canTransition, statusChange } from '../domain/booking-status';
import { claimsRepository, ClaimConflict } from '../repositories/claims';
import { eventsRepository } from '../repositories/events';
import { paymentsPort } from './payments-port';
import { getBookingService } from './accessor';

/**
 * A verified WeChat payment of a booking. Runs inside the payments transaction that marks the order
 * paid (inTransaction joins it), so "order paid" and "booking confirmed" commit together. A payment that arrives after the hold
 * expired re-claims the seat if it is still free; otherwise the money goes back automatically.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const bookings = bookingsRepository(strapi);
  const claims = claimsRepository(strapi);
  const events = eventsRepository(strapi);
  const payments = paymentsPort(strapi);
  const availability = () => getBookingService(strapi, 'availability');
  const reminders = () => getBookingService(strapi, 'reminders');

  async function markForRefund(b: { id: number; status: string }, amountFen: number, why: string) {
    await bookings.update(b.id, { refund_fen: amountFen });
    await events.record(b.id, b.status, b.status, { type: 'system' }, why, clock.now());
  }

  return {
    onBookingPaid: (paid: { outTradeNo: string; refId: string; userId: number; amountFen: number; paidAt: Date }) =>
      inTransaction(strapi, async (tx) => {
        const now = clock.now();
        const b = await bookings.findByDocumentId(paid.refId, { lock: true });
        if (!b) return;
        const later: { refund?: { outTradeNo: string; amountFen: number; documentId: string } } = {};
        if (b.status === 'pending_payment') {
          const change = statusChange(b.status, 'confirmed');
          if (await bookings.transition(b.id, change, { hold_expires_at: null, out_trade_no: paid.outTradeNo })) {
            await events.record(b.id, change.from, change.to, { type: 'system' }, 'paid by WeChat Pay', now);
            await reminders().bookingNotice('booking_confirmed', b);
          }
        } else if (b.status === 'expired' || b.status === 'cancelled') {
          let reclaimed = false;
          // The table allows expired → confirmed for exactly this case (see booking-status.ts); cancelled never.
          if (canTransition(b.status, 'confirmed') && b.end_at > now) {
            const change = statusChange(b.status, 'confirmed');
            try {
              await claims.claim(b.seat_id, b.start_at, b.end_at, b.id);
              reclaimed = await bookings.transition(b.id, change, { hold_expires_at: null, out_trade_no: paid.outTradeNo });
              if (reclaimed) {
                await events.record(b.id, change.from, change.to, { type: 'system' }, 'late WeChat payment: seat still free, booking confirmed', now);
                await reminders().bookingNotice('booking_confirmed', b);
              }
            } catch (e) {
              if (!(e instanceof ClaimConflict)) throw e;
            }
          }
          if (!reclaimed) {
            await markForRefund(b, paid.amountFen, `late WeChat payment after the hold ${b.status === 'cancelled' ? 'was cancelled' : 'expired and the seat was retaken'}: refunded automatically`);
            later.refund = { outTradeNo: paid.outTradeNo, amountFen: paid.amountFen, documentId: b.document_id };
          }
        }
        await availability().touch(b.room_id);
        const refund = later.refund;
        // The refund is requested once the payment is committed (WeChat refunds only a recorded paid order).
        tx.afterCommit(async () => {
          const now = await bookings.findById(b.id);
          await availability().announce(b.room_id, now ? seatChangesOf(now) : []);
          if (refund) {
            await payments.checkout.refundOrder({ outTradeNo: refund.outTradeNo, refundFen: refund.amountFen, reason: '座位已释放，自动退款 hold expired, refunded', ref: { kind: 'booking', id: refund.documentId } });
          }
        });
      }),
  };
};
