import type { Core } from '@strapi/strapi';
import { toDate } from '../../../../../platform/rows';

/**
 * Announcements for the back office (draft & publish through Strapi's Document Service, so the content
 * manager and the member route see the same versions). The only code of the announcement use cases
 * that touches the database.
 */
const UID = 'api::announcement.announcement' as any;
const TAG = 'api::tag.tag' as any;
const TIER = 'api::membership-tier.membership-tier' as any;

export interface AnnouncementRecord {
  documentId: string;
  title: string;
  summary: string | null;
  body: unknown;
  cover: { id: number; url: string; width: number | null; height: number | null; name: string } | null;
  audience: 'all' | 'tag' | 'tier';
  audienceTag: { documentId: string; name: string } | null;
  audienceTier: { documentId: string; name: string } | null;
  publishAt: Date | null;
  expireAt: Date | null;
  pinned: boolean;
  scheduled: boolean;
  published: boolean;
  /** The draft was saved after the version members read (changes not yet published). */
  modified: boolean;
  updatedAt: Date | null;
}

export interface AnnouncementDraft {
  title: string;
  summary: string | null;
  body: unknown;
  cover: number | null;
  audience: 'all' | 'tag' | 'tier';
  audienceTag: string | null;
  audienceTier: string | null;
  publishAt: Date | null;
  expireAt: Date | null;
  pinned: boolean;
}

const POPULATE = { cover: true, audience_tag: { fields: ['name'] }, audience_tier: { fields: ['name'] } } as any;

