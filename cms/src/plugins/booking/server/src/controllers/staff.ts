import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { fail } from '../../../../../platform/errors';
import { ADMIN_ACTIONS } from '../permissions';
import { getBookingService } from '../services';
import { documentIdParam, staffCancelBody, staffCheckinBody, staffListQuery, staffMoveBody } from './validators';
import { pagination } from '../../../../../platform/pagination';

/** Staff actions (admin panel users; permissions from admin roles). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx) {
    const q = parseInput(staffListQuery, ctx.query);
    const { data, total } = await getBookingService(strapi, 'staff').list({ statuses: q.status, room: q.room, userId: q.member, from: q.from, to: q.to, page: q.page, pageSize: q.pageSize });
    ctx.body = { data, meta: { pagination: pagination(q, total) } };
  },

  async detail(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    ctx.body = { data: await getBookingService(strapi, 'staff').detail(id), meta: {} };
  },

  async cancel(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    const body = parseInput(staffCancelBody, ctx.request.body);
    if (body.waiveFee && !ctx.state.userAbility?.can(ADMIN_ACTIONS.waiveFee)) {
      throw fail('FORBIDDEN', 'Only a store manager can cancel without the fee; cancel with the fee or ask the manager.', { action: ADMIN_ACTIONS.waiveFee });
    }
    const b = await getBookingService(strapi, 'cancellation').cancel({ documentId: id, userId: null, actor: { type: 'staff', id: ctx.state.user.id }, reason: body.reason, waiveFee: body.waiveFee });
    ctx.body = { data: await getBookingService(strapi, 'bookings').present(b), meta: {} };
  },

  async move(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    const body = parseInput(staffMoveBody, ctx.request.body);
    ctx.body = { data: await getBookingService(strapi, 'staff').move(id, body.seat, ctx.state.user.id, body.reason ?? null), meta: {} };
  },

  async checkin(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    const b = await getBookingService(strapi, 'check-in').checkInByStaff(id, ctx.state.user.id);
    ctx.body = { data: await getBookingService(strapi, 'bookings').present(b), meta: {} };
  },

  async scan(ctx) {
    const { token } = parseInput(staffCheckinBody, ctx.request.body);
    const b = await getBookingService(strapi, 'check-in').checkInWithToken(token, { staffId: ctx.state.user.id });
    ctx.body = { data: await getBookingService(strapi, 'bookings').present(b), meta: {} };
  },
});
