/**
 * What several pages need and rarely changes: the store's public settings and the member's benefits.
 * Loaded once per app start (and again on pull-to-refresh), shared by the pages.
 */
import { content, wallet } from './api';
import type { PublicSettings, TierBenefits } from './types';
import { setStoreTimezone } from '../utils/time';

let settings: Promise<PublicSettings> | null = null;
let benefits: Promise<TierBenefits> | null = null;

export function publicSettings(refresh = false): Promise<PublicSettings> {
  if (!settings || refresh) {
    settings = content.settings().then((r) => {
      setStoreTimezone(r.data.storeTimezone);
      return r.data;
    });
    settings.catch(() => {
      settings = null;
    });
  }
  return settings;
}

/** The member's benefits (membership tier applied): booking horizon, free-cancel window, discount. */
export function memberBenefits(refresh = false): Promise<TierBenefits> {
  if (!benefits || refresh) {
    benefits = Promise.all([wallet.summary(), publicSettings()]).then(([w, s]) =>
      w.data.benefits ?? { discount_percent: 0, booking_horizon_days: s.bookingHorizonDays, free_cancel_hours: s.cancelFreeHours, daily_quota_hours: 24 },
    );
    benefits.catch(() => {
      benefits = null;
    });
  }
  return benefits;
}

export const offlinePaymentEnabled = (s: PublicSettings): boolean => !!(s.offlinePayment && s.offlinePayment.enabled);

/** Tests start each case without the previous case's settings. */
export function resetStore(): void {
  settings = null;
  benefits = null;
}
