import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { getBookingService } from '../services';
import { tagBody, tagParam } from './tags-validators';

/** 标签 Tags page: tags with their member counts and rules. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = () => getBookingService(strapi, 'tag-rules');
  return {
    async list(ctx: any) {
      ctx.body = { data: await svc().list(), meta: {} };
    },
    async create(ctx: any) {
      const form = parseInput(tagBody, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await svc().create(form), meta: {} };
    },
    async update(ctx: any) {
      const { id } = parseInput(tagParam, ctx.params);
      const form = parseInput(tagBody, ctx.request.body);
      ctx.body = { data: await svc().update(id, form), meta: {} };
    },
    /** Evaluates the rules now (the job does it hourly), once per cluster. */
    async apply(ctx: any) {
      ctx.body = { data: await svc().applyAll(), meta: {} };
    },
  };
};
