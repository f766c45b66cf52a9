import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { respond } from '../../../../../platform/reply';
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

/** Staff: members, bans, tags, appeals and batches (admin panel; permissions in permissions.ts): validate, call one service, respond. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const members = () => getBookingService(strapi, 'members');
  const batches = () => getBookingService(strapi, 'member-batches');
  const staffId = (ctx: any) => Number(ctx.state.user.id);

  return {
    async search(ctx) {
      const { page, pageSize, ...filter } = parseInput(memberSearchQuery, ctx.query);
      respond(ctx, await members().search(filter, { page, pageSize }));
    },

    async detail(ctx) {
      const { id } = parseInput(memberIdParam, ctx.params);
      respond(ctx, await members().detail(id));
    },

    async violations(ctx) {
      const { id } = parseInput(memberIdParam, ctx.params);
      respond(ctx, await members().violations(id, parseInput(pagingQuery, ctx.query)));
    },

    async banHistory(ctx) {
      const { id } = parseInput(memberIdParam, ctx.params);
      respond(ctx, await members().listBanHistory(id, parseInput(pagingQuery, ctx.query)));
    },

    async ban(ctx) {
      const { id } = parseInput(memberIdParam, ctx.params);
      const body = parseInput(banBody, ctx.request.body);
      respond(ctx, await members().ban({ userId: id, until: body.until, reason: body.reason, staffId: staffId(ctx) }));
    },

    async lift(ctx) {
      const { id } = parseInput(memberIdParam, ctx.params);
      const body = parseInput(liftBody, ctx.request.body);
      respond(ctx, await members().lift({ userId: id, reason: body.reason, staffId: staffId(ctx) }));
    },

    async tags(ctx) {
      respond(ctx, await members().tags());
    },

    async addTag(ctx) {
      const { id } = parseInput(memberIdParam, ctx.params);
      const body = parseInput(addTagBody, ctx.request.body);
      respond(ctx, await members().addTag({ userId: id, tag: body.tag, expiresAt: body.expiresAt ?? null, note: body.note ?? null }));
    },

    async removeTag(ctx) {
      const { id, tag } = parseInput(memberTagParam, ctx.params);
      respond(ctx, await members().removeTag({ userId: id, tag }));
    },

    async appeals(ctx) {
      const { status, page, pageSize } = parseInput(appealsQuery, ctx.query);
      respond(ctx, await members().appealsQueue({ status }, { page, pageSize }));
    },

    async acceptAppeal(ctx) {
      const { id } = parseInput(appealIdParam, ctx.params);
      const body = parseInput(acceptAppealBody, ctx.request.body);
      respond(ctx, await members().acceptAppeal({ appealId: id, staffId: staffId(ctx), note: body.note ?? null }));
    },

    async rejectAppeal(ctx) {
      const { id } = parseInput(appealIdParam, ctx.params);
      const body = parseInput(rejectAppealBody, ctx.request.body);
      respond(ctx, await members().rejectAppeal({ appealId: id, staffId: staffId(ctx), reason: body.reason }));
    },

    async createBatch(ctx) {
      const body = parseInput(createBatchBody, ctx.request.body);
      respond(ctx, await batches().start({ action: body.action as any, selection: body.selection as any, staffId: staffId(ctx) }));
    },

    async listBatches(ctx) {
      respond(ctx, await batches().list(parseInput(pagingQuery, ctx.query)));
    },

    async batchProgress(ctx) {
      const { id } = parseInput(batchIdParam, ctx.params);
      respond(ctx, await batches().report(id, parseInput(pagingQuery, ctx.query)));
    },
  };
};
