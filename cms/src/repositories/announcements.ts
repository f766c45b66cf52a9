import type { Core } from '@strapi/strapi';

const UID = 'api::announcement.announcement';
const ORDER = ['pinned:desc', 'publish_at:desc', 'publishedAt:desc'];

/** Published announcements as members read them (the back office edits them in the booking plugin). */
export const publishedAnnouncementsRepository = (strapi: Core.Strapi) => {
  const docs = () => strapi.documents(UID as any);
  return {
    async page(filters: unknown, page: { page: number; pageSize: number }): Promise<{ rows: any[]; total: number }> {
      const [rows, total] = await Promise.all([
        docs().findMany({ status: 'published', filters, populate: { cover: true }, sort: ORDER, start: (page.page - 1) * page.pageSize, limit: page.pageSize } as any),
        docs().count({ status: 'published', filters } as any),
      ]);
      return { rows, total };
    },

    async one(documentId: string, filters: unknown): Promise<any | null> {
      const [row] = await docs().findMany({ status: 'published', filters: { $and: [{ documentId }, filters] }, populate: { cover: true }, limit: 1 } as any);
      return row ?? null;
    },
  };
};
