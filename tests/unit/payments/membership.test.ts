import {
  earnedTier,
  effectiveBenefits,
  extendMembership,
  planMembershipPurchase,
  planPrice,
  type Tier,
} from '../../../cms/src/plugins/payments/server/src/domain';
import { catchDomainError } from './helpers';

const TZ = 'Asia/Shanghai';
const tier = (over: Partial<Tier>): Tier => ({
  code: 'silver', name: 'Silver', level: 1, discountPercent: 5, bookingHorizonDays: 7, freeCancelHours: 2,
  dailyQuotaHours: 12, priceMonthFen: 2900, priceQuarterFen: 7900, earnByRechargeFen: 50000, ...over,
});
const silver = tier({});
const gold = tier({ code: 'gold', name: 'Gold', level: 2, discountPercent: 10, bookingHorizonDays: 14, freeCancelHours: 6, dailyQuotaHours: null, priceQuarterFen: null, earnByRechargeFen: 200000 });
const black = tier({ code: 'black', name: 'Black', level: 3, discountPercent: 20, bookingHorizonDays: 30, earnByRechargeFen: null });
const defaults = { discountPercent: 0, bookingHorizonDays: 3, freeCancelHours: 1, dailyQuotaHours: 8 };
// Midnight in Shanghai is 16:00 UTC the day before.
const shanghai = (isoLocal: string) => new Date(`${isoLocal}+08:00`);

describe('membership: prices', () => {
  it('prices the monthly and quarterly cards', () => {
    expect(planPrice(silver, 'month')).toBe(2900);
    expect(planPrice(silver, 'quarter')).toBe(7900);
  });

  it('a plan the tier is not sold on is a validation error naming the tier', () => {
    const err = catchDomainError(() => planPrice(gold, 'quarter'), 'VALIDATION');
    expect(err.message).toContain('Gold');
    catchDomainError(() => planPrice(tier({ priceMonthFen: 0 }), 'month'), 'VALIDATION');
    catchDomainError(() => planPrice(silver, 'year' as never), 'VALIDATION');
  });
});

describe('membership: validity', () => {
  it('a new monthly card runs one calendar month from now', () => {
    const now = shanghai('2025-03-10T15:30:00');
    expect(extendMembership({ currentExpiresAt: null, now, plan: 'month', tz: TZ })).toEqual({
      startsAt: now, expiresAt: shanghai('2025-04-10T15:30:00'),
    });
  });

  it('Jan 31 plus one month is the last day of February', () => {
    const now = shanghai('2025-01-31T10:00:00');
    expect(extendMembership({ currentExpiresAt: null, now, plan: 'month', tz: TZ }).expiresAt).toEqual(shanghai('2025-02-28T10:00:00'));
    const leap = shanghai('2024-01-31T10:00:00');
    expect(extendMembership({ currentExpiresAt: null, now: leap, plan: 'month', tz: TZ }).expiresAt).toEqual(shanghai('2024-02-29T10:00:00'));
  });

  it('a quarter from Jan 31 ends on Apr 30, not in May', () => {
    const now = shanghai('2025-01-31T10:00:00');
    expect(extendMembership({ currentExpiresAt: null, now, plan: 'quarter', tz: TZ }).expiresAt).toEqual(shanghai('2025-04-30T10:00:00'));
  });

  it('months are counted in the store\'s zone, not in UTC', () => {
    // 2025-01-31 01:00 in Shanghai is still Jan 30 in UTC: +1 month must give Feb 28 local, not Feb 28 UTC (= Mar 1 local).
    const now = shanghai('2025-01-31T01:00:00');
    expect(extendMembership({ currentExpiresAt: null, now, plan: 'month', tz: TZ }).expiresAt).toEqual(shanghai('2025-02-28T01:00:00'));
  });

  it('a renewal stacks on the current expiry', () => {
    const now = shanghai('2025-03-10T10:00:00');
    const current = shanghai('2025-03-31T00:00:00');
    expect(extendMembership({ currentExpiresAt: current, now, plan: 'quarter', tz: TZ })).toEqual({
      startsAt: current, expiresAt: shanghai('2025-06-30T00:00:00'),
    });
  });

  it('a lapsed card restarts from now', () => {
    const now = shanghai('2025-03-10T10:00:00');
    const lapsed = shanghai('2025-02-01T00:00:00');
    expect(extendMembership({ currentExpiresAt: lapsed, now, plan: 'month', tz: TZ }).startsAt).toEqual(now);
  });

  it('an unknown time zone is a configuration error', () => {
    expect(() => extendMembership({ currentExpiresAt: null, now: new Date(), plan: 'month', tz: 'Mars/Olympus' })).toThrow(RangeError);
  });

  it('buying the same tier renews it; buying another tier while one is active is refused', () => {
    const now = shanghai('2025-03-10T10:00:00');
    const active = { tier: silver, expiresAt: shanghai('2025-03-20T00:00:00') };
    expect(planMembershipPurchase({ active, tier: silver, plan: 'month', now, tz: TZ })).toEqual({
      priceFen: 2900, startsAt: active.expiresAt, expiresAt: shanghai('2025-04-20T00:00:00'),
    });
    const err = catchDomainError(() => planMembershipPurchase({ active, tier: gold, plan: 'month', now, tz: TZ }), 'INVALID_STATE');
    expect(err.details).toMatchObject({ active_tier: 'silver' });
  });

  it('another tier can be bought once the current card has expired', () => {
    const now = shanghai('2025-03-10T10:00:00');
    const expired = { tier: silver, expiresAt: now };
    expect(planMembershipPurchase({ active: expired, tier: gold, plan: 'month', now, tz: TZ }).startsAt).toEqual(now);
  });
});

