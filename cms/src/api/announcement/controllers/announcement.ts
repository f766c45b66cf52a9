import { z } from 'zod';
import { parseInput } from '../../../platform/validation';
import { respond } from '../../../platform/reply';
import { getAppService } from '../../accessor';

export const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const idParam = z.object({ id: z.string().min(1).max(64) });

const service = () => getAppService(strapi, 'announcement');

export default {
  async visible(ctx) {
    const q = parseInput(listQuery, ctx.query);
    respond(ctx, await service().visibleTo(ctx.state.user.id, q));
  },
  async visibleOne(ctx) {
    const { id } = parseInput(idParam, ctx.params);
    respond(ctx, await service().visibleOne(ctx.state.user.id, id));
  },
};
