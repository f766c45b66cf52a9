/**
 * Membership cards (bought by wallet or WeChat Pay) and tiers earned by cumulative recharge.
 * A purchase locks the member's wallet row first, so two purchases of one member are decided one after
 * the other (renewals stack on the expiry the previous one set, never on a stale read).
 */
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { earnedTier, effectiveBenefits, extendMembership, planMembershipPurchase, planPrice, type Benefits, type Plan } from '../domain';
import { catalogRepository, type TierRow } from '../repositories/catalog';
import { membershipsRepository, type MembershipRow } from '../repositories/memberships';
import { iso } from '../repositories/support';
import { walletsRepository } from '../repositories/wallets';
import { getPaymentsService } from './accessor';
import { inTransaction } from '../../../../../platform/transaction';
import { memberBenefitFactsCache, memberProfileChanged } from '../../../../../platform/member-profile-cache';
import type { PaidOrder, ClosedOrder } from './types';

/** How long a member has to pay a WeChat order for a card. */
const WECHAT_ORDER_MINUTES = 30;

export const presentTier = (t: TierRow) => ({
  id: t.documentId,
  code: t.code,
  name: t.name,
  level: t.level,
  description: t.description,
  benefits: {
    discount_percent: t.discountPercent,
    booking_horizon_days: t.bookingHorizonDays,
    free_cancel_hours: t.freeCancelHours,
    daily_quota_hours: t.dailyQuotaHours,
  },
  prices: { month_fen: t.priceMonthFen && t.priceMonthFen > 0 ? t.priceMonthFen : null, quarter_fen: t.priceQuarterFen && t.priceQuarterFen > 0 ? t.priceQuarterFen : null },
  earn_by_recharge_fen: t.earnByRechargeFen,
});

export const presentMembership = (m: MembershipRow, tier?: TierRow | null) => ({
  id: m.documentId,
  tier: m.tierCode,
  tierName: tier?.name ?? null,
  plan: m.plan,
  price_fen: m.priceFen,
  payWith: m.payWith,
  status: m.status,
  startsAt: iso(m.startsAt),
  expiresAt: iso(m.expiresAt),
  outTradeNo: m.outTradeNo,
});

