import type { Core } from '@strapi/strapi';
import { newDocumentId } from '../../../../../platform/document-ids';
import { queueStatement, selectRows, sql } from '../../../../../platform/sql';
import { iso, toDate } from '../../../../../platform/rows';

/**
 * Member records for the back office: the member row (users-permissions), tags, appeals, ban history
 * and violations. The only code of the members use cases that touches the database.
 */
const USER = 'plugin::users-permissions.user';
const MEMBER_TAG = 'api::member-tag.member-tag';
const TAG = 'api::tag.tag';
const APPEAL = 'api::appeal.appeal';
const BAN = 'plugin::booking.member-ban';


/** Who a booking belongs to, as staff pages show it. */
export interface MemberSummary {
  id: number;
  nickname: string | null;
  avatar: string | null;
}

export interface MemberFilter {
  q?: string;
  banned?: boolean;
  joinedFrom?: Date;
  joinedTo?: Date;
}

export interface MemberRow {
  id: number;
  documentId: string;
  nickname: string | null;
  username: string;
  openid: string | null;
  avatar: string | null;
  banUntil: Date | null;
  banReason: string | null;
  blocked: boolean;
  createdAt: Date;
}

const memberOf = (r: any): MemberRow => ({
  id: Number(r.id),
  documentId: r.document_id,
  nickname: r.nickname ?? null,
  username: r.username,
  openid: r.openid ?? null,
  avatar: r.avatar ?? null,
  banUntil: toDate(r.ban_until),
  banReason: r.ban_reason ?? null,
  blocked: Boolean(r.blocked),
  createdAt: toDate(r.created_at)!,
});

const MEMBER_COLUMNS = ['id', 'document_id', 'nickname', 'username', 'openid', 'avatar', 'ban_until', 'ban_reason', 'blocked', 'created_at'];

