import type { Core } from '@strapi/strapi';
import { fail } from '../../../../../platform/errors';
import type { Parameters } from '../../../../../api/parameter/services/parameter';

/** The business parameters a booking rule reads (one query, defaults when staff never saved them). */
export async function loadParameters(strapi: Core.Strapi) {
  return strapi.service('api::parameter.parameter' as any).current() as Promise<Parameters>;
}

/**
 * A banned member can log in and see why, but cannot book, pay or check in. `known`: the member's user
 * row as authentication loaded it (kept current by the auth cache's invalidation), when it has the ban.
 */
export async function assertNotBanned(strapi: Core.Strapi, userId: number, now: Date, known?: { ban_until?: Date | string | null; ban_reason?: string | null } | null) {
  const user =
    known && 'ban_until' in known
      ? known
      : await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: userId }, select: ['id', 'ban_until', 'ban_reason'] });
  if (user?.ban_until && new Date(user.ban_until) > now) {
    throw fail('BANNED', `You are banned from booking until ${new Date(user.ban_until).toISOString()}${user.ban_reason ? ` (${user.ban_reason})` : ''}. You can file an appeal from your profile.`, {
      until: new Date(user.ban_until).toISOString(),
      reason: user.ban_reason ?? null,
    });
  }
}

/** Serialises a member's own booking transactions (quota checks run under it). */
export async function lockMember(strapi: Core.Strapi, userId: number) {
  if (strapi.db.dialect.client === 'sqlite') return;
  await strapi.db.queryBuilder('plugin::users-permissions.user').select(['id']).where({ id: userId }).forUpdate().first().execute();
}

export const checkinSecret = () => process.env.CHECKIN_TOKEN_SECRET || 'dev-checkin-token-secret-change-me';
