import { parameterConflicts, type ParameterValues } from '../../../cms/src/plugins/booking/server/src/domain/parameter-rules';

const DEFAULTS: ParameterValues = {
  store_timezone: 'Asia/Shanghai', slot_minutes: 30, hold_minutes: 15, max_booking_minutes: 720, booking_horizon_days: 7, daily_quota_hours: 12,
  open_booking_limit: 5, cancel_free_hours: 2, cancel_fee_percent: 20, release_coupon_on_cancel: true, checkin_open_minutes_before: 15,
  no_show_grace_minutes: 15, early_checkout_refund: false, violation_threshold: 3, violation_window_days: 30, ban_days: 7,
  recharge_min_fen: 100, recharge_max_fen: 500000, checkin_token_seconds: 60, customer_service_contact: 'x', offline_payment_enabled: false, offline_hold_minutes: 30, waitlist_offer_minutes: 10, waitlist_max_entries: 5,
};
const rules = (change: Partial<ParameterValues>) => parameterConflicts({ ...DEFAULTS, ...change }).map((c) => c.rule);

describe('parameter rules across fields', () => {
  it('the defaults break none', () => expect(rules({})).toEqual([]));
  it.each<[Partial<ParameterValues>, string]>([
    [{ slot_minutes: 50 }, 'SLOTS_TILE_A_DAY'],
    [{ max_booking_minutes: 100 }, 'MAX_BOOKING_IN_SLOTS'],
    [{ max_booking_minutes: 15 }, 'MAX_BOOKING_IN_SLOTS'],
    [{ hold_minutes: 60, max_booking_minutes: 60 }, 'HOLD_BELOW_MAX_BOOKING'],
    [{ checkin_open_minutes_before: 0, no_show_grace_minutes: 0 }, 'CHECKIN_OPENS_BEFORE_GRACE_ENDS'],
    [{ no_show_grace_minutes: 30 }, 'GRACE_WITHIN_FIRST_SLOT'],
    [{ daily_quota_hours: 1, slot_minutes: 120, max_booking_minutes: 240, no_show_grace_minutes: 15 }, 'QUOTA_FITS_A_SLOT'],
    [{ recharge_min_fen: 1000, recharge_max_fen: 999 }, 'RECHARGE_RANGE'],
    [{ checkin_token_seconds: 600, checkin_open_minutes_before: 2, no_show_grace_minutes: 2 }, 'TOKEN_WITHIN_CHECKIN_WINDOW'],
    [{ offline_payment_enabled: true, offline_hold_minutes: 10 }, 'OFFLINE_HOLD_AT_LEAST_HOLD'],
  ])('%j breaks %s', (change, rule) => expect(rules(change)).toContain(rule));
  it('an offline hold shorter than the seat hold is fine while offline payment is off', () => expect(rules({ offline_hold_minutes: 10 })).toEqual([]));
  it('an empty daily quota means no limit', () => expect(rules({ daily_quota_hours: null })).toEqual([]));
});
