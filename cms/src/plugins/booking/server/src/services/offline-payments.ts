import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { inTransaction } from '../../../../../platform/transaction';
import { acceptImage, type UploadedFile } from '../../../../../platform/uploaded-images';
import { seatChangesOf, statusChange } from '../domain';
import { bookingsRepository, type BookingRow } from '../repositories/bookings';
import { eventsRepository } from '../repositories/events';
import { membersRepository } from '../repositories/members';
import { offlinePaymentsRepository, type OfflineQueue } from '../repositories/offline-payments';
import { paymentsPort } from './payments-port';
import { getBookingService } from './accessor';
import { pagination, type Page } from '../../../../../platform/pagination';
import { reply } from '../../../../../platform/reply';

const PROOF_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Offline payment (a transfer or cash at the desk), verified by staff. The booking is held as
 * pending_payment for offline_hold_minutes; the member may attach a proof image; staff confirm (the
 * ledger records an offline receipt and the booking payment in the booking's transaction, so the wallet
 * balance is unchanged and still equals its ledger) or reject (the hold is released, the member sees the
 * reason). An unverified hold expires through the ordinary hold job.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const bookings = bookingsRepository(strapi);
  const events = eventsRepository(strapi);
  const queue = offlinePaymentsRepository(strapi);
  const payments = paymentsPort(strapi);
  const booking = () => getBookingService(strapi, 'bookings');
  const lifecycle = () => getBookingService(strapi, 'lifecycle');
  const availability = () => getBookingService(strapi, 'availability');

  function assertOpenOfflineHold(b: BookingRow | null, documentId: string, now: Date): asserts b is BookingRow {
    if (!b) throw fail('NOT_FOUND', 'No such booking.', { booking: documentId });
    if (b.pay_method !== 'offline') throw fail('INVALID_STATE', 'This booking is not paid offline.', { payWith: b.pay_method });
    if (b.status === 'expired' || (b.status === 'pending_payment' && b.hold_expires_at && b.hold_expires_at <= now)) {
      throw fail('HOLD_EXPIRED', 'This offline hold lapsed before it was verified, and the seat was released. The member can book again.', { booking: documentId });
    }
    if (b.status !== 'pending_payment') throw fail('INVALID_STATE', `This booking is ${b.status.replace('_', ' ')}; only a booking waiting for offline payment can be verified.`, { status: b.status });
  }

  async function presentQueueRows(rows: BookingRow[]) {
    const presented = await booking().presentMany(rows);
    const members = await membersRepository(strapi).summaries(rows.map((r) => r.user_id));
    return presented.map((p: any, i: number) => ({
      ...p,
      member: members.get(rows[i].user_id) ?? { id: rows[i].user_id, nickname: null, avatar: null },
      verifiedAt: rows[i].offline_verified_at ? rows[i].offline_verified_at!.toISOString() : null,
      verifiedBy: rows[i].offline_verified_by ?? null,
      note: rows[i].offline_note ?? null,
    }));
  }

  return {
    async list(status: OfflineQueue, page: Page) {
      const { ids, total } = await queue.page(status, page.page, page.pageSize);
      const byId = new Map((await bookings.findByIds(ids)).map((b) => [b.id, b]));
      return reply(await presentQueueRows(ids.map((id) => byId.get(id)!).filter(Boolean)), { pagination: pagination(page, total) });
    },

    /** The member attaches a transfer screenshot (image only, at most 5 MB) to their offline hold. */
    async attachProof(userId: number, documentId: string, upload: UploadedFile | undefined) {
      const file = acceptImage(upload, { what: 'The payment proof', maxBytes: PROOF_MAX_BYTES, hint: 'a screenshot of the transfer' });
      const b = await bookings.findByDocumentId(documentId);
      if (!b || b.user_id !== userId) throw fail('NOT_FOUND', 'No such booking among yours.', { booking: documentId });
      assertOpenOfflineHold(b, documentId, clock.now());

      const [uploaded] = await strapi.plugin('upload').service('upload').upload({
        data: { fileInfo: { name: `offline-proof-${documentId}`, alternativeText: `offline payment proof of booking ${documentId}` } },
        files: file,
      });
      const attached = await queue.attachProof(b.id, { fileId: uploaded.id, url: uploaded.url, at: clock.now() });
      if (!attached) {
        // The hold moved on between the check and the write (verified, rejected or expired): drop the file.
        await strapi.plugin('upload').service('upload').remove(uploaded).catch(() => undefined);
        const now = (await bookings.findById(b.id))!;
        assertOpenOfflineHold(now, documentId, clock.now());
      }
      return booking().present((await bookings.findById(b.id))!);
    },

    async confirm(documentId: string, staffId: number, note: string | null) {
      const confirmed = await inTransaction(strapi, async (tx) => {
        const now = clock.now();
        const b = await bookings.findByDocumentId(documentId, { lock: true });
        assertOpenOfflineHold(b, documentId, now);
        const change = statusChange(b.status, 'confirmed', { staff: true });
        const moved = await bookings.transition(b.id, change, { offline_verified_by: staffId, offline_verified_at: now, offline_note: note });
        if (!moved) throw fail('INVALID_STATE', 'This booking changed while you were confirming it; please refresh.', {});
        const ref = { kind: 'booking', id: b.document_id };
        const actor = { type: 'staff' as const, id: staffId };
        // Money received outside WeChat enters the wallet and pays the booking at once: two ledger rows, same balance.
        await payments.wallet.credit({ userId: b.user_id, principalFen: b.total_fen, type: 'offline_receipt', ref, actor, note: note ?? 'offline payment verified', dedupeKey: `offline-receipt:${b.document_id}` });
        await payments.wallet.debit({ userId: b.user_id, amountFen: b.total_fen, type: 'booking_payment', ref, actor, note: 'paid offline' });
        await events.record(b.id, change.from, change.to, actor, note ? `offline payment verified: ${note}` : 'offline payment verified', now);
        await getBookingService(strapi, 'reminders').bookingNotice('booking_confirmed', b);
        await availability().touch(b.room_id);
        tx.afterCommit(() => availability().announce(b.room_id, seatChangesOf({ ...b, status: 'confirmed' })));
        return (await bookings.findById(b.id))!;
      });
      return reply(await booking().present(confirmed));
    },

    async reject(documentId: string, staffId: number, reason: string) {
      const rejected = await inTransaction(strapi, async (tx) => {
        const now = clock.now();
        const b = await bookings.findByDocumentId(documentId, { lock: true });
        assertOpenOfflineHold(b, documentId, now);
        const ended = await lifecycle().endHold(
          tx,
          b,
          statusChange(b.status, 'cancelled', { staff: true }),
          { cancelled_at: now, cancel_reason: reason, offline_verified_by: staffId, offline_verified_at: now, offline_note: reason },
          { type: 'staff', id: staffId },
          `offline payment rejected: ${reason}`,
          { releaseCoupon: 'payment_failed' },
        );
        if (!ended) throw fail('INVALID_STATE', 'This booking changed while you were rejecting it; please refresh.', {});
        return (await bookings.findById(b.id))!;
      });
      return reply(await booking().present(rejected));
    },
  };
};
