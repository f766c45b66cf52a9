import type { Core } from '@strapi/strapi';
import { getPaymentsService, type PaymentsServices } from '../../../../payments/server/src/services/accessor';

export type { Ref } from '../../../../payments/server/src/services/types';

/**
 * What the booking plugin needs from the payments plugin – its declared services and nothing else, typed
 * by payments' own service types (a changed signature there fails the compile here). Every call joins the
 * caller's transaction, so a booking and its payment commit together.
 */
export interface PaymentsPort {
  wallet: Pick<PaymentsServices['wallet'], 'lockAhead' | 'debit' | 'refundPayment' | 'credit'>;
  /** Money aggregates for the dashboard and tag rules (payments owns the money tables). */
  reports: Pick<PaymentsServices['reports'], 'moneySummary' | 'dailyMoneyIn' | 'walletTotals' | 'pendingRefundRequests' | 'membersWhoSpent'>;
  pricing: Pick<PaymentsServices['pricing'], 'benefits' | 'quoteBooking'>;
  coupons: Pick<PaymentsServices['coupons'], 'template' | 'issue' | 'redeem' | 'release'>;
  checkout: Pick<PaymentsServices['checkout'], 'createOrder' | 'refundOrder' | 'closeOrder' | 'onPaid'>;
}

export type Benefits = Awaited<ReturnType<PaymentsPort['pricing']['benefits']>>;
export type BookingQuote = Awaited<ReturnType<PaymentsPort['pricing']['quoteBooking']>>;
export type WalletLockedAhead = Awaited<ReturnType<PaymentsPort['wallet']['lockAhead']>>;

export function paymentsPort(strapi: Core.Strapi): PaymentsPort {
  return {
    get wallet() {
      return getPaymentsService(strapi, 'wallet');
    },
    get pricing() {
      return getPaymentsService(strapi, 'pricing');
    },
    get coupons() {
      return getPaymentsService(strapi, 'coupons');
    },
    get checkout() {
      return getPaymentsService(strapi, 'checkout');
    },
    get reports() {
      return getPaymentsService(strapi, 'reports');
    },
  } satisfies PaymentsPort;
}
