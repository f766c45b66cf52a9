import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { getBookingService } from '../services';
import { closuresBody, layoutBody, roomBody, roomIdParam } from './room-setup-validators';

/** Staff: rooms, closures and seat layouts (admin panel; permissions in permissions.ts). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const setup = () => getBookingService(strapi, 'room-setup');

  return {
    async list(ctx) {
      ctx.body = { data: await setup().listRooms(), meta: {} };
    },

    async detail(ctx) {
      const { id } = parseInput(roomIdParam, ctx.params);
      ctx.body = { data: await setup().getRoom(id), meta: {} };
    },

    async update(ctx) {
      const { id } = parseInput(roomIdParam, ctx.params);
      const { cancelAffected, ...settings } = parseInput(roomBody, ctx.request.body);
      const { room, cancelled } = await setup().updateRoom(id, settings, Number(ctx.state.user.id), cancelAffected ?? null);
      ctx.body = { data: room, meta: { cancelled } };
    },

    async closureImpact(ctx) {
      const { id } = parseInput(roomIdParam, ctx.params);
      const { closures } = parseInput(closuresBody, ctx.request.body);
      ctx.body = { data: await setup().closureImpact(id, closures), meta: {} };
    },

    async saveLayout(ctx) {
      const { id } = parseInput(roomIdParam, ctx.params);
      ctx.body = { data: await setup().saveLayout(id, parseInput(layoutBody, ctx.request.body)), meta: {} };
    },
  };
};
