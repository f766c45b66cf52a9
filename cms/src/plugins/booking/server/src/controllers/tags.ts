import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { respond } from '../../../../../platform/reply';
import { getBookingService } from '../services';
import { tagBody, tagParam } from './tags-validators';

/** 标签 Tags page: tags with their member counts and rules. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = () => getBookingService(strapi, 'tag-rules');
  return {
    async list(ctx: any) {
      respond(ctx, await svc().list());
    },
    async create(ctx: any) {
      const form = parseInput(tagBody, ctx.request.body);
      respond(ctx, await svc().create(form));
    },
    async update(ctx: any) {
      const { id } = parseInput(tagParam, ctx.params);
      const form = parseInput(tagBody, ctx.request.body);
      respond(ctx, await svc().update(id, form));
    },
    /** Evaluates the rules now (the job does it hourly), once per cluster. */
    async apply(ctx: any) {
      respond(ctx, await svc().applyNow());
    },
  };
};
