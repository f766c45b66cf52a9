import { createHash, randomInt } from 'crypto';
import { exchangeLoginCode } from '../../../platform/wechat/code2session';
import { countWechatErrors } from '../../../platform/metrics';
import { fail } from '../../../platform/errors';
import { clock } from '../../../platform/clock';
import { isUniqueViolation } from '../../../platform/db-errors';
import { acceptImage, type UploadedFile } from '../../../platform/uploaded-images';
import { memberAccountsRepository } from '../../../repositories/members';
import { getPaymentsService } from '../../../plugins/payments/server/src/services/accessor';
import { memberProfileCache, type MemberProfileParts } from '../../../platform/member-profile-cache';
import { reply } from '../../../platform/reply';

// Failed code2Session calls are counted in the metrics (wechat_call_errors_total).
const wechatLogin = countWechatErrors('login', { code2Session: exchangeLoginCode });

const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Members: WeChat login, profile, ban and appeals. */
export default ({ strapi }) => {
  const accounts = memberAccountsRepository(strapi);
  const wechatConfig = () => ({
    baseUrl: process.env.WECHAT_API_BASE_URL || 'https://api.weixin.qq.com',
    appid: process.env.WECHAT_APPID || '',
    secret: process.env.WECHAT_SECRET || '',
  });

  async function createMember(appid: string, identity: { openid: string; unionid: string | null }) {
    // Derived, not copied: the openid itself never appears in anything a client can read.
    const handle = createHash('sha256').update(`${appid}:${identity.openid}`).digest('hex').slice(0, 16);
    try {
      return await accounts.create({
        username: `wx_${handle}`,
        email: `${handle}@members.invalid`,
        wechat_appid: appid,
        openid: identity.openid,
        unionid: identity.unionid,
        nickname: `会员${randomInt(1000, 10000)}`,
      });
    } catch (e) {
      // Two first logins of the same person raced: the unique (appid, openid) index kept one row.
      if (isUniqueViolation(e)) return { ...(await accounts.findByOpenid(appid, identity.openid)), existed: true };
      throw e;
    }
  }

  const isBanned = (user: any) => !!user?.ban_until && new Date(user.ban_until) > clock.now();

  /** The ban as the member reads it; decided on the clock at every read, so it ends on time by itself. */
  function activeBan(user: any, appeal: MemberProfileParts['appeal']) {
    if (!isBanned(user)) return null;
    return { until: new Date(user.ban_until).toISOString(), reason: user.ban_reason ?? null, appeal };
  }

  async function activeTags(userId: number): Promise<MemberProfileParts['tags']> {
    const rows = await accounts.activeTags(userId, clock.now());
    return rows.filter((r: any) => r.tag).map((r: any) => ({
      name: r.tag.name,
      code: r.tag.code,
      color: r.tag.color ?? null,
      expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
    }));
  }

  async function latestAppeal(userId: number): Promise<MemberProfileParts['appeal']> {
    const appeal = await accounts.latestAppeal(userId);
    return appeal
      ? { id: appeal.documentId, status: appeal.status, text: appeal.text, reply: appeal.reply ?? null, createdAt: new Date(appeal.createdAt).toISOString() }
      : null;
  }

  /** Tier, tags and latest appeal: from this process's memory (platform/member-profile-cache.ts). */
  function profileParts(userId: number): Promise<MemberProfileParts> {
    return memberProfileCache().get(String(userId), async () => {
      const [tier, tags, appeal] = await Promise.all([getPaymentsService(strapi, 'memberships').currentTier(userId), activeTags(userId), latestAppeal(userId)]);
      return { tier, tags, appeal };
    });
  }

  /** Applies the changes and reads the profile back (the avatar upload saves through it too). */
  async function saveProfile(userId: number, changes: { nickname?: string; avatar?: string }) {
    if (Object.keys(changes).length > 0) await accounts.update(userId, changes);
    return (await service.profile(userId)).data;
  }

  const service = {
    async loginWithWechat(code: string, opts: { deviceId?: string; userAgent?: string; sanitize: (u: any) => Promise<any> }) {
      const cfg = wechatConfig();
      if (!cfg.appid || !cfg.secret) {
        throw fail('PAYMENT_PROVIDER', 'WeChat login is not configured on this server (WECHAT_APPID / WECHAT_SECRET).');
      }
      const identity = await wechatLogin.code2Session({ ...cfg, code });
      let user = await accounts.findByOpenid(cfg.appid, identity.openid);
      let created = false;
      if (!user) {
        user = await createMember(cfg.appid, identity);
        created = !user.existed;
      } else if (identity.unionid && !user.unionid) {
        user = await accounts.update(user.id, { unionid: identity.unionid });
      }
      if (user.blocked) throw fail('FORBIDDEN', 'This account has been blocked. Please contact customer service.');
      if (created) await strapi.eventHub.emit('member.created', { userId: user.id });

      const sessions = strapi.sessionManager('users-permissions');
      const refresh = await sessions.generateRefreshToken(String(user.id), opts.deviceId, { type: 'refresh' });
      const access = await sessions.generateAccessToken(refresh.token);
      if ('error' in access) throw fail('UNAUTHORIZED', 'Could not start a session; please log in again.');
      return { jwt: access.token, refreshToken: refresh.token, user: await opts.sanitize(user), created };
    },

    /**
     * `known`: the member's user row as authentication loaded it (kept current by the auth cache's
     * invalidation), which saves reading it again.
     */
    async profile(userId: number, known?: Record<string, any> | null) {
      const user = known && known.id === userId && known.documentId && known.createdAt ? known : await accounts.find(userId);
      if (!user) throw fail('NOT_FOUND', 'This member no longer exists.');
      const { tier, tags, appeal } = await profileParts(user.id);
      const ban = activeBan(user, appeal);
      const profile = {
        id: user.id,
        documentId: user.documentId,
        username: user.username,
        nickname: user.nickname ?? null,
        avatar: user.avatar ?? null,
        tier,
        tags,
        ban,
        createdAt: new Date(user.createdAt).toISOString(),
      };
      // users-permissions clients read /users/me unwrapped; API.md clients read `data`.
      return { ...profile, data: profile, meta: {} };
    },

    /** May this member hold a live socket: exists, not blocked, not banned now. */
    async liveStanding(userId: number): Promise<{ ok: true } | { ok: false; code: 'UNAUTHORIZED' | 'BANNED'; message: string }> {
      const user = await accounts.standing(userId);
      if (!user || user.blocked) return { ok: false, code: 'UNAUTHORIZED', message: 'This account cannot log in; log in again.' };
      if (user.ban_until && new Date(user.ban_until) > clock.now()) return { ok: false, code: 'BANNED', message: 'Your account is banned until ' + new Date(user.ban_until).toISOString() + '.' };
      return { ok: true };
    },

    async updateProfile(userId: number, changes: { nickname?: string; avatar?: string }) {
      return reply(await saveProfile(userId, changes));
    },

    /**
     * The member's own photo (WeChat's chooseAvatar hands the mini program a temporary local file, which only
     * lasts as an upload). The previous uploaded avatar is removed once the new one is stored.
     */
    async setAvatar(userId: number, upload: UploadedFile | undefined) {
      const file = acceptImage(upload, { what: 'The avatar', maxBytes: AVATAR_MAX_BYTES });
      const previous = (await service.profile(userId)).data.avatar;
      const uploads = strapi.plugin('upload').service('upload');
      const [stored] = await uploads.upload({ data: { fileInfo: { name: `avatar-${userId}`, alternativeText: `avatar of member ${userId}` } }, files: file });
      const profile = await saveProfile(userId, { avatar: stored.url });
      if (previous && previous !== stored.url) {
        const [old] = await uploads.findMany({ filters: { url: previous } }).catch(() => []);
        if (old) await uploads.remove(old).catch(() => undefined);
      }
      return reply(profile);
    },

    /** 201 with the appeal staff will review. */
    async fileAppeal(userId: number, text: string) {
      const user = await accounts.find(userId);
      if (!isBanned(user)) throw fail('INVALID_STATE', 'You are not banned, so there is nothing to appeal.');
      const open = await accounts.openAppeal(userId);
      if (open) throw fail('INVALID_STATE', 'You already have an appeal under review; staff will answer it soon.', { appeal: open.documentId });
      const appeal = await accounts.fileAppeal({ user: userId, text, ban_until: user.ban_until, ban_reason: user.ban_reason });
      return reply({ id: appeal.documentId, status: appeal.status, text: appeal.text, createdAt: new Date(appeal.createdAt).toISOString() }, {}, { status: 201 });
    },
  };
  return service;
};
