import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { inTransaction } from '../../../../../platform/transaction';
import { memberProfileChanged } from '../../../../../platform/member-profile-cache';
import { checkBanUntil, checkTagExpiry } from '../domain/members';
import { iso } from '../../../../../platform/rows';
import { pagination, type Page } from '../../../../../platform/pagination';
import { reply } from '../../../../../platform/reply';
import { membersRepository, type MemberFilter, type MemberRow } from '../repositories/members';

/** The member as staff see it in lists and on the member page. */
export const presentMember = (m: MemberRow, now: Date) => ({
  id: m.id,
  documentId: m.documentId,
  nickname: m.nickname,
  username: m.username,
  openid: m.openid,
  avatar: m.avatar,
  blocked: m.blocked,
  createdAt: m.createdAt.toISOString(),
  ban: m.banUntil && m.banUntil > now ? { until: m.banUntil.toISOString(), reason: m.banReason } : null,
});

const presentAppeal = (a: any) => ({
  id: a.documentId as string,
  status: a.status as string,
  text: a.text as string,
  reply: (a.reply ?? null) as string | null,
  banUntil: iso(a.ban_until),
  banReason: (a.ban_reason ?? null) as string | null,
  reviewedAt: iso(a.reviewed_at),
  reviewedBy: a.reviewed_by == null ? null : Number(a.reviewed_by),
  createdAt: iso(a.createdAt)!,
});

