import type { CouponTemplateRecord } from '../../../api/client';
import { yuan } from '../../../utils/format';

type T = (key: any, values?: Record<string, string | number>) => string;

/** What a coupon gives, in one line ("减 ¥5.00，满 ¥20.00 可用"). */
export function describeTerms(x: Pick<CouponTemplateRecord, 'kind' | 'applies_to' | 'amount_off_fen' | 'percent_off' | 'max_discount_fen' | 'free_hours' | 'min_spend_fen'>, t: T): string {
  const value =
    x.kind === 'amount_off'
      ? t(x.applies_to === 'recharge' ? 'coupons.terms.bonus' : 'coupons.terms.amount', { amount: yuan(x.amount_off_fen) })
      : x.kind === 'percent_off'
        ? t(x.max_discount_fen ? 'coupons.terms.percentCapped' : 'coupons.terms.percent', { percent: x.percent_off ?? 0, cap: yuan(x.max_discount_fen) })
        : t('coupons.terms.hours', { hours: x.free_hours ?? 0 });
  return x.min_spend_fen > 0 ? `${value}，${t('coupons.terms.minSpend', { amount: yuan(x.min_spend_fen) })}` : value;
}

export const permille = (v: number | null) => (v == null ? '—' : `${(v / 10).toFixed(1)}%`);
