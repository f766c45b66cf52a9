import type { Core } from '@strapi/strapi';
import { fail } from '../../../../../platform/errors';
import { membersRepository } from '../repositories/members';
import type { Parameters } from '../../../../../api/parameter/services/parameter';
import { getAppService } from '../../../../../api/accessor';

/** The business parameters a booking rule reads (one query, defaults when staff never saved them). */
export async function loadParameters(strapi: Core.Strapi) {
  return getAppService(strapi, 'parameter').current();
}

/**
 * A banned member can log in and see why, but cannot book, pay or check in. `known`: the member's user
 * row as authentication loaded it (kept current by the auth cache's invalidation), when it has the ban.
 */
export async function assertNotBanned(strapi: Core.Strapi, userId: number, now: Date, known?: { ban_until?: Date | string | null; ban_reason?: string | null } | null) {
  const ban = known && 'ban_until' in known ? { until: known.ban_until ? new Date(known.ban_until) : null, reason: known.ban_reason ?? null } : await membersRepository(strapi).banOf(userId);
  if (ban?.until && ban.until > now) {
    throw fail('BANNED', `You are banned from booking until ${ban.until.toISOString()}${ban.reason ? ` (${ban.reason})` : ''}. You can file an appeal from your profile.`, {
      until: ban.until.toISOString(),
      reason: ban.reason,
    });
  }
}

/**
 * Serialises a member's own booking transactions (quota checks run under it). `queued`: the lock leaves
 * with the transaction's next statement, in one round trip with it when that is a read.
 */
export async function lockMember(strapi: Core.Strapi, userId: number, opts: { queued?: boolean } = {}) {
  await membersRepository(strapi).lockForBooking(userId, opts);
}

export const checkinSecret = () => process.env.CHECKIN_TOKEN_SECRET || 'dev-checkin-token-secret-change-me';
