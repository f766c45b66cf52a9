import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { fail } from '../../../../../platform/errors';
import { respond } from '../../../../../platform/reply';
import { ADMIN_ACTIONS } from '../permissions';
import { getBookingService } from '../services';
import { documentIdParam, staffCancelBody, staffCheckinBody, staffListQuery, staffMoveBody } from './validators';

/** Staff actions (admin panel users; permissions from admin roles): validate, call the staff service, respond. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const staff = () => getBookingService(strapi, 'staff');
  return {
    async list(ctx) {
      const q = parseInput(staffListQuery, ctx.query);
      respond(ctx, await staff().list({ statuses: q.status, room: q.room, userId: q.member, from: q.from, to: q.to, page: q.page, pageSize: q.pageSize }));
    },

    async detail(ctx) {
      const { id } = parseInput(documentIdParam, ctx.params);
      respond(ctx, await staff().detail(id));
    },

    async cancel(ctx) {
      const { id } = parseInput(documentIdParam, ctx.params);
      const body = parseInput(staffCancelBody, ctx.request.body);
      if (body.waiveFee && !ctx.state.userAbility?.can(ADMIN_ACTIONS.waiveFee)) {
        throw fail('FORBIDDEN', 'Only a store manager can cancel without the fee; cancel with the fee or ask the manager.', { action: ADMIN_ACTIONS.waiveFee });
      }
      respond(ctx, await staff().cancel(id, ctx.state.user.id, { reason: body.reason, waiveFee: body.waiveFee }));
    },

    async move(ctx) {
      const { id } = parseInput(documentIdParam, ctx.params);
      const body = parseInput(staffMoveBody, ctx.request.body);
      respond(ctx, await staff().move(id, body.seat, ctx.state.user.id, body.reason ?? null));
    },

    async checkin(ctx) {
      const { id } = parseInput(documentIdParam, ctx.params);
      respond(ctx, await staff().checkIn(id, ctx.state.user.id));
    },

    async scan(ctx) {
      const { token } = parseInput(staffCheckinBody, ctx.request.body);
      respond(ctx, await staff().scan(token, ctx.state.user.id));
    },
  };
};
