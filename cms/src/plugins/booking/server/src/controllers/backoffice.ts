import type { Core } from '@strapi/strapi';
import { exportRangeQuery, sendCsv } from '../../../../../platform/csv-export';
import { parseInput } from '../../../../../platform/validation';
import { getBookingService } from '../services';
import { boardQuery, documentIdParam, offlineConfirmBody, offlineListQuery, offlineRejectBody } from './validators';
import { pagination } from '../../../../../platform/pagination';

/** The back-office pages' routes: dashboard, board, offline-payment queue, bookings export. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async dashboard(ctx) {
    ctx.body = { data: await getBookingService(strapi, 'dashboard').overview(), meta: {} };
  },

  async dashboardCharts(ctx) {
    ctx.body = { data: await getBookingService(strapi, 'dashboard').charts(), meta: {} };
  },

  async board(ctx) {
    const q = parseInput(boardQuery, ctx.query);
    ctx.body = { data: await getBookingService(strapi, 'board').forRoomDay(q), meta: {} };
  },

  async offlineList(ctx) {
    const q = parseInput(offlineListQuery, ctx.query);
    const { data, total } = await getBookingService(strapi, 'offline-payments').list(q.status, q.page, q.pageSize);
    ctx.body = { data, meta: { pagination: pagination(q, total) } };
  },

  async offlineConfirm(ctx) {
    const { id } = parseInput(documentIdParam, { id: ctx.params.bookingId });
    const body = parseInput(offlineConfirmBody, ctx.request.body);
    ctx.body = { data: await getBookingService(strapi, 'offline-payments').confirm(id, ctx.state.user.id, body.note ?? null), meta: {} };
  },

  async offlineReject(ctx) {
    const { id } = parseInput(documentIdParam, { id: ctx.params.bookingId });
    const body = parseInput(offlineRejectBody, ctx.request.body);
    ctx.body = { data: await getBookingService(strapi, 'offline-payments').reject(id, ctx.state.user.id, body.reason), meta: {} };
  },

  async exportBookings(ctx) {
    sendCsv(ctx, await getBookingService(strapi, 'exports').bookings(parseInput(exportRangeQuery, ctx.query)));
  },
});
