/** The parameters page's topics, in the order staff think of them; each field's text is in the translations. */
export const PARAMETER_GROUPS: { id: string; fields: string[] }[] = [
  { id: 'booking', fields: ['store_timezone', 'slot_minutes', 'hold_minutes', 'max_booking_minutes', 'booking_horizon_days', 'daily_quota_hours', 'open_booking_limit', 'waitlist_offer_minutes', 'waitlist_max_entries'] },
  { id: 'cancellation', fields: ['cancel_free_hours', 'cancel_fee_percent', 'release_coupon_on_cancel'] },
  { id: 'checkin', fields: ['checkin_open_minutes_before', 'no_show_grace_minutes', 'checkin_token_seconds', 'early_checkout_refund'] },
  { id: 'violations', fields: ['violation_threshold', 'violation_window_days', 'ban_days'] },
  { id: 'recharge', fields: ['recharge_min_fen', 'recharge_max_fen'] },
  { id: 'contact', fields: ['customer_service_contact'] },
  { id: 'offline', fields: ['offline_payment_enabled', 'offline_hold_minutes'] },
];
