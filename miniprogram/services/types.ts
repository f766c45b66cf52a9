/** Shapes of the member API (docs/api.md). Money is integer fen, times ISO 8601 with offsets. */

export interface Envelope<T> {
  data: T;
  meta: { pagination?: Pagination; [key: string]: unknown };
}
export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}
export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export interface Ban {
  until: string;
  reason: string;
  appeal: Appeal | null;
}
export interface Appeal {
  id?: string;
  text: string;
  /** `open` while staff review it, then their decision. */
  status: 'open' | 'accepted' | 'rejected' | string;
  createdAt?: string;
  reply?: string | null;
}
export interface Profile {
  id: number;
  documentId: string;
  nickname: string | null;
  avatar: string | null;
  tier: { code: string; name: string; expiresAt: string | null } | null;
  tags: Array<{ name: string; code: string; color?: string | null; expiresAt?: string | null }>;
  ban: Ban | null;
  createdAt?: string;
}
export interface LoginResult {
  jwt: string;
  refreshToken: string;
  user: { id: number; nickname?: string | null; avatar?: string | null };
  created?: boolean;
}
export interface TokenPair {
  jwt: string;
  refreshToken: string;
}

export type SeatType = 'standard' | 'window' | 'power' | 'standing' | 'room';
export interface OpeningHours {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  opens: string;
  closes: string;
}
export interface RoomSummary {
  id: string;
  name: string;
  kind: 'hall' | 'private';
  status: 'open' | 'maintenance';
  floor?: string | null;
  address?: string | null;
  description?: string | null;
  photos: Array<{ url: string; alternativeText?: string | null } | string>;
  openingHours: OpeningHours[];
  prices: Array<{ seatType: SeatType; price_per_hour_fen: number }>;
  seatCount: number;
  freeSeats?: number;
  window?: { from: string; to: string };
}
export interface LayoutCell {
  row: number;
  col: number;
  kind: 'seat' | 'aisle' | 'wall' | 'door';
  seat?: { id: string; label: string; type: SeatType; enabled: boolean };
}
export interface RoomDetail extends RoomSummary {
  layout: { rows: number; cols: number; cells: LayoutCell[] };
}
export interface TakenRange {
  start: string;
  end: string;
  state: 'held' | 'booked';
  mine: boolean;
}
export interface SeatAvailability {
  id: string;
  label: string;
  type: SeatType;
  enabled: boolean;
  row: number;
  col: number;
  taken: TakenRange[];
}
export interface Availability {
  room: { id: string; name: string; kind: string; status: string };
  date: string;
  timezone: string;
  slotMinutes: number;
  seats: SeatAvailability[];
}
export interface QuoteRequest {
  seat: string;
  start: string;
  end: string;
  coupon?: string;
}
export interface Quote {
  base_fen: number;
  member_discount_fen: number;
  coupon_discount_fen: number;
  total_fen: number;
  coupon?: { id: number; documentId: string } | null;
}

export type PayWith = 'wallet' | 'wechat' | 'offline';

export type ReminderKind = 'booking_confirmed' | 'booking_starting' | 'hold_expiring' | 'no_show' | 'refund_result' | 'waitlist_offer';

/** GET/POST /api/me/subscriptions: a template to ask for, and my accepted, unused one-shot consents. */
export interface SubscriptionConsent {
  kind: ReminderKind;
  templateId: string;
  remaining: number;
}
export type BookingStatus = 'pending_payment' | 'confirmed' | 'checked_in' | 'completed' | 'cancelled' | 'expired' | 'no_show';
export interface WxPaymentParams {
  appId?: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA' | 'MD5' | 'HMAC-SHA256';
  paySign: string;
}
export interface Booking {
  id: string;
  status: BookingStatus;
  seat: { id: string; label: string; type: SeatType };
  room: { id: string; name: string; kind: string };
  start: string;
  end: string;
  releasedFrom: string | null;
  payWith: PayWith;
  base_fen: number;
  member_discount_fen: number;
  coupon_discount_fen: number;
  total_fen: number;
  refund_fen: number;
  fee_fen: number;
  coupon: string | null;
  holdExpiresAt: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdAt: string;
  payment?: WxPaymentParams;
  offlineProof?: { url: string; uploadedAt: string } | null;
  history?: Array<{ from: BookingStatus | null; to: BookingStatus; actor: string; actorId: number | null; reason: string | null; at: string }>;
}
export interface CreateBookingRequest extends QuoteRequest {
  payWith: PayWith;
}
export interface BatchCancelResult {
  id: string;
  ok: boolean;
  booking?: Booking;
  error?: { code: string; message: string };
}
export interface CheckinQr {
  token: string;
  expiresAt: string;
  window?: { opensAt: string; closesAt: string };
}

