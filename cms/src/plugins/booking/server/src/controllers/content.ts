import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { respond } from '../../../../../platform/reply';
import { getBookingService } from '../services';
import { announcementBody, announcementListQuery, parametersBody } from './content-validators';
import { documentIdParam } from './validators';

/** The content editor's announcements page and the manager's parameters page. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const announcements = () => getBookingService(strapi, 'announcements');
  const id = (ctx: any) => parseInput(documentIdParam, ctx.params).id;
  return {
    async announcementList(ctx) {
      const q = parseInput(announcementListQuery, ctx.query);
      respond(ctx, await announcements().list(q as any));
    },
    async announcementAudiences(ctx) {
      respond(ctx, await announcements().audiences());
    },
    async announcementDetail(ctx) {
      respond(ctx, await announcements().detail(id(ctx)));
    },
    async announcementCreate(ctx) {
      const body = parseInput(announcementBody, ctx.request.body);
      respond(ctx, await announcements().createDraft(body));
    },
    async announcementUpdate(ctx) {
      const body = parseInput(announcementBody, ctx.request.body);
      respond(ctx, await announcements().update(id(ctx), body));
    },
    async announcementSchedule(ctx) {
      respond(ctx, await announcements().schedule(id(ctx)));
    },
    async announcementPublish(ctx) {
      respond(ctx, await announcements().publishNow(id(ctx)));
    },
    async announcementUnpublish(ctx) {
      respond(ctx, await announcements().unpublish(id(ctx)));
    },
    async announcementDelete(ctx) {
      respond(ctx, await announcements().remove(id(ctx)));
    },
    async parametersRead(ctx) {
      respond(ctx, await getBookingService(strapi, 'parameters').read());
    },
    async parametersSave(ctx) {
      const body = parseInput(parametersBody, ctx.request.body);
      respond(ctx, await getBookingService(strapi, 'parameters').save(body));
    },
  };
};