/**
 * Members in the back office: search, the member page, bans (each recorded in the ban history in the
 * same transaction), tags and the appeals queue.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = membersRepository(strapi);

  async function mustFind(userId: number) {
    const m = await repo.find(userId);
    if (!m) throw fail('NOT_FOUND', `No member with id ${userId}.`);
    return m;
  }

  async function mustFindTag(tag: string) {
    const t = await repo.tag(tag);
    if (!t) throw fail('NOT_FOUND', `No tag "${tag}"; create it under 会员标签 Tags first.`);
    return t;
  }

  /** The member page: the member with booking and violation counts, tags and appeals. */
  async function memberPage(userId: number) {
    const now = clock.now();
    const member = await mustFind(userId);
    const [bookings, violationsTotal, violations30d, tags, appeals] = await Promise.all([
      repo.bookingCounts(userId),
      repo.violationsSince(userId, new Date(0)),
      repo.violationsSince(userId, new Date(now.getTime() - 30 * 86400_000)),
      repo.memberTags(userId),
      repo.appealsOf(userId),
    ]);
    return {
      ...presentMember(member, now),
      bookings: { total: Object.values(bookings).reduce((s, n) => s + n, 0), byStatus: bookings },
      violations: { total: violationsTotal, last30Days: violations30d },
      tags: tags.map((t: any) => ({
        tag: { id: t.tag.documentId, name: t.tag.name, code: t.tag.code ?? null, color: t.tag.color ?? null },
        expiresAt: iso(t.expires_at),
        expired: Boolean(t.expires_at && new Date(t.expires_at) <= now),
        source: t.source ?? 'staff',
        note: t.note ?? null,
      })),
      appeals: appeals.map(presentAppeal),
    };
  }

  const service = {
    async search(filter: MemberFilter, page: Page) {
      const now = clock.now();
      const { rows, total } = await repo.search(filter, page, now);
      return reply(rows.map((m) => presentMember(m, now)), { pagination: pagination(page, total) });
    },

    detail: async (userId: number) => reply(await memberPage(userId)),

    async violations(userId: number, page: Page) {
      await mustFind(userId);
      const { rows, total } = await repo.violations(userId, page);
      return reply(rows, { pagination: pagination(page, total) });
    },

    async banHistory(userId: number, page: Page) {
      await mustFind(userId);
      const { rows, total } = await repo.banHistory(userId, page);
      const names = await repo.staffNames(rows.map((r) => r.actorId!).filter((id) => id != null));
      return {
        data: rows.map((r) => ({ ...r, actorName: r.actorType === 'staff' && r.actorId != null ? names.get(r.actorId) ?? null : null })),
        pagination: pagination(page, total),
      };
    },

    /** The member page's ban history as the API answers it (`banHistory` gives the rows to checks that read them). */
    async listBanHistory(userId: number, page: Page) {
      const { data, pagination: pages } = await service.banHistory(userId, page);
      return reply(data, { pagination: pages });
    },

    async tags() {
      return reply((await repo.tags()).map((t: any) => ({ id: t.documentId, name: t.name, code: t.code ?? null, color: t.color ?? null, defaultValidDays: t.default_valid_days ?? null })));
    },

    async ban(input: { userId: number; until: Date; reason: string; staffId: number }) {
      await inTransaction(strapi, async () => {
        const now = clock.now();
        await mustFind(input.userId);
        const until = checkBanUntil(input.until, now);
        await repo.setBan(input.userId, until, input.reason);
        await repo.recordBan({ userId: input.userId, action: 'ban', until, reason: input.reason, actor: { type: 'staff', id: input.staffId }, at: now });
      });
      return service.detail(input.userId);
    },

    async lift(input: { userId: number; reason: string; staffId: number }) {
      await inTransaction(strapi, async () => {
        const now = clock.now();
        const m = await mustFind(input.userId);
        if (!m.banUntil || m.banUntil <= now) throw fail('INVALID_STATE', 'This member is not banned, so there is no ban to lift.');
        await repo.setBan(input.userId, null, null);
        await repo.recordBan({ userId: input.userId, action: 'lift', until: null, reason: input.reason, actor: { type: 'staff', id: input.staffId }, at: now });
      });
      return service.detail(input.userId);
    },

    async addTag(input: { userId: number; tag: string; expiresAt: Date | null; note: string | null }) {
      await inTransaction(strapi, async () => {
        await mustFind(input.userId);
        const tag = await mustFindTag(input.tag);
        await repo.putTag(input.userId, tag.id, checkTagExpiry(input.expiresAt, clock.now()), input.note);
      });
      return service.detail(input.userId);
    },

    async removeTag(input: { userId: number; tag: string }) {
      await inTransaction(strapi, async () => {
        await mustFind(input.userId);
        const tag = await mustFindTag(input.tag);
        if ((await repo.dropTag(input.userId, tag.id)) === 0) throw fail('NOT_FOUND', `This member does not hold the tag "${tag.name}".`);
      });
      return service.detail(input.userId);
    },

    // ---- appeals ----
    async appealsQueue(filter: { status?: 'open' | 'accepted' | 'rejected' }, page: Page) {
      const now = clock.now();
      const { rows, total } = await repo.appealsQueue(filter, page);
      const names = await repo.staffNames(rows.map((r: any) => r.reviewed_by).filter((id: any) => id != null).map(Number));
      return reply(
        rows.map((a: any) => ({
          ...presentAppeal(a),
          reviewedByName: a.reviewed_by == null ? null : names.get(Number(a.reviewed_by)) ?? null,
          member: a.user
            ? { id: Number(a.user.id), nickname: a.user.nickname ?? null, banUntil: a.user.ban_until && new Date(a.user.ban_until) > now ? iso(a.user.ban_until) : null, banReason: a.user.ban_reason ?? null }
            : null,
        })),
        { pagination: pagination(page, total) },
      );
    },

    /** Accepting lifts the ban (recorded with the appeal and the reviewer), in one transaction. */
    async acceptAppeal(input: { appealId: string; staffId: number; note: string | null }) {
      await inTransaction(strapi, async () => {
        const now = clock.now();
        const appeal = await repo.appeal(input.appealId);
        if (!appeal) throw fail('NOT_FOUND', 'No such appeal.');
        const replyText = input.note || '申诉已通过，封禁已解除。Your appeal was accepted and the ban lifted.';
        if (!(await repo.decideAppeal(appeal.id, 'accepted', replyText, input.staffId, now))) {
          throw fail('INVALID_STATE', `This appeal was already ${appeal.status}.`, { status: appeal.status });
        }
        if (appeal.user) {
          // Decided in raw SQL: the member's profile (GET /api/users/me) shows the appeal.
          memberProfileChanged(strapi, appeal.user.id);
          await repo.setBan(appeal.user.id, null, null);
          await repo.recordBan({ userId: appeal.user.id, action: 'lift', until: null, reason: `appeal accepted${input.note ? `: ${input.note}` : ''}`, actor: { type: 'staff', id: input.staffId }, appealId: appeal.documentId, at: now });
        }
      });
      return reply(presentAppeal(await repo.appeal(input.appealId)));
    },

    /** The reason is the reply the member reads on their profile (GET /api/users/me → ban.appeal.reply). */
    async rejectAppeal(input: { appealId: string; staffId: number; reason: string }) {
      const appeal = await repo.appeal(input.appealId);
      if (!appeal) throw fail('NOT_FOUND', 'No such appeal.');
      if (!(await repo.decideAppeal(appeal.id, 'rejected', input.reason, input.staffId, clock.now()))) {
        throw fail('INVALID_STATE', `This appeal was already ${appeal.status}.`, { status: appeal.status });
      }
      if (appeal.user) memberProfileChanged(strapi, appeal.user.id);
      return reply(presentAppeal(await repo.appeal(input.appealId)));
    },
  };
  return service;
};