export interface Wallet {
  balance_fen: number;
  bonus_fen?: number;
  withdrawable_fen?: number;
  recharged_total_fen?: number;
  tier: { code: string; name: string } | string | null;
  tierExpiresAt: string | null;
  benefits?: TierBenefits;
}
export interface TierBenefits {
  discount_percent: number;
  booking_horizon_days: number;
  free_cancel_hours: number;
  daily_quota_hours: number;
}
export type LedgerType =
  | 'recharge'
  | 'recharge_bonus'
  | 'booking_payment'
  | 'cancellation_refund'
  | 'membership_purchase'
  | 'refund_withdrawal'
  | 'staff_adjustment'
  | 'offline_receipt'
  | string;
export interface LedgerRow {
  id: string;
  type: LedgerType;
  amount_fen: number;
  bonus_amount_fen?: number;
  balance_after_fen: number;
  note: string | null;
  createdAt: string;
  ref?: { kind: string; id: string } | null;
}
export interface LedgerStats {
  byType: Array<{ type: LedgerType; total_fen: number; count?: number }>;
  in_fen: number;
  out_fen: number;
}
export interface RechargePackage {
  id: string;
  name?: string;
  amount_fen: number;
  bonus_fen: number;
}
export interface RechargeRequest {
  package?: string;
  amount_fen?: number;
  coupon?: string;
}
export interface RechargeOrder {
  outTradeNo: string;
  payment: WxPaymentParams;
  pay_fen?: number;
  bonus_fen?: number;
  expiresAt?: string;
}
export interface RechargeStatus {
  outTradeNo?: string;
  status: 'pending' | 'paid' | 'closed';
  credited_fen: number;
}
export interface MembershipTier {
  id: string;
  code: string;
  name: string;
  level: number;
  description: string | null;
  benefits: TierBenefits;
  prices: { month_fen: number | null; quarter_fen: number | null };
  earn_by_recharge_fen: number | null;
}
export interface MembershipPurchaseRequest {
  tier: string;
  plan: 'month' | 'quarter';
  payWith: 'wallet' | 'wechat';
}
export interface Coupon {
  id: string;
  name: string;
  kind: 'amount_off' | 'percent_off' | 'free_hours';
  amount_off_fen: number | null;
  percent_off: number | null;
  max_discount_fen: number | null;
  free_hours: number | null;
  min_spend_fen: number;
  applies_to: 'booking' | 'recharge' | 'any';
  valid_from: string;
  valid_to: string;
  status: 'unused' | 'used' | 'expired';
  used_at: string | null;
}
export interface RefundRequestInput {
  kind: 'withdraw' | 'dispute';
  amount_fen?: number;
  booking?: string;
  reason: string;
}
export interface RefundRequest {
  id: string;
  kind: 'withdraw' | 'dispute';
  amount_fen: number | null;
  booking: string | null;
  reason: string;
  status: 'pending' | 'rejected' | 'refunding' | 'completed' | 'partially_refunded' | 'failed' | string;
  decision_note: string | null;
  createdAt: string;
}
export interface Announcement {
  id: string;
  title: string;
  summary: string | null;
  body: unknown;
  cover: { url: string } | string | null;
  pinned: boolean;
  publishAt: string | null;
  expireAt: string | null;
}
export interface PublicSettings {
  storeTimezone: string;
  slotMinutes: number;
  holdMinutes: number;
  maxBookingMinutes: number;
  bookingHorizonDays: number;
  cancelFreeHours: number;
  cancelFeePercent: number;
  checkinOpenMinutesBefore: number;
  noShowGraceMinutes: number;
  rechargeMinFen: number;
  rechargeMaxFen: number;
  customerServiceContact: string;
  /** Pay at the desk (issue 8's contract); absent on servers that predate it. */
  offlinePayment?: { enabled: boolean; holdMinutes: number };
}
/** A waiting-list entry (GET/POST /api/booking/waitlist). */
export interface WaitlistEntry {
  id: string;
  room: { id: string; name: string } | null;
  /** null: any seat of the room. */
  seat: { id: string; label: string } | null;
  start: string;
  end: string;
  status: 'waiting' | 'offered' | 'accepted' | 'lapsed' | 'left';
  joinedAt: string;
  /** 1 = next to be offered; null once offered. */
  position: number | null;
  /** The hold made for me: pay it (POST /bookings/:booking/payment) before expiresAt. */
  offer: { booking: string; seat: { id: string | null; label: string | null }; total_fen: number; expiresAt: string } | null;
}
export interface JoinWaitlistRequest {
  room: string;
  seat?: string;
  start: string;
  end: string;
}
