import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { clock } from '../../../../../platform/clock';
import { getBookingService } from '../services';
import { documentIdParam, listRoomsQuery } from './validators';

const TWO_HOURS = 2 * 3600 * 1000;

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
});
