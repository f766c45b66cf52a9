import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { envelope, paged, registerMemberRoute, type MemberRoute } from './registry';
import * as bookingIn from '../plugins/booking/server/src/controllers/validators';
import * as bookingOut from '../plugins/booking/server/src/controllers/responses';
import * as paymentsIn from '../plugins/payments/server/src/controllers/validators';
import * as paymentsOut from '../plugins/payments/server/src/controllers/responses';
import { loginBody, profileBody, appealBody, subscriptionsBody } from '../api/member/controllers/member';
import { listQuery as announcementsQuery, idParam as announcementParam } from '../api/announcement/controllers/announcement';

/**
 * Every content-API route a member (or an anonymous visitor, or WeChat) can reach, with the zod schemas
 * its controller parses. tests/integration/operations/openapi.test.ts walks the running Strapi's routes
 * and fails when one is missing here: add a route here when you add it to a routes file.
 */
const time = z.string().describe('ISO 8601 time');

const Tag = z.object({ name: z.string(), code: z.string().nullable(), color: z.string().nullable(), expiresAt: time.nullable() });
const Profile = z
  .looseObject({
    id: z.number().int(),
    documentId: z.string(),
    username: z.string(),
    nickname: z.string().nullable(),
    avatar: z.string().nullable(),
    tier: z.object({ code: z.string(), name: z.string(), expiresAt: time.nullable() }).nullable(),
    tags: z.array(Tag),
    ban: z.looseObject({ until: time, reason: z.string().nullable(), appeal: z.looseObject({}).nullable() }).nullable(),
    createdAt: time,
  })
  .meta({ id: 'MemberProfile' });
const Appeal = z.object({ id: z.string(), status: z.string(), text: z.string(), createdAt: time }).meta({ id: 'Appeal' });
const Announcement = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string().nullable(),
    body: z.unknown().describe('rich text (blocks or markdown, as edited)'),
    cover: z.object({ url: z.string(), width: z.number().nullable(), height: z.number().nullable() }).nullable(),
    pinned: z.boolean(),
    audience: z.string(),
    publishAt: time,
    expireAt: time.nullable(),
  })
  .meta({ id: 'Announcement' });
const PublicSettings = z
  .object({
    storeTimezone: z.string(),
    slotMinutes: z.number().int(),
    holdMinutes: z.number().int(),
    maxBookingMinutes: z.number().int(),
    bookingHorizonDays: z.number().int(),
    cancelFreeHours: z.number(),
    cancelFeePercent: z.number(),
    checkinOpenMinutesBefore: z.number().int(),
    noShowGraceMinutes: z.number().int(),
    rechargeMinFen: z.number().int(),
    rechargeMaxFen: z.number().int(),
    customerServiceContact: z.string().nullable(),
  })
  .meta({ id: 'PublicSettings' });
const SubscriptionConsent = z
  .object({
    kind: z.enum(['booking_confirmed', 'booking_starting', 'hold_expiring', 'no_show', 'refund_result', 'waitlist_offer']),
    templateId: z.string().describe('the WeChat template id to pass to wx.requestSubscribeMessage'),
    remaining: z.number().int().describe('accepted and not yet used one-shot consents'),
  })
  .meta({ id: 'SubscriptionConsent' });
const Tokens = z.object({ jwt: z.string(), refreshToken: z.string() });

const ok = (schema: z.ZodTypeAny, description = 'OK') => ({ 200: { description, schema } });
const created = (schema: z.ZodTypeAny, description = 'Created') => ({ 201: { description, schema } });

