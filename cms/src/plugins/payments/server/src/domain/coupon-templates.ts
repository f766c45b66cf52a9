/**
 * Rules of the coupon template editor and of distribution: which fields a kind of coupon needs, how the
 * validity window must look, and when a hand-out is large enough to go through the member batch job.
 * Pure: the controller's zod schema calls `templateFormProblems` for the cross-field rules.
 */
import type { CouponKind } from './coupons';

export interface CouponTemplateForm {
  name: string;
  description?: string | null;
  kind: CouponKind;
  amount_off_fen?: number | null;
  percent_off?: number | null;
  max_discount_fen?: number | null;
  free_hours?: number | null;
  min_spend_fen: number;
  applies_to: 'booking' | 'recharge' | 'any';
  /** Room documentIds; empty = any room. */
  rooms: string[];
  valid_from?: Date | null;
  valid_to?: Date | null;
  valid_days_after_issue?: number | null;
  per_member_limit: number;
  issue_on_signup: boolean;
  issue_on_recharge_min_fen?: number | null;
  active: boolean;
}

export interface FormProblem {
  field: string;
  message: string;
}

/** Hand-outs to more members than this run as a member batch (background job with progress). */
export const DIRECT_ISSUE_LIMIT = 200;

export const distributionMode = (audience: number): 'direct' | 'batch' => (audience > DIRECT_ISSUE_LIMIT ? 'batch' : 'direct');

/**
 * The rules across fields, each problem naming the field the editor should mark:
 * - the kind's own value is required (amount, percent, hours) and the other kinds' values must be empty;
 * - a discount cap only makes sense on a percentage;
 * - free hours are for bookings only, and so is a room restriction;
 * - the window ends after it starts, and it ends somehow (an end date or days after issue);
 * - a recharge gift needs a coupon that can be used (any purpose is fine).
 */
export function templateFormProblems(f: CouponTemplateForm): FormProblem[] {
  const out: FormProblem[] = [];
  const has = (v: unknown) => v !== null && v !== undefined;
  const valueField = { amount_off: 'amount_off_fen', percent_off: 'percent_off', free_hours: 'free_hours' } as const;
  const needed = valueField[f.kind];
  if (!has(f[needed])) {
    const what = { amount_off: 'an amount off in fen', percent_off: 'a percentage from 1 to 100', free_hours: 'a number of free hours' }[f.kind];
    out.push({ field: needed, message: `This kind of coupon needs ${what}.` });
  }
  for (const [kind, field] of Object.entries(valueField)) {
    if (kind !== f.kind && has(f[field])) out.push({ field, message: `Leave this empty: it only applies to ${kind.replace('_', '-')} coupons.` });
  }
  if (has(f.max_discount_fen) && f.kind !== 'percent_off') out.push({ field: 'max_discount_fen', message: 'A discount cap only applies to percent-off coupons.' });
  if (f.kind === 'amount_off' && has(f.amount_off_fen) && f.min_spend_fen > 0 && (f.amount_off_fen as number) > f.min_spend_fen) {
    out.push({ field: 'amount_off_fen', message: 'The amount off is larger than the minimum spend; raise the minimum spend or lower the amount.' });
  }
  if (f.kind === 'free_hours' && f.applies_to !== 'booking') out.push({ field: 'applies_to', message: 'Free hours can only be used on bookings.' });
  if (f.rooms.length > 0 && f.applies_to === 'recharge') out.push({ field: 'rooms', message: 'Rooms only restrict booking coupons; clear them or make the coupon for bookings.' });
  if (f.valid_from && f.valid_to && f.valid_to.getTime() <= f.valid_from.getTime()) {
    out.push({ field: 'valid_to', message: 'The end of validity must be after its start.' });
  }
  if (!f.valid_to && !has(f.valid_days_after_issue)) {
    out.push({ field: 'valid_to', message: 'Give an end date or a number of days the coupon stays valid after issue.' });
  }
  return out;
}

/** Redemption rate in whole per mille (0–1000), so it stays an integer; null when nothing was issued. */
export const redemptionPermille = (used: number, issued: number): number | null => (issued > 0 ? Math.round((used * 1000) / issued) : null);

export interface DayCount {
  /** Local day number (days since 1970-01-01 in the store's zone). */
  day: number;
  issued: number;
  used: number;
}

/**
 * The redemption curve: for each day from the first issue to `today`, the coupons issued and used by the
 * end of that day and the rate used/issued, so days without activity still appear on the chart.
 */
export function redemptionSeries(days: DayCount[], today: number, maxDays = 90) {
  if (days.length === 0) return [];
  const byDay = new Map(days.map((d) => [d.day, d]));
  const first = Math.max(Math.min(...days.map((d) => d.day)), today - maxDays + 1);
  let issued = days.filter((d) => d.day < first).reduce((s, d) => s + d.issued, 0);
  let used = days.filter((d) => d.day < first).reduce((s, d) => s + d.used, 0);
  const out: { day: number; issued: number; used: number; issued_total: number; used_total: number; rate_permille: number | null }[] = [];
  for (let day = first; day <= today; day += 1) {
    const d = byDay.get(day);
    issued += d?.issued ?? 0;
    used += d?.used ?? 0;
    out.push({ day, issued: d?.issued ?? 0, used: d?.used ?? 0, issued_total: issued, used_total: used, rate_permille: redemptionPermille(used, issued) });
  }
  return out;
}

/** A local day number as a calendar date (YYYY-MM-DD). */
export const dayNumberToDate = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
