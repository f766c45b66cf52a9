import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { bookingsRepository, type BookingRow } from '../repositories/bookings';
import { eventsRepository, type Actor } from '../repositories/events';
import { seatLookup } from '../repositories/rooms';
import { checkCheckinWindow, checkinWindow, earlyCheckoutRelease, issueCheckinToken, seatChangesOf, statusChange, verifyCheckinToken } from '../domain';
import { paymentsPort } from './payments-port';
import { assertNotBanned, checkinSecret, loadParameters } from './policy';
import { inTransaction } from '../../../../../platform/transaction';
import { getBookingService } from './accessor';

/**
 * Check-in by the member's QR token (front desk scans it) or by the code printed on the seat (the member
 * scans it), within [start − N min, start + grace]; check-out frees the rest of the seat's time.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const bookings = bookingsRepository(strapi);
  const events = eventsRepository(strapi);
  const seats = seatLookup(strapi);
  const payments = paymentsPort(strapi);
  const lifecycle = () => getBookingService(strapi, 'lifecycle');
  const availability = () => getBookingService(strapi, 'availability');

  async function checkIn(b: BookingRow, actor: Actor) {
    const params = await loadParameters(strapi);
    const now = clock.now();
    const change = statusChange(b.status, 'checked_in', { staff: actor.type === 'staff' });
    checkCheckinWindow({ start: b.start_at, end: b.end_at, now, openMinutesBefore: params.checkin_open_minutes_before, graceMinutes: params.no_show_grace_minutes, tz: params.store_timezone });
    return inTransaction(strapi, async (tx) => {
      const moved = await bookings.transition(b.id, change, { checked_in_at: now });
      if (!moved) throw fail('INVALID_STATE', 'This booking changed meanwhile (it may have been checked in or released); please refresh.', {});
      await events.record(b.id, change.from, change.to, actor, actor.type === 'staff' ? 'checked in by staff' : 'checked in', now);
      await availability().touch(b.room_id);
      tx.afterCommit(() => availability().announce(b.room_id, seatChangesOf({ ...b, status: 'checked_in' })));
      return (await bookings.findById(b.id))!;
    });
  }

  return {
    async issueQr(userId: number, documentId: string) {
      const params = await loadParameters(strapi);
      const b = await bookings.findByDocumentId(documentId);
      if (!b || b.user_id !== userId) throw fail('NOT_FOUND', 'No such booking among yours.', { booking: documentId });
      if (b.status !== 'confirmed') throw fail('INVALID_STATE', `Only a confirmed booking has a check-in code; this one is ${b.status}.`, { status: b.status });
      const { token, expiresAt } = issueCheckinToken({ bookingId: b.document_id, userId, now: clock.now(), ttlSeconds: params.checkin_token_seconds, secret: checkinSecret() });
      return { token, expiresAt: expiresAt.toISOString(), window: Object.fromEntries(Object.entries(checkinWindow({ start: b.start_at, end: b.end_at, openMinutesBefore: params.checkin_open_minutes_before, graceMinutes: params.no_show_grace_minutes })).map(([k, v]) => [k, (v as Date).toISOString()])) };
    },

    /** A scanned QR token; a member may only present their own, staff any. */
    async checkInWithToken(token: string, caller: { userId?: number; staffId?: number }) {
      const claims = verifyCheckinToken(token, { secret: checkinSecret(), now: clock.now() });
      if (caller.userId !== undefined && claims.userId !== caller.userId) {
        throw fail('FORBIDDEN', 'This check-in code belongs to another member.', {});
      }
      const b = await bookings.findByDocumentId(claims.bookingId);
      if (!b || b.user_id !== claims.userId) throw fail('NOT_FOUND', 'The booking of this code no longer exists.', {});
      await assertNotBanned(strapi, b.user_id, clock.now());
      return checkIn(b, caller.staffId !== undefined ? { type: 'staff', id: caller.staffId } : { type: 'member', id: b.user_id });
    },

    /** The member scanned the code on the seat: check in their booking of that seat that is due now. */
    async checkInWithSeatCode(seatCode: string, userId: number) {
      await assertNotBanned(strapi, userId, clock.now());
      const seat = await seats.byCode(seatCode);
      if (!seat) throw fail('NOT_FOUND', 'This seat code is unknown; scan the code printed on the seat.', {});
      const now = clock.now();
      const candidates = await bookings.checkinCandidates(userId, seat.id, new Date(now.getTime() - 12 * 3600_000), new Date(now.getTime() + 12 * 3600_000));
      const confirmed = candidates.filter((b) => b.status === 'confirmed');
      if (confirmed.length === 0) {
        if (candidates.some((b) => b.status === 'checked_in')) throw fail('INVALID_STATE', 'You are already checked in at this seat.', {});
        throw fail('NOT_FOUND', `You have no booking of seat ${seat.label} today.`, {});
      }
      const params = await loadParameters(strapi);
      const due =
        confirmed.find((b) => {
          const w = checkinWindow({ start: b.start_at, end: b.end_at, openMinutesBefore: params.checkin_open_minutes_before, graceMinutes: params.no_show_grace_minutes });
          return now >= w.opensAt && now <= w.closesAt;
        }) ?? confirmed[0];
      return checkIn(due, { type: 'member', id: userId });
    },

    async checkInByStaff(documentId: string, staffId: number) {
      const b = await bookings.findByDocumentId(documentId);
      if (!b) throw fail('NOT_FOUND', 'No such booking.', { booking: documentId });
      return checkIn(b, { type: 'staff', id: staffId });
    },

    /** Check-out: the rest of the seat's time is released (refund of the unused part only if a parameter says so). */
    async checkOut(userId: number, documentId: string) {
      const params = await loadParameters(strapi);
      return inTransaction(strapi, async (tx) => {
        const now = clock.now();
        const b = await bookings.findByDocumentId(documentId, { lock: true });
        if (!b || b.user_id !== userId) throw fail('NOT_FOUND', 'No such booking among yours.', { booking: documentId });
        const change = statusChange(b.status, 'completed');
        const releaseFrom = earlyCheckoutRelease({ now, start: b.start_at, end: b.end_at });
        const early = releaseFrom < b.end_at;
        let refundFen = 0;
        if (early && params.early_checkout_refund && b.pay_method === 'wallet' && b.total_fen > 0) {
          const totalMinutes = (b.end_at.getTime() - b.start_at.getTime()) / 60_000;
          const unusedMinutes = (b.end_at.getTime() - releaseFrom.getTime()) / 60_000;
          refundFen = Math.min(b.total_fen, Math.floor((b.total_fen * unusedMinutes) / totalMinutes));
        }
        await lifecycle().endHold(
          tx,
          b,
          change,
          { checked_out_at: now, released_at: early ? releaseFrom : null, refund_fen: refundFen },
          { type: 'member', id: userId },
          early ? 'checked out early' : 'checked out',
          { releaseFrom },
        );
        if (refundFen > 0) await payments.wallet.refundPayment({ userId, ref: { kind: 'booking', id: b.document_id }, refundFen, actor: { type: 'member', id: userId }, note: 'early check-out' });
        return (await bookings.findById(b.id))!;
      });
    },
  };
};
