import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { getBookingService } from '../services';
import {
  acceptAppealBody,
  addTagBody,
  appealIdParam,
  appealsQuery,
  banBody,
  batchIdParam,
  createBatchBody,
  liftBody,
  memberIdParam,
  memberSearchQuery,
  memberTagParam,
  pagingQuery,
  rejectAppealBody,
} from './members-validators';

/** Staff: members, bans, tags, appeals and batches (admin panel; permissions in permissions.ts). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const members = () => getBookingService(strapi, 'members');
  const batches = () => getBookingService(strapi, 'member-batches');
  const staffId = (ctx: any) => Number(ctx.state.user.id);

  return {
    async search(ctx) {
      const { page, pageSize, ...filter } = parseInput(memberSearchQuery, ctx.query);
      const { data, pagination } = await members().search(filter, { page, pageSize });
      ctx.body = { data, meta: { pagination } };
    },

    async detail(ctx) {
      const { id } = parseInput(memberIdParam, ctx.params);
      ctx.body = { data: await members().detail(id), meta: {} };
    },

    async violations(ctx) {
      const { id } = parseInput(memberIdParam, ctx.params);
      const { data, pagination } = await members().violations(id, parseInput(pagingQuery, ctx.query));
      ctx.body = { data, meta: { pagination } };
    },

    async banHistory(ctx) {
      const { id } = parseInput(memberIdParam, ctx.params);
      const { data, pagination } = await members().banHistory(id, parseInput(pagingQuery, ctx.query));
      ctx.body = { data, meta: { pagination } };
    },

    async ban(ctx) {
      const { id } = parseInput(memberIdParam, ctx.params);
      const body = parseInput(banBody, ctx.request.body);
      ctx.body = { data: await members().ban({ userId: id, until: body.until, reason: body.reason, staffId: staffId(ctx) }), meta: {} };
    },

    async lift(ctx) {
      const { id } = parseInput(memberIdParam, ctx.params);
      const body = parseInput(liftBody, ctx.request.body);
      ctx.body = { data: await members().lift({ userId: id, reason: body.reason, staffId: staffId(ctx) }), meta: {} };
    },

    async tags(ctx) {
      ctx.body = { data: await members().tags(), meta: {} };
    },

    async addTag(ctx) {
      const { id } = parseInput(memberIdParam, ctx.params);
      const body = parseInput(addTagBody, ctx.request.body);
      ctx.body = { data: await members().addTag({ userId: id, tag: body.tag, expiresAt: body.expiresAt ?? null, note: body.note ?? null }), meta: {} };
    },

    async removeTag(ctx) {
      const { id, tag } = parseInput(memberTagParam, ctx.params);
      ctx.body = { data: await members().removeTag({ userId: id, tag }), meta: {} };
    },

    async appeals(ctx) {
      const { status, page, pageSize } = parseInput(appealsQuery, ctx.query);
      const { data, pagination } = await members().appealsQueue({ status }, { page, pageSize });
      ctx.body = { data, meta: { pagination } };
    },

    async acceptAppeal(ctx) {
      const { id } = parseInput(appealIdParam, ctx.params);
      const body = parseInput(acceptAppealBody, ctx.request.body);
      ctx.body = { data: await members().acceptAppeal({ appealId: id, staffId: staffId(ctx), note: body.note ?? null }), meta: {} };
    },

    async rejectAppeal(ctx) {
      const { id } = parseInput(appealIdParam, ctx.params);
      const body = parseInput(rejectAppealBody, ctx.request.body);
      ctx.body = { data: await members().rejectAppeal({ appealId: id, staffId: staffId(ctx), reason: body.reason }), meta: {} };
    },

    async createBatch(ctx) {
      const body = parseInput(createBatchBody, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await batches().create({ action: body.action as any, selection: body.selection as any, staffId: staffId(ctx) }), meta: {} };
    },

    async listBatches(ctx) {
      const { data, pagination } = await batches().list(parseInput(pagingQuery, ctx.query));
      ctx.body = { data, meta: { pagination } };
    },

    async batchProgress(ctx) {
      const { id } = parseInput(batchIdParam, ctx.params);
      ctx.body = { data: await batches().progress(id, parseInput(pagingQuery, ctx.query)), meta: {} };
    },
  };
};
