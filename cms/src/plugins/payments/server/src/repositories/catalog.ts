/**
 * Reads of what staff edit in the content manager (the app's content types) and of the member record:
 * recharge packages, membership tiers, coupon templates, tags, parameters, the payer openid.
 */
import type { CouponTerms, Tier } from '../domain';
import { toDate } from './support';
import { getAppService } from '../../../../../api/accessor';
import { runtime } from '../../../../../platform/runtime';
import { invalidateOnWrites } from '../../../../../platform/invalidation-bus';

const PACKAGE = 'api::recharge-package.recharge-package';
const TIER = 'api::membership-tier.membership-tier';
const TIERS_TOPIC = 'membership-tiers';

/** Call once at bootstrap: every write to a membership tier drops the cached tiers everywhere. */
export function subscribeTierInvalidation(strapi: any) {
  invalidateOnWrites(strapi, [TIER], () => runtime().cache(TIERS_TOPIC));
}
const TEMPLATE = 'api::coupon-template.coupon-template';
const TAG = 'api::tag.tag';
const MEMBER_TAG = 'api::member-tag.member-tag';
const USER = 'plugin::users-permissions.user';

export interface RechargePackage {
  id: number;
  documentId: string;
  name: string;
  amountFen: number;
  bonusFen: number;
}

export interface TierRow extends Tier {
  id: number;
  documentId: string;
  description: string | null;
}

export interface CouponTemplate {
  id: number;
  documentId: string;
  name: string;
  terms: CouponTerms;
  validFrom: Date | null;
  validTo: Date | null;
  validDaysAfterIssue: number | null;
  perMemberLimit: number | null;
  issueOnSignup: boolean;
  issueOnRechargeMinFen: number | null;
  active: boolean;
}

const packageOf = (r: any): RechargePackage => ({
  id: r.id,
  documentId: r.documentId,
  name: r.name,
  amountFen: Number(r.amount_fen),
  bonusFen: Number(r.bonus_fen ?? 0),
});

const tierOf = (r: any): TierRow => ({
  id: r.id,
  documentId: r.documentId,
  code: r.code,
  name: r.name,
  level: Number(r.level ?? 1),
  discountPercent: Number(r.discount_percent ?? 0),
  bookingHorizonDays: Number(r.booking_horizon_days ?? 0),
  freeCancelHours: Number(r.free_cancel_hours ?? 0),
  dailyQuotaHours: r.daily_quota_hours == null ? null : Number(r.daily_quota_hours),
  priceMonthFen: r.price_month_fen == null ? null : Number(r.price_month_fen),
  priceQuarterFen: r.price_quarter_fen == null ? null : Number(r.price_quarter_fen),
  earnByRechargeFen: r.earn_by_recharge_fen == null ? null : Number(r.earn_by_recharge_fen),
  description: r.description ?? null,
});

export const templateOf = (r: any): CouponTemplate => ({
  id: r.id,
  documentId: r.documentId,
  name: r.name,
  terms: {
    kind: r.kind,
    amountOffFen: r.amount_off_fen ?? null,
    percentOff: r.percent_off ?? null,
    maxDiscountFen: r.max_discount_fen ?? null,
    freeHours: r.free_hours ?? null,
    minSpendFen: Number(r.min_spend_fen ?? 0),
    roomIds: (r.rooms ?? []).map((room: any) => room.documentId),
    appliesTo: r.applies_to ?? 'booking',
  },
  validFrom: toDate(r.valid_from),
  validTo: toDate(r.valid_to),
  validDaysAfterIssue: r.valid_days_after_issue ?? null,
  perMemberLimit: r.per_member_limit ?? null,
  issueOnSignup: Boolean(r.issue_on_signup),
  issueOnRechargeMinFen: r.issue_on_recharge_min_fen ?? null,
  active: r.active !== false && r.active !== 0,
});