export const MEMBER_ROUTES: MemberRoute[] = [
  // ---------------------------------------------------------------- auth and me
  { method: 'post', path: '/auth/wechat/login', tag: 'Auth and me', summary: 'Log in with a wx.login code', public: true, body: loginBody,
    responses: ok(Tokens.extend({ user: z.looseObject({ id: z.number().int() }), created: z.boolean() })), errors: ['VALIDATION', 'WECHAT_BUSY'] },
  { method: 'post', path: '/auth/refresh', tag: 'Auth and me', summary: 'Rotate the refresh token (users-permissions)', public: true,
    body: z.object({ refreshToken: z.string() }), responses: ok(Tokens), errors: ['UNAUTHORIZED'] },
  { method: 'post', path: '/auth/logout', tag: 'Auth and me', summary: 'End the session (users-permissions)', public: true,
    body: z.object({ refreshToken: z.string().optional() }), responses: ok(z.looseObject({ ok: z.boolean().optional() })) },
  { method: 'get', path: '/users/me', tag: 'Auth and me', summary: 'My profile (top level and under `data`)', responses: ok(Profile.extend({ data: Profile, meta: z.looseObject({}) })) },
  { method: 'put', path: '/me/profile', tag: 'Auth and me', summary: 'Change nickname or avatar', body: profileBody, responses: ok(envelope(Profile)) },
  { method: 'post', path: '/me/avatar', tag: 'Auth and me', summary: 'Upload my avatar (the photo WeChat chooseAvatar gave); answers the profile',
    upload: { field: 'file', description: 'One JPEG, PNG or WebP image of at most 2 MB in the form field `file` (what wx.uploadFile sends).' },
    responses: ok(envelope(Profile)) },
  { method: 'post', path: '/me/appeals', tag: 'Auth and me', summary: 'Appeal a ban (one open appeal at a time)', body: appealBody, responses: created(envelope(Appeal)), errors: ['INVALID_STATE'] },
  { method: 'get', path: '/me/subscriptions', tag: 'Auth and me', summary: 'Subscribe-message templates and my unused one-shot consents', responses: ok(envelope(z.array(SubscriptionConsent))) },
  { method: 'post', path: '/me/subscriptions', tag: 'Auth and me', summary: 'Count the templates wx.requestSubscribeMessage answered "accept" for', body: subscriptionsBody,
    responses: ok(envelope(z.array(SubscriptionConsent))), errors: ['VALIDATION'] },

  // ---------------------------------------------------------------- rooms and availability
  { method: 'get', path: '/booking/rooms', tag: 'Rooms', summary: 'Rooms with free seats in a window (default now → +2 h)', public: true, query: bookingIn.listRoomsQuery,
    responses: ok(envelope(z.array(bookingOut.RoomListItem), z.object({ window: z.object({ from: time, to: time }) }))) },
  { method: 'get', path: '/booking/rooms/{id}', tag: 'Rooms', summary: 'A room with its seat layout and prices', public: true, params: bookingIn.documentIdParam, responses: ok(envelope(bookingOut.Room)) },
  { method: 'get', path: '/booking/rooms/{id}/availability', tag: 'Rooms', summary: "A day's taken ranges per seat (header X-Availability-Source)",
    params: bookingIn.documentIdParam, query: bookingIn.availabilityQuery, responses: ok(envelope(bookingOut.DayAvailability)) },
  { method: 'post', path: '/booking/quotes', tag: 'Bookings', summary: 'Price of a seat-range with my membership and a coupon', body: bookingIn.quoteBody,
    responses: ok(envelope(bookingOut.Quote)), errors: ['SLOT_MISALIGNED', 'OUTSIDE_OPENING_HOURS', 'BEYOND_HORIZON', 'TOO_LONG', 'COUPON_INVALID', 'ROOM_UNAVAILABLE'] },

  // ---------------------------------------------------------------- bookings
  { method: 'post', path: '/booking/bookings', tag: 'Bookings', summary: 'Book (wallet) or hold (WeChat Pay) a seat-range', body: bookingIn.createBookingBody, headers: bookingIn.idempotencyHeaders,
    responses: { 201: { description: 'New booking (with `payment` for WeChat)', schema: envelope(bookingOut.Booking) }, 200: { description: 'Replayed: the Idempotency-Key was used before (header Idempotent-Replayed: true)', schema: envelope(bookingOut.Booking) } },
    errors: ['SEAT_TAKEN', 'SLOT_MISALIGNED', 'OUTSIDE_OPENING_HOURS', 'BEYOND_HORIZON', 'TOO_LONG', 'QUOTA_EXCEEDED', 'INSUFFICIENT_BALANCE', 'COUPON_INVALID', 'BANNED', 'ROOM_UNAVAILABLE', 'PAYMENT_PROVIDER', 'PAYMENTS_NOT_CONFIGURED'] },
  { method: 'get', path: '/booking/bookings', tag: 'Bookings', summary: 'My bookings, newest first', query: bookingIn.listBookingsQuery, responses: ok(paged(bookingOut.Booking)) },
  { method: 'post', path: '/booking/bookings/cancel', tag: 'Bookings', summary: 'Cancel several of my bookings', body: bookingIn.batchCancelBody,
    responses: ok(envelope(z.array(bookingOut.BatchCancelOutcome), z.object({ cancelled: z.number().int(), failed: z.number().int() }))) },
  { method: 'get', path: '/booking/bookings/{id}', tag: 'Bookings', summary: 'My booking with its status history', params: bookingIn.documentIdParam, responses: ok(envelope(bookingOut.BookingDetail)) },
  { method: 'post', path: '/booking/bookings/{id}/cancel', tag: 'Bookings', summary: 'Cancel my booking (refund and fee by the policy)', params: bookingIn.documentIdParam, body: bookingIn.cancelBody,
    responses: ok(envelope(bookingOut.Booking)), errors: ['CANCEL_NOT_ALLOWED', 'INVALID_STATE'] },
  { method: 'post', path: '/booking/bookings/{id}/payment', tag: 'Bookings', summary: 'The wx.requestPayment parameters of a hold again', params: bookingIn.documentIdParam,
    responses: ok(envelope(bookingOut.Booking)), errors: ['HOLD_EXPIRED', 'INVALID_STATE'] },
  { method: 'post', path: '/booking/bookings/{id}/offline-proof', tag: 'Bookings', summary: 'Attach a payment proof image to my offline (pay at the desk) hold', params: bookingIn.documentIdParam,
    upload: { field: 'file', description: 'One JPEG, PNG or WebP image of at most 5 MB in the form field `file` (what wx.uploadFile sends).' },
    responses: ok(envelope(bookingOut.Booking)), errors: ['HOLD_EXPIRED', 'INVALID_STATE'] },
  { method: 'get', path: '/booking/bookings/{id}/qr', tag: 'Bookings', summary: 'A short-lived signed check-in token', params: bookingIn.documentIdParam, responses: ok(envelope(bookingOut.CheckinQr)), errors: ['INVALID_STATE'] },
  { method: 'post', path: '/booking/checkin', tag: 'Bookings', summary: 'Check in with a scanned token or the seat code', body: bookingIn.checkinBody,
    responses: ok(envelope(bookingOut.Booking)), errors: ['CHECKIN_WINDOW', 'INVALID_STATE', 'BANNED'] },
  { method: 'post', path: '/booking/checkout', tag: 'Bookings', summary: 'Check out (early check-out releases the rest)', body: bookingIn.checkoutBody, responses: ok(envelope(bookingOut.Booking)), errors: ['INVALID_STATE'] },

  // ---------------------------------------------------------------- waiting list
  { method: 'post', path: '/booking/waitlist', tag: 'Waiting list', summary: 'Join the line for a room (any seat) or one seat and a time range', body: bookingIn.joinWaitlistBody,
    responses: created(envelope(bookingOut.WaitlistEntry)),
    errors: ['VALIDATION', 'NOT_FOUND', 'SLOT_MISALIGNED', 'OUTSIDE_OPENING_HOURS', 'BEYOND_HORIZON', 'TOO_LONG', 'ROOM_UNAVAILABLE', 'BANNED', 'QUOTA_EXCEEDED', 'WAITLIST_DUPLICATE', 'WAITLIST_ALREADY_BOOKED'] },
  { method: 'get', path: '/booking/waitlist', tag: 'Waiting list', summary: 'My entries in line, with position and any open offer', responses: ok(envelope(z.array(bookingOut.WaitlistEntry))) },
  { method: 'delete', path: '/booking/waitlist/{id}', tag: 'Waiting list', summary: 'Leave the line (an open offer is given up)', params: bookingIn.documentIdParam,
    responses: ok(envelope(z.object({ id: z.string(), status: z.literal('left') }))), errors: ['NOT_FOUND', 'INVALID_STATE'] },

  // ---------------------------------------------------------------- wallet and payments
  { method: 'get', path: '/payments/wallet', tag: 'Wallet', summary: 'Balance and the tier that applies', responses: ok(envelope(paymentsOut.WalletSummary)) },
  { method: 'get', path: '/payments/transactions', tag: 'Wallet', summary: 'Ledger rows, newest first', query: paymentsIn.transactionsQuery, responses: ok(paged(paymentsOut.LedgerEntry)) },
  { method: 'get', path: '/payments/transactions/stats', tag: 'Wallet', summary: 'Sums by ledger type', query: paymentsIn.statsQuery,
    responses: ok(envelope(paymentsOut.TransactionStats, z.object({ from: time.nullable(), to: time.nullable() }))) },
  { method: 'get', path: '/payments/recharge-packages', tag: 'Wallet', summary: 'Recharge packages on offer', public: true, responses: ok(envelope(z.array(paymentsOut.RechargePackage))) },
  { method: 'post', path: '/payments/recharges', tag: 'Wallet', summary: 'Start a WeChat Pay recharge', body: paymentsIn.createRechargeBody,
    responses: created(envelope(paymentsOut.RechargeOrder)), errors: ['COUPON_INVALID', 'PAYMENT_PROVIDER', 'PAYMENTS_NOT_CONFIGURED'] },
  { method: 'get', path: '/payments/recharges/{outTradeNo}', tag: 'Wallet', summary: 'Status of my recharge', params: paymentsIn.outTradeNoParam, responses: ok(envelope(paymentsOut.RechargeStatus)) },
  { method: 'post', path: '/payments/wechat/notify', tag: 'WeChat callbacks', summary: 'WeChat Pay v3 payment notification (signed, encrypted)', public: true,
    rawBody: 'The raw WeChat Pay v3 notification, verified over its exact bytes (Wechatpay-Signature, -Timestamp, -Nonce, -Serial headers)',
    responses: { 200: { description: 'Accepted (or already processed)' }, 204: { description: 'Accepted' } } },
  { method: 'post', path: '/payments/wechat/refund-notify', tag: 'WeChat callbacks', summary: 'WeChat Pay v3 refund notification (signed, encrypted)', public: true,
    rawBody: 'The raw WeChat Pay v3 refund notification, verified like the payment notification',
    responses: { 200: { description: 'Accepted (or already processed)' }, 204: { description: 'Accepted' } } },
  { method: 'get', path: '/payments/memberships/tiers', tag: 'Membership and coupons', summary: 'Tiers with benefits and prices', public: true, responses: ok(envelope(z.array(paymentsOut.Tier))) },
  { method: 'post', path: '/payments/memberships/purchase', tag: 'Membership and coupons', summary: 'Buy a membership card (wallet or WeChat Pay)', body: paymentsIn.purchaseBody,
    responses: created(envelope(paymentsOut.Membership)), errors: ['INSUFFICIENT_BALANCE', 'BANNED', 'PAYMENT_PROVIDER', 'PAYMENTS_NOT_CONFIGURED'] },
  { method: 'get', path: '/payments/coupons', tag: 'Membership and coupons', summary: 'My coupons (usable ones for an amount and room)', query: paymentsIn.couponsQuery, responses: ok(paged(paymentsOut.Coupon)) },
  { method: 'post', path: '/payments/refund-requests', tag: 'Refunds', summary: 'Ask to withdraw unused money or dispute a charge', body: paymentsIn.refundRequestBody,
    responses: created(envelope(paymentsOut.RefundRequest)), errors: ['INSUFFICIENT_BALANCE', 'INVALID_STATE'] },
  { method: 'get', path: '/payments/refund-requests', tag: 'Refunds', summary: 'My refund requests', query: paymentsIn.listQuery, responses: ok(paged(paymentsOut.RefundRequest)) },

  // ---------------------------------------------------------------- content
  { method: 'get', path: '/announcements', tag: 'Content', summary: 'Announcements visible to me now, pinned first', query: announcementsQuery, responses: ok(paged(Announcement)) },
  { method: 'get', path: '/announcements/{id}', tag: 'Content', summary: 'One visible announcement', params: announcementParam, responses: ok(envelope(Announcement)) },
  { method: 'get', path: '/settings/public', tag: 'Content', summary: 'Public parameters (opening hours, slot, hold minutes, contact)', public: true, responses: ok(envelope(PublicSettings)) },

  // ---------------------------------------------------------------- operations
  { method: 'get', path: '/health', tag: 'Operations', summary: 'Database, Redis and jobs status (503 when the database is down)', public: true,
    responses: { 200: { description: 'Up', schema: z.looseObject({
      db: z.enum(['up', 'down']),
      redis: z.enum(['up', 'down', 'none']),
      uptime: z.number().int(),
      jobs: z.object({
        lagSeconds: z.number().nullable().describe('worst delay between a tick being due and its run starting, over the last run of each job'),
        byJob: z.record(z.string(), z.object({
          lastRunAt: time.nullable(),
          secondsSinceLastRun: z.number().nullable(),
          lastOutcome: z.enum(['ok', 'failed', 'skipped']).nullable(),
          lastDurationMs: z.number().nullable(),
          lagSeconds: z.number().nullable(),
        })),
      }),
    }) },
      503: { description: 'The database is down', schema: z.looseObject({ db: z.literal('down') }) } } },
  { method: 'get', path: '/ping', tag: 'Operations', summary: 'Liveness without I/O', public: true, responses: ok(z.object({ pong: z.literal(true) })) },
  { method: 'get', path: '/openapi.json', tag: 'Operations', summary: 'This document (OpenAPI 3.1)', public: true, responses: ok(z.looseObject({ openapi: z.string() })) },
  { method: 'get', path: '/metrics', tag: 'Operations', summary: 'Prometheus metrics (Authorization: Bearer <METRICS_TOKEN>; 404 when unset)', public: true,
    responses: { 200: { description: 'Prometheus text exposition format', text: 'text/plain' } }, errors: ['NOT_FOUND', 'UNAUTHORIZED', 'FORBIDDEN'] },
];

export function memberApiRegistry(routes: MemberRoute[] = MEMBER_ROUTES): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'memberJwt', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'users-permissions access token of a member' });
  for (const route of routes) registerMemberRoute(registry, route);
  return registry;
}
