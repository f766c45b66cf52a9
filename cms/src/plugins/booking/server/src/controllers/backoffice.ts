import type { Core } from '@strapi/strapi';
import { exportRangeQuery, sendCsv } from '../../../../../platform/csv-export';
import { parseInput } from '../../../../../platform/validation';
import { respond } from '../../../../../platform/reply';
import { getBookingService } from '../services';
import { boardQuery, documentIdParam, offlineConfirmBody, offlineListQuery, offlineRejectBody } from './validators';

/** The back-office pages' routes: dashboard, board, offline-payment queue, bookings export. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async dashboard(ctx) {
    respond(ctx, await getBookingService(strapi, 'dashboard').overview());
  },

  async dashboardCharts(ctx) {
    respond(ctx, await getBookingService(strapi, 'dashboard').charts());
  },

  async board(ctx) {
    const q = parseInput(boardQuery, ctx.query);
    respond(ctx, await getBookingService(strapi, 'board').forRoomDay(q));
  },

  async offlineList(ctx) {
    const q = parseInput(offlineListQuery, ctx.query);
    respond(ctx, await getBookingService(strapi, 'offline-payments').list(q.status, q));
  },

  async offlineConfirm(ctx) {
    const { id } = parseInput(documentIdParam, { id: ctx.params.bookingId });
    const body = parseInput(offlineConfirmBody, ctx.request.body);
    respond(ctx, await getBookingService(strapi, 'offline-payments').confirm(id, ctx.state.user.id, body.note ?? null));
  },

  async offlineReject(ctx) {
    const { id } = parseInput(documentIdParam, { id: ctx.params.bookingId });
    const body = parseInput(offlineRejectBody, ctx.request.body);
    respond(ctx, await getBookingService(strapi, 'offline-payments').reject(id, ctx.state.user.id, body.reason));
  },

  async exportBookings(ctx) {
    sendCsv(ctx, await getBookingService(strapi, 'exports').bookings(parseInput(exportRangeQuery, ctx.query)));
  },
});