export default ({ strapi }: { strapi: any }) => {
  const repo = membershipsRepository(strapi);
  const catalog = catalogRepository(strapi);
  const wallets = walletsRepository(strapi);

  async function findTier(key: string): Promise<TierRow> {
    const tier = (await catalog.tiers()).find((t) => t.code === key || t.documentId === key);
    if (!tier) throw fail('NOT_FOUND', `There is no membership tier "${key}".`);
    return tier;
  }

  /**
   * The member's active card and recharged total, from this process's cache (platform/member-profile-cache.ts:
   * dropped on every process by the writes that change them, and not served past the card's end).
   */
  async function benefitFacts(userId: number, now: Date) {
    return memberBenefitFactsCache<{ card: MembershipRow | null; rechargedTotalFen: number; lapsesAtMs: number | null }>().get(String(userId), async () => {
      const facts = await repo.benefitFacts(userId, now);
      return { ...facts, lapsesAtMs: facts.card?.expiresAt?.getTime() ?? null };
    });
  }

  const service = {
    async tiers() {
      return (await catalog.tiers()).map(presentTier);
    },

    /** The benefits that apply to a member at `now`: best of an active card and the earned tier. */
    async benefits(userId: number, now: Date = clock.now()): Promise<Benefits> {
      const [params, tiers, { card, rechargedTotalFen }] = await Promise.all([catalog.parameters(), catalog.tiers(), benefitFacts(userId, now)]);
      const cardTier = card ? tiers.find((t) => t.id === card.tierId) ?? null : null;
      return effectiveBenefits({
        purchased: card && cardTier ? { tier: cardTier, expiresAt: card.expiresAt! } : null,
        earnedTier: earnedTier(rechargedTotalFen, tiers),
        now,
        defaults: {
          discountPercent: 0,
          bookingHorizonDays: params.booking_horizon_days,
          freeCancelHours: params.cancel_free_hours,
          dailyQuotaHours: params.daily_quota_hours ?? null,
        },
      });
    },

    /** For /api/users/me and the wallet: the tier that applies now, or null. */
    async currentTier(userId: number) {
      const b = await service.benefits(userId, clock.now());
      if (!b.tierCode) return null;
      return { code: b.tierCode, name: b.tierName, level: b.level, expiresAt: b.expiresAt ? b.expiresAt.toISOString() : null, source: b.source };
    },

    /**
     * Buys a card. From the wallet: decided and paid in one transaction. With WeChat Pay: a pending card
     * and an order; the card starts when the payment is confirmed.
     */
    async purchase(input: { userId: number; tier: string; plan: Plan; payWith: 'wallet' | 'wechat' }) {
      const tier = await findTier(input.tier);
      const priceFen = planPrice(tier, input.plan);
      const params = await catalog.parameters();

      if (input.payWith === 'wallet') {
        return inTransaction(strapi, async () => {
          await wallets.lock(input.userId);
          const now = clock.now();
          const active = await service.activeCardWithTier(input.userId, now);
          const decision = planMembershipPurchase({ active, tier, plan: input.plan, now, tz: params.store_timezone });
          const card = await repo.insert({
            userId: input.userId,
            tierId: tier.id,
            tierCode: tier.code,
            plan: input.plan,
            priceFen: decision.priceFen,
            payWith: 'wallet',
            status: 'active',
            outTradeNo: null,
            startsAt: decision.startsAt,
            expiresAt: decision.expiresAt,
          });
          await getPaymentsService(strapi, 'wallet').debit({
            userId: input.userId,
            amountFen: decision.priceFen,
            type: 'membership_purchase',
            ref: { kind: 'membership', id: card.documentId },
            actor: { type: 'member', id: input.userId },
            note: `${tier.name} ${input.plan === 'month' ? '月卡' : '季卡'}`,
          });
          return { membership: presentMembership(card, tier), payment: null };
        });
      }

      // Refuse early what the payment would refuse (another tier active), before anyone pays.
      const now = clock.now();
      planMembershipPurchase({ active: await service.activeCardWithTier(input.userId, now), tier, plan: input.plan, now, tz: params.store_timezone });
      return inTransaction(strapi, async () => {
        const card = await repo.insert({
          userId: input.userId,
          tierId: tier.id,
          tierCode: tier.code,
          plan: input.plan,
          priceFen,
          payWith: 'wechat',
          status: 'pending',
          outTradeNo: null,
          startsAt: null,
          expiresAt: null,
        });
        const order = await getPaymentsService(strapi, 'checkout').createOrder({
          userId: input.userId,
          purpose: 'membership',
          refId: card.documentId,
          amountFen: priceFen,
          description: `自习室会员 ${tier.name} ${input.plan === 'month' ? '月卡' : '季卡'}`,
          expiresAt: new Date(now.getTime() + WECHAT_ORDER_MINUTES * 60_000),
        });
        await repo.setOutTradeNo(card.id, order.outTradeNo);
        return { membership: presentMembership({ ...card, outTradeNo: order.outTradeNo }, tier), outTradeNo: order.outTradeNo, payment: order.payment };
      });
    },

    async activeCardWithTier(userId: number, now: Date) {
      const card = await repo.activeCard(userId, now);
      if (!card) return null;
      const tier = (await catalog.tiers()).find((t) => t.id === card.tierId);
      return { tier: { code: card.tierCode, name: tier?.name ?? card.tierCode }, expiresAt: card.expiresAt! };
    },

    /**
     * A WeChat-paid card starts when the payment is confirmed. The money is in: if another tier's card
     * became active meanwhile, this one starts when that one ends rather than being refused.
     */
    async activatePaid(paid: PaidOrder) {
      await wallets.lockOrCreate(paid.userId);
      const card = await repo.find(paid.refId);
      if (!card || card.status === 'active' || card.status === 'expired') return;
      if (card.status === 'cancelled') {
        // The order had been closed as expired and WeChat still took the money: honour it.
        strapi.log.warn(`[payments] membership ${paid.refId} paid after its order closed; activating it`);
      }
      const params = await catalog.parameters();
      const now = clock.now();
      const active = await repo.activeCard(paid.userId, now);
      const validity = extendMembership({ currentExpiresAt: active?.expiresAt ?? null, now, plan: card.plan, tz: params.store_timezone });
      // Raw SQL: the member's profile (GET /api/users/me) shows the tier.
      if (await repo.activate(card.id, validity, ['pending', 'cancelled'])) memberProfileChanged(strapi, paid.userId);
    },

    async cancelUnpaid(closed: ClosedOrder) {
      const card = await repo.find(closed.refId);
      if (card) await repo.cancelPending(card.id);
    },

    async expireOverdue(now = clock.now()) {
      return repo.expireOverdue(now);
    },

    /** Wallet page: balance with the tier that applies. */
    async walletSummary(userId: number) {
      const [balance, benefits] = await Promise.all([getPaymentsService(strapi, 'wallet').balance(userId), service.benefits(userId, clock.now())]);
      return {
        balance_fen: balance.balance_fen,
        bonus_fen: balance.bonus_fen,
        withdrawable_fen: balance.withdrawable_fen,
        recharged_total_fen: balance.recharged_total_fen,
        tier: benefits.tierCode ? { code: benefits.tierCode, name: benefits.tierName, level: benefits.level, source: benefits.source } : null,
        tierExpiresAt: benefits.expiresAt ? benefits.expiresAt.toISOString() : null,
        benefits: {
          discount_percent: benefits.discountPercent,
          booking_horizon_days: benefits.bookingHorizonDays,
          free_cancel_hours: benefits.freeCancelHours,
          daily_quota_hours: benefits.dailyQuotaHours,
        },
      };
    },
  };
  return service;
};