export const announcementsRepository = (strapi: Core.Strapi) => {
  const docs = () => strapi.documents(UID);

  /** documentId → when its published version was written, for the documents that have one. */
  async function publishedVersions(documentIds?: string[]) {
    const rows = await strapi.db.query(UID).findMany({
      select: ['documentId', 'updatedAt'],
      where: { publishedAt: { $notNull: true }, ...(documentIds ? { documentId: { $in: documentIds } } : {}) },
    });
    return new Map<string, Date | null>(rows.map((r: any) => [r.documentId, toDate(r.updatedAt)]));
  }

  function record(d: any, published: Map<string, Date | null>): AnnouncementRecord {
    const publishedAt = published.get(d.documentId);
    const updatedAt = toDate(d.updatedAt);
    return {
      documentId: d.documentId,
      title: d.title,
      summary: d.summary ?? null,
      body: d.body ?? null,
      cover: d.cover ? { id: d.cover.id, url: d.cover.url, width: d.cover.width ?? null, height: d.cover.height ?? null, name: d.cover.name } : null,
      audience: d.audience ?? 'all',
      audienceTag: d.audience_tag ? { documentId: d.audience_tag.documentId, name: d.audience_tag.name } : null,
      audienceTier: d.audience_tier ? { documentId: d.audience_tier.documentId, name: d.audience_tier.name } : null,
      publishAt: toDate(d.publish_at),
      expireAt: toDate(d.expire_at),
      pinned: !!d.pinned,
      scheduled: !!d.scheduled,
      published: published.has(d.documentId),
      // Publishing writes both versions within a moment; a later draft save is an unpublished change.
      modified: publishedAt !== undefined && !!updatedAt && !!publishedAt && updatedAt.getTime() - publishedAt.getTime() > 1000,
      updatedAt,
    };
  }

  function toData(d: Partial<AnnouncementDraft> & { scheduled?: boolean }) {
    const data: Record<string, unknown> = {};
    if (d.title !== undefined) data.title = d.title;
    if (d.summary !== undefined) data.summary = d.summary;
    if (d.body !== undefined) data.body = d.body;
    if (d.cover !== undefined) data.cover = d.cover;
    if (d.audience !== undefined) data.audience = d.audience;
    if (d.audienceTag !== undefined) data.audience_tag = d.audienceTag ? { documentId: d.audienceTag } : null;
    if (d.audienceTier !== undefined) data.audience_tier = d.audienceTier ? { documentId: d.audienceTier } : null;
    if (d.publishAt !== undefined) data.publish_at = d.publishAt;
    if (d.expireAt !== undefined) data.expire_at = d.expireAt;
    if (d.pinned !== undefined) data.pinned = d.pinned;
    if (d.scheduled !== undefined) data.scheduled = d.scheduled;
    return data;
  }

  return {
    /** Every announcement's draft (at most `limit`, newest first) with whether a published version exists. */
    async listAll(limit = 500): Promise<AnnouncementRecord[]> {
      const [drafts, published] = await Promise.all([
        docs().findMany({ status: 'draft', populate: POPULATE, sort: ['updatedAt:desc'], limit } as any),
        publishedVersions(),
      ]);
      return (drafts as any[]).map((d) => record(d, published));
    },

    async find(documentId: string): Promise<AnnouncementRecord | null> {
      const d = await docs().findOne({ documentId, status: 'draft', populate: POPULATE } as any);
      return d ? record(d, await publishedVersions([documentId])) : null;
    },

    async create(draft: AnnouncementDraft): Promise<string> {
      const d = await docs().create({ data: toData({ ...draft, scheduled: false }) } as any);
      return d.documentId;
    },

    async update(documentId: string, patch: Partial<AnnouncementDraft> & { scheduled?: boolean }) {
      await docs().update({ documentId, data: toData(patch) } as any);
    },

    async publish(documentId: string) {
      await docs().publish({ documentId } as any);
    },

    async unpublish(documentId: string) {
      await docs().unpublish({ documentId } as any);
    },

    async remove(documentId: string) {
      await docs().delete({ documentId } as any);
    },

    /** Drafts waiting for their publish-at, and published ones with an expiry (the job's candidates). */
    async scheduleCandidates(): Promise<AnnouncementRecord[]> {
      const [waiting, expiring] = await Promise.all([
        docs().findMany({ status: 'draft', filters: { scheduled: true, publish_at: { $notNull: true } }, fields: ['title', 'publish_at', 'expire_at', 'scheduled', 'updatedAt'], limit: 1000 } as any),
        docs().findMany({ status: 'published', filters: { expire_at: { $notNull: true } }, fields: ['title', 'publish_at', 'expire_at', 'scheduled', 'updatedAt'], limit: 1000 } as any),
      ]);
      const ids = [...new Set([...(waiting as any[]), ...(expiring as any[])].map((d) => d.documentId))];
      if (!ids.length) return [];
      const published = await publishedVersions(ids);
      const byId = new Map<string, any>();
      for (const d of waiting as any[]) byId.set(d.documentId, d);
      for (const d of expiring as any[]) if (!byId.has(d.documentId)) byId.set(d.documentId, d);
      return [...byId.values()].map((d) => record(d, published));
    },

    async tagExists(documentId: string) {
      return !!(await strapi.db.query(TAG).findOne({ where: { documentId }, select: ['id'] }));
    },
    async tierExists(documentId: string) {
      return !!(await strapi.db.query(TIER).findOne({ where: { documentId }, select: ['id'] }));
    },
    async fileExists(id: number) {
      return !!(await strapi.db.query('plugin::upload.file').findOne({ where: { id }, select: ['id'] }));
    },

    /** The tags and tiers an announcement can be aimed at. */
    async audiences() {
      const [tags, tiers] = await Promise.all([
        strapi.db.query(TAG).findMany({ select: ['documentId', 'name', 'code', 'color'], orderBy: { name: 'asc' } }),
        strapi.db.query(TIER).findMany({ select: ['documentId', 'name', 'code', 'level'], orderBy: { level: 'asc' } }),
      ]);
      return {
        tags: tags.map((t: any) => ({ id: t.documentId, name: t.name, code: t.code ?? null, color: t.color ?? null })),
        tiers: tiers.map((t: any) => ({ id: t.documentId, name: t.name, code: t.code ?? null })),
      };
    },
  };
};
