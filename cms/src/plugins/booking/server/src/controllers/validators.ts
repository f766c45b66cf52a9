import { z } from 'zod';
import { BOOKING_STATUSES } from '../domain/booking-status';
import { WAITLIST_STATUSES } from '../domain/waitlist';

/** ISO 8601 instant with an explicit offset (API.md: times carry offsets in and out). */
export const isoInstant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'must be an ISO 8601 time with an offset, e.g. 2026-05-20T14:00:00+08:00',
  })
  .transform((s) => new Date(s));

const documentId = z.string().trim().min(1).max(64);

export const documentIdParam = z.object({ id: documentId });

export const listRoomsQuery = z
  .object({
    kind: z.enum(['hall', 'private']).optional(),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    sort: z.enum(['availability', 'default']).optional(),
  })
  .refine((q) => !q.from || !q.to || q.to > q.from, { message: '`to` must be after `from`', path: ['to'] });

export const availabilityQuery = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-05-20').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'is not a real date'),
});

const range = {
  seat: documentId,
  start: isoInstant,
  end: isoInstant,
  coupon: documentId.nullish(),
};

export const quoteBody = z.object(range).strict();

export const createBookingBody = z
  .object({ ...range, payWith: z.enum(['wallet', 'wechat', 'offline'], { message: 'payWith must be "wallet", "wechat" or "offline"' }) })
  .strict();

export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(8, 'must be 8 to 100 characters').max(100, 'must be 8 to 100 characters').regex(/^[A-Za-z0-9_.:-]+$/, 'may use letters, digits and _ . : -').optional(),
});

const STATUSES = BOOKING_STATUSES;
const statusList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(STATUSES)));

const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const listBookingsQuery = z.object({ status: statusList.optional(), ...paging });

export const staffListQuery = z.object({
  status: statusList.optional(),
  room: documentId.optional(),
  member: z.coerce.number().int().positive().optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  ...paging,
});

export const cancelBody = z.object({ reason: z.string().trim().max(200).optional() }).strict();
export const batchCancelBody = z.object({ bookings: z.array(documentId).min(1).max(20), reason: z.string().trim().max(200).optional() }).strict();

export const checkinBody = z
  .object({ token: z.string().min(10).max(1024).optional(), seatCode: z.string().trim().min(1).max(40).optional() })
  .strict()
  .refine((b) => !!b.token !== !!b.seatCode, { message: 'send either `token` (a scanned check-in code) or `seatCode` (the code on the seat)', path: ['token'] });

export const checkoutBody = z.object({ booking: documentId }).strict();

export const staffCancelBody = z.object({ reason: z.string().trim().max(200).optional(), waiveFee: z.boolean().optional() }).strict();
export const staffMoveBody = z.object({ seat: documentId, reason: z.string().trim().max(200).optional() }).strict();
export const staffCheckinBody = z.object({ token: z.string().min(10).max(1024) }).strict();

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-05-20').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'is not a real date');

/** GET /booking/board?room=&date= (both optional: the first room, today). */
export const boardQuery = z.object({ room: documentId.optional(), date: localDate.optional() });

export const offlineListQuery = z.object({ status: z.enum(['pending', 'confirmed', 'rejected', 'expired']).default('pending'), ...paging });
export const offlineConfirmBody = z.object({ note: z.string().trim().max(200).optional() }).strict();
export const offlineRejectBody = z.object({ reason: z.string().trim().min(2, 'say why, so the member knows (at least 2 characters)').max(200) }).strict();

/** Joining the waiting list: a room, optionally one seat of it, and the range (same grid rules as a booking). */
export const joinWaitlistBody = z
  .object({ room: documentId, seat: documentId.optional(), start: isoInstant, end: isoInstant })
  .strict()
  .refine((b) => b.end > b.start, { message: '`end` must be after `start`', path: ['end'] });

/** GET /booking/waitlist (staff): a room, a store day, one status; all optional. */
export const staffWaitlistQuery = z.object({ room: documentId.optional(), date: localDate.optional(), status: z.enum(WAITLIST_STATUSES).optional(), ...paging });
export const staffWaitlistRemoveBody = z.object({ reason: z.string().trim().min(2, 'say why (at least 2 characters); it is kept with the entry').max(200) }).strict();
