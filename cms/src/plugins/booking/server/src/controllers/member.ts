import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { uploadedFile } from '../../../../../platform/uploaded-images';
import { getBookingService } from '../services';
import {
  availabilityQuery,
  batchCancelBody,
  cancelBody,
  checkinBody,
  checkoutBody,
  createBookingBody,
  documentIdParam,
  idempotencyHeaders,
  listBookingsQuery,
  listRoomsQuery,
  quoteBody,
} from './validators';
import { respond } from '../../../../../platform/reply';

/** Member-facing actions: validate, call one service, respond with its reply. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const memberBookings = () => getBookingService(strapi, 'member-bookings');
  return {
    async listRooms(ctx) {
      const q = parseInput(listRoomsQuery, ctx.query);
      respond(ctx, await getBookingService(strapi, 'catalog').listRooms({ kind: q.kind, from: q.from, to: q.to, sort: q.sort }));
    },

    async getRoom(ctx) {
      const { id } = parseInput(documentIdParam, ctx.params);
      respond(ctx, await getBookingService(strapi, 'catalog').getRoom(id));
    },

    async availability(ctx) {
      const { id } = parseInput(documentIdParam, ctx.params);
      const { date } = parseInput(availabilityQuery, ctx.query);
      const { body, source } = await getBookingService(strapi, 'availability').forDay(id, date, ctx.state.user?.id ?? null);
      ctx.set('X-Availability-Source', source);
      // Prepared JSON bytes (services/prepared-day.ts): the envelope is already in them.
      ctx.type = 'application/json';
      if (body.length === 1) {
        ctx.body = body[0];
      } else {
        ctx.body = Readable.from(body, { objectMode: false });
        ctx.length = body.reduce((n, piece) => n + piece.length, 0);
      }
    },

    async quote(ctx) {
      const body = parseInput(quoteBody, ctx.request.body);
      respond(ctx, await memberBookings().quote({ userId: ctx.state.user.id, ...(body as any) }));
    },

    async create(ctx) {
      const body = parseInput(createBookingBody, ctx.request.body);
      const key = parseInput(idempotencyHeaders, { 'idempotency-key': ctx.request.header['idempotency-key'] })['idempotency-key'];
      respond(ctx, await memberBookings().create({ userId: ctx.state.user.id, member: ctx.state.user, ...(body as any), idempotencyKey: key ?? null }));
    },

    /** multipart/form-data with one image in `file` (what wx.uploadFile({ name: 'file' }) sends). */
    async offlineProof(ctx) {
      const { id } = parseInput(documentIdParam, ctx.params);
      respond(ctx, await memberBookings().offlineProof(ctx.state.user.id, id, uploadedFile(ctx.request)));
    },

    async list(ctx) {
      const q = parseInput(listBookingsQuery, ctx.query);
      respond(ctx, await memberBookings().list(ctx.state.user.id, { statuses: q.status, page: q.page, pageSize: q.pageSize }));
    },

    async detail(ctx) {
      const { id } = parseInput(documentIdParam, ctx.params);
      respond(ctx, await memberBookings().detail(ctx.state.user.id, id));
    },

    async payment(ctx) {
      const { id } = parseInput(documentIdParam, ctx.params);
      respond(ctx, await memberBookings().payment(ctx.state.user.id, id));
    },

    async cancel(ctx) {
      const { id } = parseInput(documentIdParam, ctx.params);
      const { reason } = parseInput(cancelBody, ctx.request.body);
      respond(ctx, await memberBookings().cancel(ctx.state.user.id, id, reason ?? null));
    },

    async cancelMany(ctx) {
      const body = parseInput(batchCancelBody, ctx.request.body);
      respond(ctx, await memberBookings().cancelMany(ctx.state.user.id, body.bookings, body.reason ?? null));
    },

    async qr(ctx) {
      const { id } = parseInput(documentIdParam, ctx.params);
      respond(ctx, await memberBookings().qr(ctx.state.user.id, id));
    },

    async checkin(ctx) {
      const body = parseInput(checkinBody, ctx.request.body);
      respond(ctx, await memberBookings().checkIn(ctx.state.user.id, { token: body.token, seatCode: body.seatCode }));
    },

    async checkout(ctx) {
      const { booking } = parseInput(checkoutBody, ctx.request.body);
      respond(ctx, await memberBookings().checkOut(ctx.state.user.id, booking));
    },
  };
};
