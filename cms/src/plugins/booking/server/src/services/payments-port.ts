import type { Core } from '@strapi/strapi';

/**
 * What the booking plugin needs from the payments plugin – its declared services and nothing else.
 * Every call joins the caller's strapi.db.transaction, so a booking and its payment commit together.
 */
export interface Ref {
  kind: string;
  id: string | number;
}
export interface Actor {
  type: 'member' | 'staff' | 'system';
  id?: number | null;
}
export interface Benefits {
  tierCode: string | null;
  discountPercent: number;
  bookingHorizonDays: number;
  freeCancelHours: number;
  dailyQuotaHours: number | null;
  expiresAt: Date | string | null;
}
export interface BookingQuote {
  base_fen: number;
  member_discount_fen: number;
  coupon_discount_fen: number;
  total_fen: number;
  coupon: { id?: number; documentId: string } | null;
}
export interface MoneyFigures {
  in: { rechargesFen: number; wechatBookingsFen: number; wechatMembershipsFen: number; offlineReceiptsFen: number; totalFen: number };
  out: { refundsFen: number };
  consumption: { bookingsFen: number; membershipsFen: number; totalFen: number };
}
export interface PaymentsPort {
  wallet: {
    debit(input: { userId: number; amountFen: number; type: string; ref: Ref; actor: Actor; note?: string }): Promise<{ entryId: number; balanceAfterFen: number }>;
    refundPayment(input: { userId: number; ref: Ref; refundFen: number; actor: Actor; note?: string }): Promise<unknown>;
    /** An offline receipt (money taken at the desk or by transfer) is a credit of type 'offline_receipt'. */
    credit(input: { userId: number; principalFen: number; type: 'offline_receipt'; ref: Ref; actor: Actor; note?: string; dedupeKey?: string }): Promise<{ entryId: number; balanceAfterFen: number }>;
  };
  /** Money aggregates for the dashboard (payments owns the money tables). */
  reports: {
    moneySummary(windows: { from: Date; to: Date }[]): Promise<MoneyFigures[]>;
    dailyMoneyIn(input: { from: Date; offsetSeconds: number }): Promise<Map<number, number>>;
    walletTotals(): Promise<{ balanceFen: number; bonusFen: number; wallets: number }>;
    pendingRefundRequests(): Promise<{ withdraw: number; dispute: number }>;
    /** Tag rules: members who spent at least minFen since `since` (bookings and cards, net of refunds). */
    membersWhoSpent(input: { since: Date; minFen: number }): Promise<{ userId: number; spentFen: number }[]>;
  };
  pricing: {
    benefits(userId: number, now: Date): Promise<Benefits>;
    /** `memberDiscountPercent`: the member's benefits as already read for this request (saves reading them again). */
    quoteBooking(input: { userId: number; baseFen: number; pricePerHourFen: number; minutes: number; roomId: string; couponId?: string | null; now: Date; memberDiscountPercent?: number }): Promise<BookingQuote>;
  };
  coupons: {
    /** Issues one coupon; with an issueKey a replay returns the first coupon (reason 'duplicate'). */
    /** The template, checked (exists, active, valid terms), to pass to `issue` many times. */
    template(template: string): Promise<unknown>;
    issue(input: { template: string | unknown; userId: number; source: 'staff'; issuedBy?: number | null; issueKey?: string | null }): Promise<{ issued: boolean; reason?: 'duplicate' | 'limit' }>;
    redeem(input: { couponId: string; userId: number; ref: Ref; now: Date }): Promise<unknown>;
    /** reason 'cancelled' applies the store's release_coupon_on_cancel rule; 'payment_failed' always releases. */
    release(input: { couponId: string; ref: Ref; reason?: 'cancelled' | 'payment_failed' }): Promise<unknown>;
  };
  checkout: {
    createOrder(input: { userId: number; purpose: 'booking'; refId: string; amountFen: number; description: string; expiresAt: Date }): Promise<{ outTradeNo: string; payment: Record<string, string> }>;
    refundOrder(input: { outTradeNo: string; refundFen: number; reason: string; ref: Ref }): Promise<unknown>;
    closeOrder(outTradeNo: string): Promise<unknown>;
    onPaid(purpose: 'booking', handler: (paid: { outTradeNo: string; refId: string; userId: number; amountFen: number; paidAt: Date }) => Promise<void>): void;
  };
}

export function paymentsPort(strapi: Core.Strapi): PaymentsPort {
  const plugin = strapi.plugin('payments');
  return {
    get wallet() {
      return plugin.service('wallet');
    },
    get pricing() {
      return plugin.service('pricing');
    },
    get coupons() {
      return plugin.service('coupons');
    },
    get checkout() {
      return plugin.service('checkout');
    },
    get reports() {
      return plugin.service('reports');
    },
  } as PaymentsPort;
}
