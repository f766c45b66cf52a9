/**
 * Rules between business parameters that a single field's range cannot express. Each broken rule names
 * the fields it involves and a sentence staff can act on; the parameters service refuses the save with
 * `400 VALIDATION`, `details.errors[].rule` carrying the rule's stable name.
 */
import type { Parameters } from '../../../../../api/parameter/services/parameter';

/** The parameters as the store keeps them (declared once, by the parameter service). */
export type ParameterValues = Parameters;

export interface ParameterConflict {
  rule: string;
  fields: (keyof ParameterValues)[];
  message: string;
}

export function parameterConflicts(p: ParameterValues): ParameterConflict[] {
  const out: ParameterConflict[] = [];
  const add = (rule: string, fields: (keyof ParameterValues)[], message: string) => out.push({ rule, fields, message });

  if (1440 % p.slot_minutes !== 0) {
    add('SLOTS_TILE_A_DAY', ['slot_minutes'], `A day must split into whole slots: ${p.slot_minutes} does not divide 1440 minutes (use 15, 20, 30, 60, 120…).`);
  }
  if (p.max_booking_minutes < p.slot_minutes || p.max_booking_minutes % p.slot_minutes !== 0) {
    add('MAX_BOOKING_IN_SLOTS', ['max_booking_minutes', 'slot_minutes'], `The longest booking (${p.max_booking_minutes} min) must be a whole number of slots of ${p.slot_minutes} min.`);
  }
  if (p.hold_minutes >= p.max_booking_minutes) {
    add('HOLD_BELOW_MAX_BOOKING', ['hold_minutes', 'max_booking_minutes'], `A seat hold (${p.hold_minutes} min) must be shorter than the longest booking (${p.max_booking_minutes} min).`);
  }
  if (p.checkin_open_minutes_before + p.no_show_grace_minutes <= 0) {
    add('CHECKIN_OPENS_BEFORE_GRACE_ENDS', ['checkin_open_minutes_before', 'no_show_grace_minutes'], 'Check-in must open before the no-show grace ends: give check-in some minutes before the start, or the no-show grace some minutes after it.');
  }
  if (p.no_show_grace_minutes >= p.slot_minutes) {
    add('GRACE_WITHIN_FIRST_SLOT', ['no_show_grace_minutes', 'slot_minutes'], `The no-show grace (${p.no_show_grace_minutes} min) must end inside the first slot (${p.slot_minutes} min), or a one-slot booking ends before a no-show is noticed.`);
  }
  if (p.daily_quota_hours !== null && p.daily_quota_hours * 60 < p.slot_minutes) {
    add('QUOTA_FITS_A_SLOT', ['daily_quota_hours', 'slot_minutes'], `The daily quota (${p.daily_quota_hours} h) is shorter than one slot: nobody could book.`);
  }
  if (p.recharge_min_fen > p.recharge_max_fen) {
    add('RECHARGE_RANGE', ['recharge_min_fen', 'recharge_max_fen'], 'The smallest recharge must not exceed the largest.');
  }
  if (p.checkin_token_seconds > (p.checkin_open_minutes_before + p.no_show_grace_minutes) * 60 && p.checkin_open_minutes_before + p.no_show_grace_minutes > 0) {
    add('TOKEN_WITHIN_CHECKIN_WINDOW', ['checkin_token_seconds', 'checkin_open_minutes_before', 'no_show_grace_minutes'], 'A check-in code must not outlive the whole check-in window.');
  }
  if (p.offline_payment_enabled && p.offline_hold_minutes < p.hold_minutes) {
    add('OFFLINE_HOLD_AT_LEAST_HOLD', ['offline_hold_minutes', 'hold_minutes'], `An offline payment hold (${p.offline_hold_minutes} min) should last at least as long as an ordinary hold (${p.hold_minutes} min): staff need time to verify.`);
  }
  return out;
}
