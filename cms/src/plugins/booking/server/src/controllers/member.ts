import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { clock } from '../../../../../platform/clock';
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

const TWO_HOURS = 2 * 3600 * 1000;

const pagination = (page: number, pageSize: number, total: number) => ({ page, pageSize, pageCount: Math.ceil(total / pageSize), total });

/** Member-facing actions: validate, call one service, shape the reply. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async listRooms(ctx) {
    const q = parseInput(listRoomsQuery, ctx.query);
    const from = q.from ?? clock.now();
    const to = q.to ?? new Date(from.getTime() + TWO_HOURS);
    const data = await getBookingService(strapi, 'catalog').listRooms({ kind: q.kind, from, to, sort: q.sort });
    ctx.body = { data, meta: { window: { from: from.toISOString(), to: to.toISOString() } } };
  },

  async getRoom(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    ctx.body = { data: await getBookingService(strapi, 'catalog').getRoom(id), meta: {} };
  },

  async availability(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    const { date } = parseInput(availabilityQuery, ctx.query);
    const { body, source } = await getBookingService(strapi, 'availability').forDay(id, date, ctx.state.user?.id ?? null);
    ctx.set('X-Availability-Source', source);
    // Prepared JSON bytes (services/prepared-day.ts): the envelope is already in them.
    ctx.type = 'application/json';
    ctx.body = body;
  },

  async quote(ctx) {
    const body = parseInput(quoteBody, ctx.request.body);
    ctx.body = { data: await getBookingService(strapi, 'bookings').quote({ userId: ctx.state.user.id, ...(body as any) }), meta: {} };
  },

  async create(ctx) {
    const body = parseInput(createBookingBody, ctx.request.body);
    const key = parseInput(idempotencyHeaders, { 'idempotency-key': ctx.request.header['idempotency-key'] })['idempotency-key'];
    const result = await getBookingService(strapi, 'bookings').create({ userId: ctx.state.user.id, member: ctx.state.user, ...(body as any), idempotencyKey: key ?? null });
    ctx.status = (result as any).replayed ? 200 : 201;
    if ((result as any).replayed) ctx.set('Idempotent-Replayed', 'true');
    ctx.body = { data: { ...result.booking, ...(result.payment ? { payment: result.payment } : {}) }, meta: {} };
  },

  /** multipart/form-data with one image in `file` (what wx.uploadFile({ name: 'file' }) sends). */
  async offlineProof(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    const files = (ctx.request as any).files ?? {};
    const file = Array.isArray(files.file) ? files.file[0] : files.file;
    ctx.body = { data: await getBookingService(strapi, 'offline-payments').attachProof(ctx.state.user.id, id, file), meta: {} };
  },

  async list(ctx) {
    const q = parseInput(listBookingsQuery, ctx.query);
    const { data, total } = await getBookingService(strapi, 'bookings').listMine(ctx.state.user.id, { statuses: q.status, page: q.page, pageSize: q.pageSize });
    ctx.body = { data, meta: { pagination: pagination(q.page, q.pageSize, total) } };
  },

  async detail(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    ctx.body = { data: await getBookingService(strapi, 'bookings').detail(ctx.state.user.id, id), meta: {} };
  },

  async payment(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    const { booking, payment } = await getBookingService(strapi, 'bookings').paymentFor(ctx.state.user.id, id);
    ctx.body = { data: { ...booking, payment }, meta: {} };
  },

  async cancel(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    const { reason } = parseInput(cancelBody, ctx.request.body);
    const b = await getBookingService(strapi, 'cancellation').cancel({ documentId: id, userId: ctx.state.user.id, actor: { type: 'member', id: ctx.state.user.id }, reason });
    ctx.body = { data: await getBookingService(strapi, 'bookings').present(b), meta: {} };
  },

  async cancelMany(ctx) {
    const body = parseInput(batchCancelBody, ctx.request.body);
    const outcomes = await getBookingService(strapi, 'cancellation').cancelMany(ctx.state.user.id, body.bookings, body.reason ?? null);
    const data = [];
    for (const o of outcomes) data.push(o.ok ? { id: o.id, ok: true, booking: await getBookingService(strapi, 'bookings').present(o.booking) } : o);
    ctx.body = { data, meta: { cancelled: outcomes.filter((o) => o.ok).length, failed: outcomes.filter((o) => !o.ok).length } };
  },

  async qr(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    ctx.body = { data: await getBookingService(strapi, 'check-in').issueQr(ctx.state.user.id, id), meta: {} };
  },

  async checkin(ctx) {
    const body = parseInput(checkinBody, ctx.request.body);
    const service = getBookingService(strapi, 'check-in');
    const b = body.token ? await service.checkInWithToken(body.token, { userId: ctx.state.user.id }) : await service.checkInWithSeatCode(body.seatCode!, ctx.state.user.id);
    ctx.body = { data: await getBookingService(strapi, 'bookings').present(b), meta: {} };
  },

  async checkout(ctx) {
    const { booking } = parseInput(checkoutBody, ctx.request.body);
    const b = await getBookingService(strapi, 'check-in').checkOut(ctx.state.user.id, booking);
    ctx.body = { data: await getBookingService(strapi, 'bookings').present(b), meta: {} };
  },
});
