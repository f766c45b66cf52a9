import { parseInput } from '../../../../../platform/validation';
import { respond } from '../../../../../platform/reply';
import { getPaymentsService } from '../services';
import { audienceBody, audienceQuery, couponTemplateBody, templateListQuery, templateParam } from './coupon-admin-validators';

/** 优惠券 Coupons pages: templates, hand-outs, analytics (admin JWT, RBAC per route): validate, call the coupon-admin service, respond. */
export default ({ strapi }: { strapi: any }) => {
  const svc = () => getPaymentsService(strapi, 'coupon-admin');
  const audienceOf = (b: { members?: number[]; tag?: string }) => (b.tag ? { tag: b.tag } : { members: b.members! });

  return {
    async list(ctx: any) {
      const q = parseInput(templateListQuery, ctx.query);
      respond(ctx, await svc().list({ q: q.q, active: q.active }, q));
    },

    async get(ctx: any) {
      const { id } = parseInput(templateParam, ctx.params);
      respond(ctx, await svc().get(id));
    },

    async create(ctx: any) {
      const form = parseInput(couponTemplateBody, ctx.request.body);
      respond(ctx, await svc().create(form));
    },

    async update(ctx: any) {
      const { id } = parseInput(templateParam, ctx.params);
      const form = parseInput(couponTemplateBody, ctx.request.body);
      respond(ctx, await svc().update(id, form));
    },

    async audience(ctx: any) {
      const { id } = parseInput(templateParam, ctx.params);
      const q = parseInput(audienceQuery, ctx.query);
      respond(ctx, await svc().audience(id, audienceOf(q)));
    },

    async distribute(ctx: any) {
      const { id } = parseInput(templateParam, ctx.params);
      const body = parseInput(audienceBody, ctx.request.body);
      respond(ctx, await svc().distribute(id, audienceOf(body), ctx.state.user.id));
    },

    async analytics(ctx: any) {
      const { id } = parseInput(templateParam, ctx.params);
      respond(ctx, await svc().analytics(id));
    },
  };
};
