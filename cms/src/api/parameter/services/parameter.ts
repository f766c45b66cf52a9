import type { Core } from '@strapi/strapi';
import { parametersRepository } from '../../../repositories/parameters';
import { runtime } from '../../../platform/runtime';
import { invalidateOnWrites } from '../../../platform/invalidation-bus';
import { reply } from '../../../platform/reply';

/**
 * Business parameters (a single type staff edit). Every rule reads them through `current()`, which
 * falls back to the schema defaults so a fresh database behaves sensibly before anyone saves the form.
 * `current()` is served from this process's memory; any write to the single type drops it on every
 * process (platform/invalidation-bus.ts), so a staff edit applies everywhere within a second.
 */
export interface Parameters {
  store_timezone: string;
  slot_minutes: number;
  hold_minutes: number;
  max_booking_minutes: number;
  booking_horizon_days: number;
  daily_quota_hours: number | null;
  open_booking_limit: number | null;
  cancel_free_hours: number;
  cancel_fee_percent: number;
  release_coupon_on_cancel: boolean;
  checkin_open_minutes_before: number;
  no_show_grace_minutes: number;
  early_checkout_refund: boolean;
  violation_threshold: number;
  violation_window_days: number;
  ban_days: number;
  recharge_min_fen: number;
  recharge_max_fen: number;
  checkin_token_seconds: number;
  customer_service_contact: string;
  /** Members may book with payWith "offline" (transfer or cash, verified by the front desk). */
  offline_payment_enabled: boolean;
  /** How long an offline hold waits for staff verification before it expires. */
  offline_hold_minutes: number;
  /** How long a waiting-list offer (a hold made for the first member in line) waits for payment. */
  waitlist_offer_minutes: number;
  /** Waiting-list entries a member may have in line at once. */
  waitlist_max_entries: number;
}

const UID = 'api::parameter.parameter';

const cache = () => runtime().cache<Parameters>('parameters');

async function read(strapi: Core.Strapi): Promise<Parameters> {
  const repo = parametersRepository(strapi);
  const row = await repo.row();
  const defaults = repo.schemaDefaults();
  if (!row) return defaults as unknown as Parameters;
  const merged: Record<string, unknown> = { ...defaults };
  for (const k of Object.keys(defaults)) if (row[k] !== null && row[k] !== undefined) merged[k] = row[k];
  return merged as unknown as Parameters;
}

/** Call once at bootstrap: every write to the single type drops the cached parameters everywhere. */
export function subscribeParameterInvalidation() {
  invalidateOnWrites(strapi, [UID], cache);
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async current(): Promise<Parameters> {
    // A copy: a caller changing its parameters object must not change the next caller's.
    return { ...(await cache().get('current', () => read(strapi))) };
  },

  /** Creates the single type with defaults when missing (bootstrap). */
  async ensure() {
    const repo = parametersRepository(strapi);
    if (!(await repo.row())) await repo.save(repo.schemaDefaults());
  },

  /** The settings the mini program reads (GET /api/settings/public), as the finished reply. */
  async publicSettings() {
    const p = await this.current();
    return reply({
      storeTimezone: p.store_timezone,
      slotMinutes: p.slot_minutes,
      holdMinutes: p.hold_minutes,
      maxBookingMinutes: p.max_booking_minutes,
      bookingHorizonDays: p.booking_horizon_days,
      cancelFreeHours: p.cancel_free_hours,
      cancelFeePercent: p.cancel_fee_percent,
      checkinOpenMinutesBefore: p.checkin_open_minutes_before,
      noShowGraceMinutes: p.no_show_grace_minutes,
      rechargeMinFen: p.recharge_min_fen,
      rechargeMaxFen: p.recharge_max_fen,
      customerServiceContact: p.customer_service_contact,
      offlinePayment: { enabled: !!p.offline_payment_enabled, holdMinutes: p.offline_hold_minutes },
      waitlist: { offerMinutes: p.waitlist_offer_minutes, maxEntries: p.waitlist_max_entries },
    });
  },
});
