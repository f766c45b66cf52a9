import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { getBookingService } from '../services';
import { respond } from '../../../../../platform/reply';
import { documentIdParam, joinWaitlistBody, staffWaitlistQuery, staffWaitlistRemoveBody } from './validators';

/** The waiting list, for members (their own entries) and for staff (every line): validate, call the waitlist service, reply. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async join(ctx) {
    const body = parseInput(joinWaitlistBody, ctx.request.body);
    respond(ctx, await getBookingService(strapi, 'waitlist').join({ userId: ctx.state.user.id, ...(body as { room: string; seat?: string; start: Date; end: Date }) }));
  },

  async listMine(ctx) {
    respond(ctx, await getBookingService(strapi, 'waitlist').listMine(ctx.state.user.id));
  },

  async leave(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    respond(ctx, await getBookingService(strapi, 'waitlist').leave(ctx.state.user.id, id));
  },

  async staffList(ctx) {
    respond(ctx, await getBookingService(strapi, 'waitlist').staffList(parseInput(staffWaitlistQuery, ctx.query)));
  },

  async staffRemove(ctx) {
    const { id } = parseInput(documentIdParam, ctx.params);
    const { reason } = parseInput(staffWaitlistRemoveBody, ctx.request.body);
    respond(ctx, await getBookingService(strapi, 'waitlist').staffRemove(id, ctx.state.user.id, reason));
  },
});
