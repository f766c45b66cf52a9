import type { Core } from '@strapi/strapi';
import { sql } from '../platform/sql';

/**
 * The app's member tables as the member API reads them: the member row (users-permissions), its role,
 * sessions, appeals and tags. Member rows are written through Strapi's query layer, never raw SQL, so the
 * lifecycle hooks that invalidate the member-auth cache on every process see each change.
 */
const USER = 'plugin::users-permissions.user';
const ROLE = 'plugin::users-permissions.role';
const SESSION = 'admin::session';
const PERMISSION = 'plugin::users-permissions.permission';
const APPEAL = 'api::appeal.appeal';
const MEMBER_TAG = 'api::member-tag.member-tag';

/** What a session's liveness is read from. */
const SESSION_ENDS = ['id', 'sessionId', 'expiresAt', 'absoluteExpiresAt'];

/** The earlier of a session's idle and absolute expiry, or null when that has passed. */
function liveUntil(session: { expiresAt?: unknown; absoluteExpiresAt?: unknown }, now: Date): Date | null {
  const ends = [session.expiresAt, session.absoluteExpiresAt].filter((d) => d !== null && d !== undefined).map((d) => new Date(d as any).getTime());
  const until = new Date(Math.min(...ends));
  return until > now ? until : null;
}

export interface NewMember {
  username: string;
  email: string;
  wechat_appid: string;
  openid: string;
  unionid: string | null;
  nickname: string;
}

export const memberAccountsRepository = (strapi: Core.Strapi) => {
  const users = () => strapi.db.query(USER as any);
  return {
    findByOpenid(appid: string, openid: string): Promise<any | null> {
      return users().findOne({ where: { wechat_appid: appid, openid } });
    },

    find(userId: number): Promise<any | null> {
      return users().findOne({ where: { id: userId } });
    },

    /** Exists, blocked, banned: what a live socket checks. */
    standing(userId: number): Promise<{ id: number; blocked: boolean; ban_until: string | Date | null } | null> {
      return users().findOne({ where: { id: userId }, select: ['id', 'blocked', 'ban_until'] });
    },

    /** A new member with the authenticated role, confirmed (WeChat vouches for them). */
    async create(data: NewMember): Promise<any> {
      const role = await strapi.db.query(ROLE as any).findOne({ where: { type: 'authenticated' } });
      return users().create({ data: { ...data, provider: 'wechat', confirmed: true, blocked: false, role: role.id } });
    },

    update(userId: number, changes: Record<string, unknown>): Promise<any> {
      return users().update({ where: { id: userId }, data: changes });
    },

    async exists(userId: number): Promise<boolean> {
      return Boolean(await users().findOne({ where: { id: userId }, select: ['id'] }));
    },

    /**
     * Until when a refresh-mode session is live (the earlier of its idle and absolute expiry), or null when
     * it is gone (logout and revocation delete it) or has expired.
     */
    async sessionLiveUntil(sessionId: string, now: Date): Promise<Date | null> {
      const session = await strapi.db.query(SESSION as any).findOne({ where: { sessionId }, select: SESSION_ENDS });
      return session ? liveUntil(session, now) : null;
    },

    /** Of these sessions, the ones still stored and live (by the same rule as `sessionLiveUntil`). */
    async liveSessions(sessionIds: string[], now: Date): Promise<Set<string>> {
      if (!sessionIds.length) return new Set();
      const rows = await strapi.db.query(SESSION as any).findMany({ where: { sessionId: { $in: sessionIds } }, select: SESSION_ENDS });
      return new Set(rows.filter((r: any) => liveUntil(r, now) !== null).map((r: any) => String(r.sessionId)));
    },

    /** Member rows with what authentication depends on (block, ban, role, last change), by id. */
    async authStandings(userIds: number[]): Promise<Map<number, any>> {
      if (!userIds.length) return new Map();
      const rows = await users().findMany({ where: { id: { $in: userIds } }, select: ['id', 'blocked', 'confirmed', 'ban_until', 'updatedAt'], populate: { role: { select: ['id'] } } });
      return new Map(rows.map((r: any) => [Number(r.id), r]));
    },

    /**
     * One statement that changes whenever any role's permissions may have: counts, newest ids and
     * newest change times of the permissions, their role links and the roles. Strapi replaces a role's
     * permissions by deleting and creating rows, so every change moves a count or a newest id.
     */
    async permissionsStamp(): Promise<string> {
      const knex = await sql(strapi);
      const permission = strapi.db.metadata.get(PERMISSION as any);
      const link = (permission.attributes as any).role.joinTable.name as string;
      const role = strapi.db.metadata.get(ROLE as any).tableName;
      const row = await knex
        .select({
          permissions: knex(permission.tableName).count('*'),
          newestPermission: knex(permission.tableName).max('id'),
          permissionChanged: knex(permission.tableName).max('updated_at'),
          links: knex(link).count('*'),
          newestLink: knex(link).max('id'),
          roleChanged: knex(role).max('updated_at'),
        })
        .first();
      return Object.values(row ?? {}).map((v) => (v instanceof Date ? v.getTime() : String(v))).join('|');
    },

    latestAppeal(userId: number): Promise<any | null> {
      return strapi.db.query(APPEAL as any).findOne({ where: { user: userId }, orderBy: { createdAt: 'desc' } });
    },

    openAppeal(userId: number): Promise<any | null> {
      return strapi.db.query(APPEAL as any).findOne({ where: { user: userId, status: 'open' } });
    },

    fileAppeal(data: { user: number; text: string; ban_until: unknown; ban_reason: unknown }): Promise<any> {
      return strapi.documents(APPEAL as any).create({ data: { ...data, status: 'open' } as any });
    },

    /** The member's tags that have not expired, with the tag. */
    activeTags(userId: number, now: Date): Promise<any[]> {
      return strapi.db.query(MEMBER_TAG as any).findMany({
        where: { user: userId, $or: [{ expires_at: null }, { expires_at: { $gt: now } }] },
        populate: { tag: true },
      });
    },
  };
};
