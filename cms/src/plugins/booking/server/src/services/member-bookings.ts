import type { Core } from '@strapi/strapi';
import { pagination, type Page } from '../../../../../platform/pagination';
import { reply } from '../../../../../platform/reply';
import { getBookingService } from './accessor';
import type { BookingRequest } from './bookings';
import type { UploadedFile } from '../../../../../platform/uploaded-images';

/**
 * The member's booking actions as the API answers them: each runs its use case (bookings, cancellation,
 * check-in) and shapes the finished reply, so the member controller only validates and responds.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const bookings = () => getBookingService(strapi, 'bookings');
  const cancellation = () => getBookingService(strapi, 'cancellation');
  const checkIn = () => getBookingService(strapi, 'check-in');

  return {
    async quote(req: Pick<BookingRequest, 'userId' | 'seat' | 'start' | 'end' | 'coupon'>) {
      return reply(await bookings().quote(req));
    },

    /** 201 with the new booking (and WeChat payment parameters); 200 with the first one for a replayed key. */
    async create(req: BookingRequest) {
      const result = await bookings().create(req);
      const data = { ...result.booking, ...(result.payment ? { payment: result.payment } : {}) };
      return result.replayed ? reply(data, {}, { status: 200, headers: { 'Idempotent-Replayed': 'true' } }) : reply(data, {}, { status: 201 });
    },

    async list(userId: number, filter: Page & { statuses?: string[] }) {
      const { data, total } = await bookings().listMine(userId, filter);
      return reply(data, { pagination: pagination(filter, total) });
    },

    async detail(userId: number, documentId: string) {
      return reply(await bookings().detail(userId, documentId));
    },

    async payment(userId: number, documentId: string) {
      const { booking, payment } = await bookings().paymentFor(userId, documentId);
      return reply({ ...booking, payment });
    },

    async cancel(userId: number, documentId: string, reason: string | null) {
      const b = await cancellation().cancel({ documentId, userId, actor: { type: 'member', id: userId }, reason });
      return reply(await bookings().present(b));
    },

    /** Each booking is cancelled on its own; the reply lists every outcome. */
    async cancelMany(userId: number, documentIds: string[], reason: string | null) {
      const outcomes = await cancellation().cancelMany(userId, documentIds, reason);
      const data = [];
      for (const o of outcomes) data.push(o.ok ? { id: o.id, ok: true, booking: await bookings().present(o.booking) } : o);
      return reply(data, { cancelled: outcomes.filter((o) => o.ok).length, failed: outcomes.filter((o) => !o.ok).length });
    },

    async qr(userId: number, documentId: string) {
      return reply(await checkIn().issueQr(userId, documentId));
    },

    /** By the member's own QR token, or by the code printed on the seat. */
    async checkIn(userId: number, by: { token?: string; seatCode?: string }) {
      const b = by.token ? await checkIn().checkInWithToken(by.token, { userId }) : await checkIn().checkInWithSeatCode(by.seatCode!, userId);
      return reply(await bookings().present(b));
    },

    async checkOut(userId: number, documentId: string) {
      return reply(await bookings().present(await checkIn().checkOut(userId, documentId)));
    },

    /** multipart/form-data with one image in `file` (what wx.uploadFile({ name: 'file' }) sends). */
    async offlineProof(userId: number, documentId: string, file: UploadedFile | undefined) {
      return reply(await getBookingService(strapi, 'offline-payments').attachProof(userId, documentId, file));
    },
  };
};
