import {
  distributionMode,
  redemptionPermille,
  redemptionSeries,
  templateFormProblems,
  type CouponTemplateForm,
} from '../../../cms/src/plugins/payments/server/src/domain/coupon-templates';

const form = (over: Partial<CouponTemplateForm> = {}): CouponTemplateForm => ({
  name: '满20减5',
  kind: 'amount_off',
  amount_off_fen: 500,
  min_spend_fen: 2000,
  applies_to: 'booking',
  rooms: [],
  valid_days_after_issue: 30,
  per_member_limit: 1,
  issue_on_signup: false,
  active: true,
  ...over,
});
const fields = (f: CouponTemplateForm) => templateFormProblems(f).map((p) => p.field).sort();

describe('coupon template form rules', () => {
  it('a complete amount-off template has no problems', () => {
    expect(templateFormProblems(form())).toEqual([]);
  });

  it('each kind needs its own value and no other kind’s', () => {
    expect(fields(form({ kind: 'percent_off' }))).toEqual(['amount_off_fen', 'percent_off']);
    expect(fields(form({ kind: 'percent_off', amount_off_fen: null, percent_off: 20, max_discount_fen: 1000 }))).toEqual([]);
    expect(fields(form({ kind: 'free_hours', amount_off_fen: null }))).toEqual(['free_hours']);
  });

  it('a cap only on percentages; free hours and rooms only for bookings', () => {
    expect(fields(form({ max_discount_fen: 300 }))).toEqual(['max_discount_fen']);
    expect(fields(form({ kind: 'free_hours', amount_off_fen: null, free_hours: 2, applies_to: 'any' }))).toEqual(['applies_to']);
    expect(fields(form({ applies_to: 'recharge', rooms: ['room1'] }))).toEqual(['rooms']);
  });

  it('an amount off larger than the minimum spend is refused (the coupon would make orders free)', () => {
    expect(fields(form({ amount_off_fen: 2500, min_spend_fen: 2000 }))).toEqual(['amount_off_fen']);
    expect(fields(form({ amount_off_fen: 2500, min_spend_fen: 0 }))).toEqual([]);
  });

  it('the window ends after it starts, and it ends somehow', () => {
    expect(fields(form({ valid_from: new Date('2026-12-10T00:00:00+08:00'), valid_to: new Date('2026-12-10T00:00:00+08:00') }))).toEqual(['valid_to']);
    expect(fields(form({ valid_days_after_issue: null }))).toEqual(['valid_to']);
    expect(fields(form({ valid_days_after_issue: null, valid_to: new Date('2027-01-01T00:00:00+08:00') }))).toEqual([]);
  });
});

describe('distribution and redemption figures', () => {
  it('more than 200 members go through the batch job', () => {
    expect(distributionMode(200)).toBe('direct');
    expect(distributionMode(201)).toBe('batch');
  });

  it('redemption is in whole per mille, null when nothing was issued', () => {
    expect(redemptionPermille(0, 0)).toBeNull();
    expect(redemptionPermille(1, 3)).toBe(333);
    expect(redemptionPermille(2, 3)).toBe(667);
  });

  it('the series fills quiet days and accumulates issued and used', () => {
    const s = redemptionSeries([{ day: 100, issued: 4, used: 0 }, { day: 102, issued: 0, used: 1 }, { day: 103, issued: 1, used: 1 }], 104);
    expect(s.map((d) => [d.day, d.issued_total, d.used_total, d.rate_permille])).toEqual([
      [100, 4, 0, 0],
      [101, 4, 0, 0],
      [102, 4, 1, 250],
      [103, 5, 2, 400],
      [104, 5, 2, 400],
    ]);
  });

  it('the series is at most 90 days long, earlier days folded into the totals', () => {
    const s = redemptionSeries([{ day: 0, issued: 10, used: 5 }, { day: 200, issued: 0, used: 1 }], 200);
    expect(s).toHaveLength(90);
    expect(s[0]).toMatchObject({ day: 111, issued_total: 10, used_total: 5 });
    expect(s[89]).toMatchObject({ issued_total: 10, used_total: 6, rate_permille: 600 });
  });
});