export const catalogRepository = (strapi: any) => ({
  async parameters() {
    return getAppService(strapi, 'parameter').current();
  },

  async activePackages(): Promise<RechargePackage[]> {
    const rows = await strapi.db.query(PACKAGE).findMany({ where: { active: true }, orderBy: [{ sort: 'asc' }, { amount_fen: 'asc' }] });
    return rows.map(packageOf);
  },

  async activePackage(documentId: string): Promise<RechargePackage | null> {
    const row = await strapi.db.query(PACKAGE).findOne({ where: { documentId, active: true } });
    return row ? packageOf(row) : null;
  },

  /** Served from this process's memory; any write to a tier drops it on every process (bootstrap). */
  async tiers(): Promise<TierRow[]> {
    return runtime()
      .cache<TierRow[]>(TIERS_TOPIC)
      .get('all', async () => (await strapi.db.query(TIER).findMany({ orderBy: [{ level: 'asc' }, { id: 'asc' }] })).map(tierOf));
  },

  async template(idOrDocumentId: number | string): Promise<CouponTemplate | null> {
    const where = typeof idOrDocumentId === 'number' ? { id: idOrDocumentId } : { documentId: idOrDocumentId };
    const row = await strapi.db.query(TEMPLATE).findOne({ where, populate: { rooms: { select: ['documentId'] } } });
    return row ? templateOf(row) : null;
  },

  async signupTemplates(): Promise<CouponTemplate[]> {
    const rows = await strapi.db.query(TEMPLATE).findMany({ where: { issue_on_signup: true, active: true }, populate: { rooms: { select: ['documentId'] } } });
    return rows.map(templateOf);
  },

  async rechargeTemplates(paidFen: number): Promise<CouponTemplate[]> {
    const rows = await strapi.db.query(TEMPLATE).findMany({
      where: { active: true, issue_on_recharge_min_fen: { $notNull: true, $lte: paidFen } },
      populate: { rooms: { select: ['documentId'] } },
    });
    return rows.map(templateOf);
  },

  async tagByDocumentId(documentId: string): Promise<{ id: number; documentId: string; name: string } | null> {
    const row = await strapi.db.query(TAG).findOne({ where: { documentId } });
    return row ? { id: row.id, documentId: row.documentId, name: row.name } : null;
  },

  /** Members holding a tag now (an expired tag no longer counts). */
  async membersWithTag(tagId: number, now: Date): Promise<number[]> {
    const rows = await strapi.db.query(MEMBER_TAG).findMany({
      where: { tag: tagId, $or: [{ expires_at: null }, { expires_at: { $gt: now } }] },
      populate: { user: { select: ['id'] } },
    });
    return [...new Set<number>(rows.filter((r: any) => r.user).map((r: any) => Number(r.user.id)))].sort((a, b) => a - b);
  },

  /** Nicknames for staff lists (refund queue). */
  async memberNicknames(userIds: number[]): Promise<Map<number, string | null>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const rows = await strapi.db.query(USER).findMany({ where: { id: { $in: ids } }, select: ['id', 'nickname'] });
    return new Map(rows.map((r: any) => [Number(r.id), r.nickname ?? null]));
  },

  async member(userId: number): Promise<{ id: number; openid: string | null; blocked: boolean } | null> {
    const row = await strapi.db.query(USER).findOne({ where: { id: userId }, select: ['id', 'openid', 'blocked'] });
    return row ? { id: row.id, openid: row.openid ?? null, blocked: Boolean(row.blocked) } : null;
  },

  async memberIdByDocumentId(documentId: string): Promise<number | null> {
    const row = await strapi.db.query(USER).findOne({ where: { documentId }, select: ['id'] });
    return row ? Number(row.id) : null;
  },

  async roomIdByDocumentId(documentId: string): Promise<number | null> {
    const row = await strapi.db.query('api::room.room').findOne({ where: { documentId }, select: ['id'] });
    return row ? Number(row.id) : null;
  },
});

export type CatalogRepository = ReturnType<typeof catalogRepository>;
