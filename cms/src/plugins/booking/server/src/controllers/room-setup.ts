import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { respond } from '../../../../../platform/reply';
import { getBookingService } from '../services';
import { closuresBody, layoutBody, roomBody, roomIdParam } from './room-setup-validators';

/** Staff: rooms, closures and seat layouts (admin panel; permissions in permissions.ts). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const setup = () => getBookingService(strapi, 'room-setup');

  return {
    async list(ctx) {
      respond(ctx, await setup().listRooms());
    },

    async detail(ctx) {
      const { id } = parseInput(roomIdParam, ctx.params);
      respond(ctx, await setup().getRoom(id));
    },

    async update(ctx) {
      const { id } = parseInput(roomIdParam, ctx.params);
      const { cancelAffected, ...settings } = parseInput(roomBody, ctx.request.body);
      respond(ctx, await setup().updateRoom(id, settings, Number(ctx.state.user.id), cancelAffected ?? null));
    },

    async closureImpact(ctx) {
      const { id } = parseInput(roomIdParam, ctx.params);
      const { closures } = parseInput(closuresBody, ctx.request.body);
      respond(ctx, await setup().closureImpact(id, closures));
    },

    async saveLayout(ctx) {
      const { id } = parseInput(roomIdParam, ctx.params);
      respond(ctx, await setup().saveLayout(id, parseInput(layoutBody, ctx.request.body)));
    },
  };
};
