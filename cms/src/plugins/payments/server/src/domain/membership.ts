/**
 * Membership rules.
 *
 * - A tier is sold as a monthly and/or quarterly card when it has a positive price for that plan
 *   (a blank or zero price means "not sold": a free card would be a giveaway, done by staff instead).
 * - A card runs 1 or 3 calendar months in the store's time zone, from now or, when the member already
 *   holds the same tier, from its current expiry (renewals stack). Month ends clamp: Jan 31 + 1 month
 *   = Feb 28/29, Jan 31 + 3 months = Apr 30.
 * - While one tier's card is active, buying a different tier is refused (INVALID_STATE) rather than
 *   silently wasting the days already paid for; the member renews the same tier or waits.
 * - A tier is earned, for good, once cumulative recharges reach its `earnByRechargeFen`; the highest
 *   such tier counts.
 * - Benefits come from one tier, the highest level among an active card and the earned tier (an expired
 *   card is ignored; on a tie the earned tier counts because it does not expire). Without either, the
 *   store's default parameters apply. A tier without a daily quota uses the store default quota.
 */
import { DateTime } from 'luxon';
import { fail } from '../../../../../platform/errors';
import { type Fen } from '../../../../../platform/money';
import { invalid } from './validation';

export interface Tier {
  code: string;
  name: string;
  level: number;
  discountPercent: number;
  bookingHorizonDays: number;
  freeCancelHours: number;
  dailyQuotaHours: number | null;
  priceMonthFen: Fen | null;
  priceQuarterFen: Fen | null;
  earnByRechargeFen: Fen | null;
}

export type Plan = 'month' | 'quarter';

export const PLAN_MONTHS: Readonly<Record<Plan, number>> = { month: 1, quarter: 3 };

const isPlan = (v: unknown): v is Plan => typeof v === 'string' && Object.hasOwn(PLAN_MONTHS, v);

/** Price of a card; VALIDATION when the plan is unknown or this tier is not sold on it. */
export function planPrice(tier: Tier, plan: Plan): Fen {
  if (!isPlan(plan)) throw invalid('plan', 'Choose a plan: "month" or "quarter".');
  const price = plan === 'month' ? tier.priceMonthFen : tier.priceQuarterFen;
  if (price == null || !Number.isSafeInteger(price) || price <= 0) {
    throw invalid('plan', `The ${tier.name} tier is not sold as a ${plan === 'month' ? 'monthly' : 'quarterly'} card.`);
  }
  return price;
}

/**
 * The new validity of a card bought at `now`: it starts at the later of now and the current expiry and
 * runs 1 or 3 calendar months in the store's zone (so DST and month lengths follow the calendar).
 */
export function extendMembership(input: {
  currentExpiresAt: Date | null;
  now: Date;
  plan: Plan;
  tz: string;
}): { startsAt: Date; expiresAt: Date } {
  if (!isPlan(input.plan)) throw invalid('plan', 'Choose a plan: "month" or "quarter".');
  const current = input.currentExpiresAt?.getTime() ?? -Infinity;
  const startsAt = new Date(Math.max(input.now.getTime(), current));
  const start = DateTime.fromJSDate(startsAt, { zone: input.tz });
  if (!start.isValid) throw new RangeError(`unknown store time zone "${input.tz}"`);
  const expiresAt = start.plus({ months: PLAN_MONTHS[input.plan] }).toJSDate();
  return { startsAt, expiresAt };
}

/**
 * A purchase decision: price and validity, or INVALID_STATE when a different tier's card is active.
 * `active` is the member's current card (expired ones may be passed; they are ignored).
 */
export function planMembershipPurchase(input: {
  active: { tier: Pick<Tier, 'code' | 'name'>; expiresAt: Date } | null;
  tier: Tier;
  plan: Plan;
  now: Date;
  tz: string;
}): { priceFen: Fen; startsAt: Date; expiresAt: Date } {
  const priceFen = planPrice(input.tier, input.plan);
  const active = input.active && input.active.expiresAt.getTime() > input.now.getTime() ? input.active : null;
  if (active && active.tier.code !== input.tier.code) {
    throw fail(
      'INVALID_STATE',
      `Your ${active.tier.name} card is active until ${active.expiresAt.toISOString()}; ` +
        `renew ${active.tier.name} or buy ${input.tier.name} after it ends.`,
      { active_tier: active.tier.code, expires_at: active.expiresAt.toISOString() },
    );
  }
  const validity = extendMembership({ currentExpiresAt: active?.expiresAt ?? null, now: input.now, plan: input.plan, tz: input.tz });
  return { priceFen, ...validity };
}

/** The highest-level tier whose recharge threshold is met, or null. */
export function earnedTier<T extends Tier>(cumulativeRechargeFen: Fen, tiers: readonly T[]): T | null {
  let best: T | null = null;
  for (const tier of tiers) {
    if (tier.earnByRechargeFen == null || cumulativeRechargeFen < tier.earnByRechargeFen) continue;
    if (!best || tier.level > best.level) best = tier;
  }
  return best;
}

export interface BenefitDefaults {
  discountPercent: number;
  bookingHorizonDays: number;
  freeCancelHours: number;
  /** null = no daily quota. */
  dailyQuotaHours: number | null;
}

export interface Benefits extends BenefitDefaults {
  tierCode: string | null;
  tierName: string | null;
  level: number;
  /** Expiry of the card that gives these benefits; null for an earned tier or no tier. */
  expiresAt: Date | null;
  source: 'purchased' | 'earned' | null;
}

export function effectiveBenefits(input: {
  purchased?: { tier: Tier; expiresAt: Date } | null;
  earnedTier?: Tier | null;
  now: Date;
  defaults: BenefitDefaults;
}): Benefits {
  const card = input.purchased && input.purchased.expiresAt.getTime() > input.now.getTime() ? input.purchased : null;
  const earned = input.earnedTier ?? null;
  const useCard = card && (!earned || card.tier.level > earned.level);
  const tier = useCard ? card.tier : earned;
  if (!tier) return { ...input.defaults, tierCode: null, tierName: null, level: 0, expiresAt: null, source: null };
  return {
    tierCode: tier.code,
    tierName: tier.name,
    level: tier.level,
    discountPercent: tier.discountPercent,
    bookingHorizonDays: tier.bookingHorizonDays,
    freeCancelHours: tier.freeCancelHours,
    dailyQuotaHours: tier.dailyQuotaHours ?? input.defaults.dailyQuotaHours,
    expiresAt: useCard ? card.expiresAt : null,
    source: useCard ? 'purchased' : 'earned',
  };
}
