import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../../../platform/validation';
import { getBookingService } from '../services';
import { announcementBody, announcementListQuery, parametersBody } from './content-validators';
import { documentIdParam } from './validators';
import { pagination } from '../../../../../platform/pagination';

/** The content editor's announcements page and the manager's parameters page. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const announcements = () => getBookingService(strapi, 'announcements');
  const id = (ctx: any) => parseInput(documentIdParam, ctx.params).id;
  return {
    async announcementList(ctx) {
      const q = parseInput(announcementListQuery, ctx.query);
      const { data, total, counts } = await announcements().list(q as any);
      ctx.body = { data, meta: { pagination: pagination(q, total), counts } };
    },
    async announcementAudiences(ctx) {
      ctx.body = { data: await announcements().audiences(), meta: {} };
    },
    async announcementDetail(ctx) {
      ctx.body = { data: await announcements().detail(id(ctx)), meta: {} };
    },
    async announcementCreate(ctx) {
      const body = parseInput(announcementBody, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await announcements().create(body), meta: {} };
    },
    async announcementUpdate(ctx) {
      const body = parseInput(announcementBody, ctx.request.body);
      ctx.body = { data: await announcements().update(id(ctx), body), meta: {} };
    },
    async announcementSchedule(ctx) {
      ctx.body = { data: await announcements().schedule(id(ctx)), meta: {} };
    },
    async announcementPublish(ctx) {
      ctx.body = { data: await announcements().publishNow(id(ctx)), meta: {} };
    },
    async announcementUnpublish(ctx) {
      ctx.body = { data: await announcements().unpublish(id(ctx)), meta: {} };
    },
    async announcementDelete(ctx) {
      ctx.body = { data: await announcements().remove(id(ctx)), meta: {} };
    },
    async parametersRead(ctx) {
      ctx.body = { data: await getBookingService(strapi, 'parameters').read(), meta: {} };
    },
    async parametersSave(ctx) {
      const body = parseInput(parametersBody, ctx.request.body);
      ctx.body = { data: await getBookingService(strapi, 'parameters').save(body), meta: {} };
    },
  };
};
