/**
 * Typed client of every member route in docs/api.md. Each function is one route; pages call these and
 * never build URLs themselves.
 */
import { apiRequest, apiUpload, loginWithWechat, logout } from './http';
import type {
  Announcement,
  Appeal,
  Availability,
  BatchCancelResult,
  Booking,
  BookingStatus,
  CheckinQr,
  Coupon,
  CreateBookingRequest,
  JoinWaitlistRequest,
  Envelope,
  LedgerRow,
  LedgerStats,
  LedgerType,
  MembershipPurchaseRequest,
  MembershipTier,
  PageQuery,
  Profile,
  PublicSettings,
  Quote,
  QuoteRequest,
  RechargeOrder,
  RechargePackage,
  RechargeRequest,
  RechargeStatus,
  RefundRequest,
  RefundRequestInput,
  RoomDetail,
  RoomSummary,
  SubscriptionConsent,
  WaitlistEntry,
  Wallet,
  WxPaymentParams,
} from './types';

const get = <T>(path: string, query?: Record<string, any>, auth = true) => apiRequest<T>({ method: 'GET', path, query, auth });
const post = <T>(path: string, data?: unknown, headers?: Record<string, string>) => apiRequest<T>({ method: 'POST', path, data: data ?? {}, headers });
const id = (v: string) => encodeURIComponent(v);

export const auth = {
  login: loginWithWechat,
  logout,
};

export const me = {
  profile: async (): Promise<Profile> => {
    // users-permissions clients expect the profile at the top level; ours also has it under `data`.
    const body = (await get<Profile>('/api/users/me')) as Envelope<Profile> & Partial<Profile>;
    return body.data ?? (body as unknown as Profile);
  },
  updateProfile: (data: { nickname?: string; avatar?: string }) => apiRequest<Profile>({ method: 'PUT', path: '/api/me/profile', data }),
  /** The photo chooseAvatar handed out (a temporary local file), stored on the CMS; answers the profile. */
  uploadAvatar: (filePath: string) => apiUpload<Profile>('/api/me/avatar', filePath, 'file'),
  appeal: (text: string) => post<Appeal>('/api/me/appeals', { text }),
  /** The subscribe-message templates and my unused consents of each. */
  subscriptionTemplates: () => get<SubscriptionConsent[]>('/api/me/subscriptions'),
  /** Counts what wx.requestSubscribeMessage answered "accept" for. */
  subscribe: (accepted: string[]) => post<SubscriptionConsent[]>('/api/me/subscriptions', { accepted }),
};

export const rooms = {
  list: (q: { kind?: 'hall' | 'private'; from?: string; to?: string; sort?: 'availability' } = {}) => get<RoomSummary[]>('/api/booking/rooms', q),
  detail: (roomId: string) => get<RoomDetail>(`/api/booking/rooms/${id(roomId)}`),
  availability: (roomId: string, date: string) => get<Availability>(`/api/booking/rooms/${id(roomId)}/availability`, { date }),
};

export const quotes = {
  create: (q: QuoteRequest) => post<Quote>('/api/booking/quotes', q),
};

export const bookings = {
  /** `idempotencyKey` comes from a BookingAttempt: the same for every retry of one attempt. */
  create: (body: CreateBookingRequest, idempotencyKey: string) => post<Booking>('/api/booking/bookings', body, { 'Idempotency-Key': idempotencyKey }),
  list: (q: PageQuery & { status?: BookingStatus | string } = {}) => get<Booking[]>('/api/booking/bookings', q),
  detail: (bookingId: string) => get<Booking>(`/api/booking/bookings/${id(bookingId)}`),
  cancel: (bookingId: string, reason?: string) => post<Booking>(`/api/booking/bookings/${id(bookingId)}/cancel`, reason ? { reason } : {}),
  cancelMany: (ids: string[], reason?: string) => post<BatchCancelResult[]>('/api/booking/bookings/cancel', reason ? { bookings: ids, reason } : { bookings: ids }),
  /**
   * A WeChat hold with its wx.requestPayment parameters (`payment`) again – or for the first time, for
   * a waiting-list offer; 410 HOLD_EXPIRED once it lapsed.
   */
  payment: (bookingId: string) => post<Booking & { payment: WxPaymentParams }>(`/api/booking/bookings/${id(bookingId)}/payment`),
  qr: (bookingId: string) => get<CheckinQr>(`/api/booking/bookings/${id(bookingId)}/qr`),
  checkIn: (by: { token: string } | { seatCode: string }) => post<Booking>('/api/booking/checkin', by),
  checkOut: (bookingId: string) => post<Booking>('/api/booking/checkout', { booking: bookingId }),
  /** Pay at the desk: the photo of the receipt or transfer (multipart field `file`). */
  uploadOfflineProof: (bookingId: string, filePath: string) => apiUpload<Booking>(`/api/booking/bookings/${id(bookingId)}/offline-proof`, filePath, 'file'),
};

export const waitlist = {
  /** Join the line for a room (no `seat`: any seat) and a range; answers the entry with its position. */
  join: (body: JoinWaitlistRequest) => post<WaitlistEntry>('/api/booking/waitlist', body),
  /** My entries in line: position while waiting, the offer (a hold to pay) once offered. */
  list: () => get<WaitlistEntry[]>('/api/booking/waitlist'),
  /** Leave the line (an open offer is given up). */
  leave: (entryId: string) => apiRequest<{ id: string; status: 'left' }>({ method: 'DELETE', path: `/api/booking/waitlist/${id(entryId)}` }),
};

export const wallet = {
  summary: () => get<Wallet>('/api/payments/wallet'),
  transactions: (q: PageQuery & { type?: LedgerType } = {}) => get<LedgerRow[]>('/api/payments/transactions', q),
  stats: (q: { from?: string; to?: string } = {}) => get<LedgerStats>('/api/payments/transactions/stats', q),
  packages: () => get<RechargePackage[]>('/api/payments/recharge-packages'),
  recharge: (body: RechargeRequest) => post<RechargeOrder>('/api/payments/recharges', body),
  rechargeStatus: (outTradeNo: string) => get<RechargeStatus>(`/api/payments/recharges/${id(outTradeNo)}`),
};

export const memberships = {
  tiers: () => get<MembershipTier[]>('/api/payments/memberships/tiers'),
  purchase: (body: MembershipPurchaseRequest) => post<Record<string, any> & { payment?: WxPaymentParams }>('/api/payments/memberships/purchase', body),
};

export const coupons = {
  mine: (q: { usable?: boolean; amount_fen?: number; room?: string; purpose?: 'booking' | 'recharge' } & PageQuery = {}) => get<Coupon[]>('/api/payments/coupons', q),
};

export const refunds = {
  create: (body: RefundRequestInput) => post<RefundRequest>('/api/payments/refund-requests', body),
  mine: () => get<RefundRequest[]>('/api/payments/refund-requests'),
};

export const content = {
  announcements: () => get<Announcement[]>('/api/announcements'),
  announcement: (announcementId: string) => get<Announcement>(`/api/announcements/${id(announcementId)}`),
  settings: () => get<PublicSettings>('/api/settings/public', undefined, false),
};