export const membersRepository = (strapi: Core.Strapi) => {
  const tableOf = (uid: string) => strapi.db.metadata.get(uid as any).tableName;
  const knex = () => sql(strapi);

  /** The member filter as SQL on up_users (search box, batch "by filter"). */
  function applyFilter(q: any, f: MemberFilter, now: Date) {
    const text = f.q?.trim();
    if (text) {
      q.where((w: any) => {
        if (/^\d+$/.test(text)) w.orWhere('id', Number(text));
        w.orWhere('openid', text).orWhere('nickname', 'like', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      });
    }
    if (f.banned === true) q.where('ban_until', '>', now);
    if (f.banned === false) q.where((w: any) => w.whereNull('ban_until').orWhere('ban_until', '<=', now));
    if (f.joinedFrom) q.where('created_at', '>=', f.joinedFrom);
    if (f.joinedTo) q.where('created_at', '<', f.joinedTo);
    return q;
  }

  return {
    async summaries(userIds: number[]): Promise<Map<number, MemberSummary>> {
      if (userIds.length === 0) return new Map();
      const k = await knex();
      const rows = await k(tableOf(USER)).select('id', 'nickname', 'avatar').whereIn('id', [...new Set(userIds)]);
      return new Map(rows.map((r: any) => [Number(r.id), { id: Number(r.id), nickname: r.nickname ?? null, avatar: r.avatar ?? null }]));
    },

    async search(f: MemberFilter, page: { page: number; pageSize: number }, now: Date) {
      const k = await knex();
      const base = () => applyFilter(k(tableOf(USER)), f, now);
      const [{ n }] = await base().count({ n: '*' });
      const rows = await base().select(MEMBER_COLUMNS).orderBy('id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize);
      return { rows: rows.map(memberOf), total: Number(n) };
    },

    /** Member ids matching a filter, in id order, one page at a time (batch selection). */
    async idsMatching(f: MemberFilter, now: Date, afterId: number, limit: number): Promise<number[]> {
      const k = await knex();
      const rows = await applyFilter(k(tableOf(USER)), f, now).where('id', '>', afterId).select('id').orderBy('id', 'asc').limit(limit);
      return rows.map((r: any) => Number(r.id));
    },

    async find(userId: number): Promise<MemberRow | null> {
      const k = await knex();
      const row = await k(tableOf(USER)).select(MEMBER_COLUMNS).where('id', userId).first();
      return row ? memberOf(row) : null;
    },

    /** Pasted entries: numbers are member ids, anything else an openid. */
    async resolve(ids: number[], openids: string[]): Promise<{ id: number; openid: string | null }[]> {
      const k = await knex();
      const out: { id: number; openid: string | null }[] = [];
      for (let i = 0; i < Math.max(ids.length, openids.length); i += 500) {
        const idPart = ids.slice(i, i + 500);
        const openidPart = openids.slice(i, i + 500);
        if (idPart.length === 0 && openidPart.length === 0) continue;
        const rows = await k(tableOf(USER))
          .select('id', 'openid')
          .where((w: any) => {
            if (idPart.length) w.orWhereIn('id', idPart);
            if (openidPart.length) w.orWhereIn('openid', openidPart);
          });
        out.push(...rows.map((r: any) => ({ id: Number(r.id), openid: r.openid ?? null })));
      }
      return out;
    },

    /** The member's ban as it stands (null when the member does not exist). */
    async banOf(userId: number): Promise<{ until: Date | null; reason: string | null } | null> {
      const row = await strapi.db.query(USER as any).findOne({ where: { id: userId }, select: ['id', 'ban_until', 'ban_reason'] });
      return row ? { until: toDate(row.ban_until), reason: row.ban_reason ?? null } : null;
    },

    /**
     * Locks the member's row until the transaction ends, serialising that member's booking transactions
     * (quota checks run under it). SQLite serialises every writer anyway. `queued`: the lock leaves with
     * the transaction's next statement (platform/sql.ts `queueStatement`), before anything it reads or writes.
     */
    async lockForBooking(userId: number, { queued = false }: { queued?: boolean } = {}): Promise<void> {
      if (strapi.db.dialect.client === 'sqlite') return;
      const text = `SELECT \`id\` FROM \`${tableOf(USER)}\` WHERE \`id\` = ? FOR UPDATE`;
      if (queued) await queueStatement(strapi, text, [userId]);
      else await selectRows(strapi, text, [userId]);
    },

    async setBan(userId: number, until: Date | null, reason: string | null) {
      await strapi.db.query(USER).update({ where: { id: userId }, data: { ban_until: until, ban_reason: reason } });
    },

    async recordBan(entry: { userId: number; action: 'ban' | 'lift'; until: Date | null; reason: string; actor: { type: 'staff' | 'system'; id?: number | null }; appealId?: string | null; at: Date }) {
      const k = await knex();
      await k(tableOf(BAN)).insert({
        document_id: newDocumentId(),
        user_id: entry.userId,
        action: entry.action,
        until: entry.until,
        reason: entry.reason.slice(0, 255),
        actor_type: entry.actor.type,
        actor_id: entry.actor.id ?? null,
        appeal_id: entry.appealId ?? null,
        at: entry.at,
        created_at: entry.at,
        updated_at: entry.at,
        published_at: entry.at,
      });
    },

    async banHistory(userId: number, page: { page: number; pageSize: number }) {
      const k = await knex();
      const [{ n }] = await k(tableOf(BAN)).where('user_id', userId).count({ n: '*' });
      const rows = await k(tableOf(BAN)).where('user_id', userId).orderBy('id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize);
      return {
        rows: rows.map((r: any) => ({
          action: r.action as 'ban' | 'lift',
          until: iso(r.until),
          reason: r.reason as string,
          actorType: r.actor_type as string,
          actorId: r.actor_id == null ? null : Number(r.actor_id),
          appeal: r.appeal_id ?? null,
          at: iso(r.at)!,
        })),
        total: Number(n),
      };
    },

    /** Display names of admin users (who banned, who reviewed). */
    async staffNames(ids: number[]): Promise<Map<number, string>> {
      const unique = [...new Set(ids.filter((id) => Number.isInteger(id)))];
      if (unique.length === 0) return new Map();
      const k = await knex();
      const rows = await k(tableOf('admin::user')).select('id', 'firstname', 'lastname', 'email').whereIn('id', unique);
      return new Map(rows.map((r: any) => [Number(r.id), [r.firstname, r.lastname].filter(Boolean).join(' ') || r.email]));
    },

    async bookingCounts(userId: number) {
      const k = await knex();
      const rows = await k(tableOf('plugin::booking.booking')).where('user_id', userId).select('status').count({ n: '*' }).groupBy('status');
      return Object.fromEntries(rows.map((r: any) => [r.status, Number(r.n)])) as Record<string, number>;
    },

    async violations(userId: number, page: { page: number; pageSize: number }) {
      const k = await knex();
      const t = tableOf('plugin::booking.violation');
      const [{ n }] = await k(t).where('user_id', userId).count({ n: '*' });
      const rows = await k(`${t} as v`)
        .leftJoin(`${tableOf('plugin::booking.booking')} as b`, 'b.id', 'v.booking_id')
        .where('v.user_id', userId)
        .select('v.kind', 'v.at', 'b.document_id as booking', 'b.start_at')
        .orderBy('v.at', 'desc')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize);
      return { rows: rows.map((r: any) => ({ kind: r.kind, at: iso(r.at)!, booking: r.booking ?? null, bookingStart: iso(r.start_at) })), total: Number(n) };
    },

    async violationsSince(userId: number, since: Date): Promise<number> {
      const k = await knex();
      const [{ n }] = await k(tableOf('plugin::booking.violation')).where('user_id', userId).andWhere('at', '>', since).count({ n: '*' });
      return Number(n);
    },

    // ---- tags ----
    async tag(documentIdOrCode: string) {
      return strapi.db.query(TAG as any).findOne({ where: { $or: [{ documentId: documentIdOrCode }, { code: documentIdOrCode }] } });
    },

    async tags() {
      return strapi.db.query(TAG as any).findMany({ orderBy: { name: 'asc' }, limit: 500 });
    },

    async memberTags(userId: number) {
      const rows = await strapi.db.query(MEMBER_TAG as any).findMany({ where: { user: userId }, populate: { tag: true }, orderBy: { id: 'asc' } });
      return rows.filter((r: any) => r.tag);
    },

    /** Gives the tag, or moves the expiry of the one the member already holds (never two rows). */
    async putTag(userId: number, tagId: number, expiresAt: Date | null, note: string | null): Promise<'added' | 'updated'> {
      const existing = await strapi.db.query(MEMBER_TAG as any).findMany({ where: { user: userId, tag: tagId }, orderBy: { id: 'asc' } });
      if (existing.length > 0) {
        await strapi.db.query(MEMBER_TAG as any).update({ where: { id: existing[0].id }, data: { expires_at: expiresAt, ...(note ? { note } : {}) } });
        return 'updated';
      }
      await strapi.db.query(MEMBER_TAG as any).create({ data: { user: userId, tag: tagId, expires_at: expiresAt, source: 'staff', note } });
      return 'added';
    },

    async dropTag(userId: number, tagId: number): Promise<number> {
      const rows = await strapi.db.query(MEMBER_TAG as any).findMany({ where: { user: userId, tag: tagId }, select: ['id'] });
      for (const r of rows) await strapi.db.query(MEMBER_TAG as any).delete({ where: { id: r.id } });
      return rows.length;
    },

    /** Members holding a tag now, in id order, one page at a time (batch selection). */
    async idsWithTag(tagId: number, now: Date, afterId: number, limit: number): Promise<number[]> {
      const k = await knex();
      const meta: any = strapi.db.metadata.get(MEMBER_TAG as any);
      const userJt = meta.attributes.user.joinTable;
      const tagJt = meta.attributes.tag.joinTable;
      const rows = await k(`${meta.tableName} as mt`)
        .join(`${userJt.name} as mu`, `mu.${userJt.joinColumn.name}`, 'mt.id')
        .join(`${tagJt.name} as tg`, `tg.${tagJt.joinColumn.name}`, 'mt.id')
        .where(`tg.${tagJt.inverseJoinColumn.name}`, tagId)
        .andWhere((w: any) => w.whereNull('mt.expires_at').orWhere('mt.expires_at', '>', now))
        .andWhere(`mu.${userJt.inverseJoinColumn.name}`, '>', afterId)
        .distinct(`mu.${userJt.inverseJoinColumn.name} as id`)
        .orderBy('id', 'asc')
        .limit(limit);
      return rows.map((r: any) => Number(r.id));
    },

    async couponTemplate(documentId: string) {
      return strapi.db.query('api::coupon-template.coupon-template' as any).findOne({ where: { documentId }, select: ['id', 'documentId', 'name', 'active'] });
    },

    // ---- appeals ----
    async appealsOf(userId: number) {
      return strapi.db.query(APPEAL as any).findMany({ where: { user: userId }, orderBy: { createdAt: 'desc' }, limit: 50 });
    },

    async appealsQueue(filter: { status?: string }, page: { page: number; pageSize: number }) {
      const where = filter.status ? { status: filter.status } : {};
      const [rows, total] = await Promise.all([
        strapi.db.query(APPEAL as any).findMany({
          where,
          populate: { user: { select: ['id', 'nickname', 'ban_until', 'ban_reason'] } },
          orderBy: [{ createdAt: filter.status === 'open' ? 'asc' : 'desc' }, { id: 'asc' }],
          limit: page.pageSize,
          offset: (page.page - 1) * page.pageSize,
        }),
        strapi.db.query(APPEAL as any).count({ where }),
      ]);
      return { rows, total: Number(total) };
    },

    async appeal(documentId: string) {
      return strapi.db.query(APPEAL as any).findOne({ where: { documentId }, populate: { user: { select: ['id', 'nickname', 'ban_until', 'ban_reason'] } } });
    },

    /** Decides an open appeal; false when someone else decided it first. */
    async decideAppeal(id: number, status: 'accepted' | 'rejected', reply: string, staffId: number | null, at: Date): Promise<boolean> {
      const k = await knex();
      const changed = await k(tableOf(APPEAL)).where({ id, status: 'open' }).update({ status, reply, reviewed_by: staffId, reviewed_at: at, updated_at: at });
      return Number(changed) === 1;
    },
  };
};

export type MembersRepository = ReturnType<typeof membersRepository>;