describe('membership: earned tiers and benefits', () => {
  const tiers = [silver, gold, black];

  it('earns the highest tier whose threshold is met, exactly at the threshold', () => {
    expect(earnedTier(49999, tiers)).toBeNull();
    expect(earnedTier(50000, tiers)?.code).toBe('silver');
    expect(earnedTier(200000, tiers)?.code).toBe('gold');
    expect(earnedTier(10 ** 9, tiers)?.code).toBe('gold'); // black is sold only
  });

  it('without a tier the store defaults apply', () => {
    expect(effectiveBenefits({ now: new Date(), defaults })).toEqual({
      ...defaults, tierCode: null, tierName: null, level: 0, expiresAt: null, source: null,
    });
  });

  it('an active card gives its benefits and expiry', () => {
    const now = shanghai('2025-03-10T10:00:00');
    const expiresAt = shanghai('2025-04-10T10:00:00');
    expect(effectiveBenefits({ purchased: { tier: black, expiresAt }, now, defaults })).toMatchObject({
      tierCode: 'black', discountPercent: 20, bookingHorizonDays: 30, expiresAt, source: 'purchased',
    });
  });

  it('an expired card is ignored', () => {
    const now = shanghai('2025-03-10T10:00:00');
    const b = effectiveBenefits({ purchased: { tier: black, expiresAt: now }, earnedTier: silver, now, defaults });
    expect(b).toMatchObject({ tierCode: 'silver', expiresAt: null, source: 'earned' });
  });

  it('the higher level wins between a card and an earned tier', () => {
    const now = shanghai('2025-03-10T10:00:00');
    const expiresAt = shanghai('2025-04-10T10:00:00');
    expect(effectiveBenefits({ purchased: { tier: silver, expiresAt }, earnedTier: gold, now, defaults }).tierCode).toBe('gold');
    expect(effectiveBenefits({ purchased: { tier: black, expiresAt }, earnedTier: gold, now, defaults }).tierCode).toBe('black');
  });

  it('on equal levels the earned tier counts, since it does not expire', () => {
    const now = shanghai('2025-03-10T10:00:00');
    const b = effectiveBenefits({ purchased: { tier: silver, expiresAt: shanghai('2025-04-10T10:00:00') }, earnedTier: silver, now, defaults });
    expect(b).toMatchObject({ source: 'earned', expiresAt: null });
  });

  it('a tier without its own daily quota uses the store default', () => {
    const b = effectiveBenefits({ earnedTier: gold, now: new Date(), defaults });
    expect(b.dailyQuotaHours).toBe(8);
  });
});
