import type { Core } from '@strapi/strapi';
import { sql } from '../../../../../platform/sql';

const TAG = 'api::tag.tag';
const MEMBER_TAG = 'api::member-tag.member-tag';
const VIOLATION = 'plugin::booking.violation';

/** Tags with their rules and member counts; rule-given member tags; no-show counts. */
export const tagRulesRepository = (strapi: Core.Strapi) => {
  const meta = () => strapi.db.metadata.get(MEMBER_TAG as any) as any;

  return {
    async tags(): Promise<any[]> {
      return strapi.db.query(TAG as any).findMany({ orderBy: { name: 'asc' }, limit: 500 });
    },

    async tag(documentId: string): Promise<any | null> {
      return strapi.db.query(TAG as any).findOne({ where: { documentId } });
    },

    async createTag(data: Record<string, unknown>) {
      return strapi.documents(TAG as any).create({ data } as any);
    },

    async updateTag(documentId: string, data: Record<string, unknown>) {
      return strapi.documents(TAG as any).update({ documentId, data } as any);
    },

    /** Members holding each tag now (tag row id → distinct members), one GROUP BY. */
    async memberCounts(now: Date): Promise<Map<number, number>> {
      const k = await sql(strapi);
      const m = meta();
      const userJt = m.attributes.user.joinTable;
      const tagJt = m.attributes.tag.joinTable;
      const tagCol = `tg.${tagJt.inverseJoinColumn.name}`;
      const rows = await k(`${m.tableName} as mt`)
        .join(`${userJt.name} as mu`, `mu.${userJt.joinColumn.name}`, 'mt.id')
        .join(`${tagJt.name} as tg`, `tg.${tagJt.joinColumn.name}`, 'mt.id')
        .where((w: any) => w.whereNull('mt.expires_at').orWhere('mt.expires_at', '>', now))
        .select(k.raw(`${tagCol} AS tag_id`))
        .countDistinct({ n: `mu.${userJt.inverseJoinColumn.name}` })
        .groupBy(tagCol);
      return new Map(rows.map((r: any) => [Number(r.tag_id), Number(r.n)]));
    },

    /** Who holds the tag now and from where (staff or rule); expired rows are the tag-expiry job's. */
    async holders(tagId: number, now: Date): Promise<{ rowId: number; userId: number; source: string }[]> {
      const rows = await strapi.db.query(MEMBER_TAG as any).findMany({
        where: { tag: tagId, $or: [{ expires_at: null }, { expires_at: { $gt: now } }] },
        populate: { user: { select: ['id'] } },
        select: ['id', 'source'],
      });
      return rows.filter((r: any) => r.user).map((r: any) => ({ rowId: Number(r.id), userId: Number(r.user.id), source: r.source ?? 'staff' }));
    },

    /** Gives the tag by rule until `expiresAt`, or moves the expiry of the rule-given row the member holds. */
    async putRuleTag(userId: number, tagId: number, expiresAt: Date, note: string): Promise<'added' | 'extended' | 'kept'> {
      const existing = await strapi.db.query(MEMBER_TAG as any).findMany({ where: { user: userId, tag: tagId }, select: ['id', 'source'], orderBy: { id: 'asc' } });
      if (existing.length === 0) {
        await strapi.db.query(MEMBER_TAG as any).create({ data: { user: userId, tag: tagId, expires_at: expiresAt, source: 'rule', note } });
        return 'added';
      }
      const row = existing[0];
      if (row.source !== 'rule') return 'kept';
      await strapi.db.query(MEMBER_TAG as any).update({ where: { id: row.id }, data: { expires_at: expiresAt } });
      return 'extended';
    },

    async dropRuleTag(userId: number, tagId: number): Promise<number> {
      const rows = await strapi.db.query(MEMBER_TAG as any).findMany({ where: { user: userId, tag: tagId, source: 'rule' }, select: ['id'] });
      for (const r of rows) await strapi.db.query(MEMBER_TAG as any).delete({ where: { id: r.id } });
      return rows.length;
    },

    /** Removes up to `limit` member tags that expired before `now`; answers how many. */
    async deleteExpiredMemberTags(now: Date, limit: number): Promise<number> {
      const expired = await strapi.db.query(MEMBER_TAG as any).findMany({ where: { expires_at: { $lt: now } }, select: ['id'], limit });
      if (expired.length === 0) return 0;
      await strapi.db.query(MEMBER_TAG as any).deleteMany({ where: { id: { $in: expired.map((r: any) => r.id) } } });
      return expired.length;
    },

        /** Members with at least `min` no-shows since `since` (GROUP BY … HAVING). */
    async membersWithNoShows(since: Date, min: number): Promise<number[]> {
      const k = await sql(strapi);
      const rows = await k(strapi.db.metadata.get(VIOLATION as any).tableName)
        .select('user_id')
        .where('kind', 'no_show')
        .andWhere('at', '>=', since)
        .groupBy('user_id')
        .havingRaw('COUNT(*) >= ?', [min]);
      return rows.map((r: any) => Number(r.user_id)).sort((a: number, b: number) => a - b);
    },
  };
};
