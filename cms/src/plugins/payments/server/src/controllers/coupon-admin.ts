import { parseInput } from '../../../../../platform/validation';
import { getPaymentsService } from '../services';
import { audienceBody, audienceQuery, couponTemplateBody, templateListQuery, templateParam } from './coupon-admin-validators';

/** 优惠券 Coupons pages: templates, hand-outs, analytics (admin JWT, RBAC per route). */
export default ({ strapi }: { strapi: any }) => {
  const svc = () => getPaymentsService(strapi, 'coupon-admin');
  const audienceOf = (b: { members?: number[]; tag?: string }) => (b.tag ? { tag: b.tag } : { members: b.members! });

  return {
    async list(ctx: any) {
      const q = parseInput(templateListQuery, ctx.query);
      const { data, pagination } = await svc().list({ q: q.q, active: q.active }, q);
      ctx.body = { data, meta: { pagination } };
    },

    async get(ctx: any) {
      const { id } = parseInput(templateParam, ctx.params);
      ctx.body = { data: await svc().get(id), meta: {} };
    },

    async create(ctx: any) {
      const form = parseInput(couponTemplateBody, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await svc().create(form), meta: {} };
    },

    async update(ctx: any) {
      const { id } = parseInput(templateParam, ctx.params);
      const form = parseInput(couponTemplateBody, ctx.request.body);
      ctx.body = { data: await svc().update(id, form), meta: {} };
    },

    async audience(ctx: any) {
      const { id } = parseInput(templateParam, ctx.params);
      const q = parseInput(audienceQuery, ctx.query);
      ctx.body = { data: await svc().audience(id, audienceOf(q)), meta: {} };
    },

    async distribute(ctx: any) {
      const { id } = parseInput(templateParam, ctx.params);
      const body = parseInput(audienceBody, ctx.request.body);
      const data = await svc().distribute(id, audienceOf(body), ctx.state.user.id);
      ctx.status = data.mode === 'batch' ? 202 : 201;
      ctx.body = { data, meta: {} };
    },

    async analytics(ctx: any) {
      const { id } = parseInput(templateParam, ctx.params);
      ctx.body = { data: await svc().analytics(id), meta: {} };
    },
  };
};
