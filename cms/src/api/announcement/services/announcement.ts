import { clock } from '../../../platform/clock';
import { fail } from '../../../platform/errors';
import { memberAccountsRepository } from '../../../repositories/members';
import { publishedAnnouncementsRepository } from '../../../repositories/announcements';
import { pagination } from '../../../platform/pagination';
import { reply } from '../../../platform/reply';
import { getPaymentsService } from '../../../plugins/payments/server/src/services/accessor';

/**
 * Announcements a member may read now: published, inside publish-at / expire-at, and aimed at everyone,
 * at one of the member's (unexpired) tags, or at the member's current tier. Pinned first.
 */
export default ({ strapi }) => {
  const accounts = memberAccountsRepository(strapi);
  const announcements = publishedAnnouncementsRepository(strapi);

  async function audienceOf(userId: number) {
    const tags = await accounts.activeTags(userId, clock.now());
    const tier = await getPaymentsService(strapi, 'memberships').currentTier(userId);
    return { tagIds: tags.map((t: any) => t.tag?.id).filter(Boolean), tierCode: tier?.code ?? null };
  }

  function filters(aud: { tagIds: number[]; tierCode: string | null }) {
    const now = clock.now();
    const audience: any[] = [{ audience: 'all' }];
    if (aud.tagIds.length) audience.push({ audience: 'tag', audience_tag: { id: { $in: aud.tagIds } } });
    if (aud.tierCode) audience.push({ audience: 'tier', audience_tier: { code: aud.tierCode } });
    return {
      $and: [
        { $or: [{ publish_at: null }, { publish_at: { $lte: now } }] },
        { $or: [{ expire_at: null }, { expire_at: { $gt: now } }] },
        { $or: audience },
      ],
    };
  }

  const present = (a: any) => ({
    id: a.documentId,
    title: a.title,
    summary: a.summary ?? null,
    body: a.body ?? null,
    cover: a.cover ? { url: a.cover.url, width: a.cover.width ?? null, height: a.cover.height ?? null } : null,
    pinned: !!a.pinned,
    audience: a.audience,
    publishAt: new Date(a.publish_at ?? a.publishedAt).toISOString(),
    expireAt: a.expire_at ? new Date(a.expire_at).toISOString() : null,
  });

  return {
    async visibleTo(userId: number, page: { page: number; pageSize: number }) {
      const where = filters(await audienceOf(userId));
      const { rows, total } = await announcements.page(where, page);
      return reply(rows.map(present), { pagination: pagination(page, total) });
    },

    async visibleOne(userId: number, documentId: string) {
      const where = filters(await audienceOf(userId));
      const row = await announcements.one(documentId, where);
      if (!row) throw fail('NOT_FOUND', 'This announcement is not available (it may have expired).', { announcement: documentId });
      return reply(present(row));
    },
  };
};
