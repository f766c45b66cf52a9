import { z } from 'zod';
import { BOOKING_STATUSES } from '../domain/booking-status';

/**
 * What the member routes answer, as zod schemas for the OpenAPI document (cms/src/openapi). They follow
 * the presenters (services/presenter.ts, catalog.ts, availability.ts); known fields are listed, and objects
 * stay open (`looseObject`) where a presenter may add fields.
 */
const time = z.string().describe('ISO 8601 time with the store offset');
const nullableTime = time.nullable();
const fen = z.number().int().describe('integer fen (分)');

export const BookingStatus = z.enum(BOOKING_STATUSES);

/** `wx.requestPayment` parameters of a WeChat Pay JSAPI order. */
export const PaymentParams = z
  .looseObject({ timeStamp: z.string(), nonceStr: z.string(), package: z.string(), signType: z.string(), paySign: z.string() })
  .meta({ id: 'PaymentParams' });

export const Booking = z
  .looseObject({
    id: z.string().describe('documentId'),
    status: BookingStatus,
    seat: z.object({ id: z.string(), label: z.string(), type: z.string() }).nullable(),
    room: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
    start: time,
    end: time,
    releasedFrom: nullableTime,
    payWith: z.enum(['wallet', 'wechat']).nullable(),
    base_fen: fen,
    member_discount_fen: fen,
    coupon_discount_fen: fen,
    total_fen: fen,
    refund_fen: fen,
    fee_fen: fen,
    coupon: z.union([z.string(), z.number()]).nullable(),
    holdExpiresAt: nullableTime,
    checkedInAt: nullableTime,
    checkedOutAt: nullableTime,
    cancelledAt: nullableTime,
    cancelReason: z.string().nullable(),
    createdAt: nullableTime,
    payment: PaymentParams.optional().describe('present for a WeChat Pay hold'),
  })
  .meta({ id: 'Booking' });

export const BookingDetail = Booking.extend({
  history: z.array(z.object({ from: z.string().nullable(), to: z.string(), actor: z.string(), actorId: z.union([z.number(), z.string()]).nullable(), reason: z.string().nullable(), at: time })),
}).meta({ id: 'BookingDetail' });

const RoomSummary = {
  id: z.string(),
  name: z.string(),
  kind: z.enum(['hall', 'private']),
  status: z.enum(['open', 'maintenance']),
  floor: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  photos: z.array(z.object({ url: z.string(), width: z.number().nullable(), height: z.number().nullable(), alt: z.string().nullable() })),
  openingHours: z.array(z.object({ weekday: z.number().int(), opens: z.string(), closes: z.string() })),
  prices: z.array(z.object({ seatType: z.string(), price_per_hour_fen: fen })),
  seatCount: z.number().int(),
};

export const RoomListItem = z
  .looseObject({ ...RoomSummary, freeSeats: z.number().int(), window: z.object({ from: time, to: time }) })
  .meta({ id: 'RoomListItem' });

export const Room = z
  .looseObject({
    ...RoomSummary,
    layout: z.looseObject({
      rows: z.number().int(),
      cols: z.number().int(),
      cells: z.array(z.looseObject({ row: z.number().int(), col: z.number().int(), kind: z.string(), seat: z.looseObject({}).optional() })),
    }),
  })
  .meta({ id: 'Room' });

export const DayAvailability = z
  .object({
    room: z.object({ id: z.string(), name: z.string(), kind: z.string(), status: z.string() }),
    date: z.string().describe('YYYY-MM-DD in the store time zone'),
    timezone: z.string(),
    slotMinutes: z.number().int(),
    seats: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        type: z.string(),
        enabled: z.boolean(),
        row: z.number().int().nullable(),
        col: z.number().int().nullable(),
        taken: z.array(z.object({ start: time, end: time, state: z.enum(['held', 'booked']), mine: z.boolean() })),
      }),
    ),
    mine: z
      .array(z.object({ seat: z.string().describe('seat documentId'), start: time, end: time, state: z.enum(['held', 'booked']) }))
      .describe("the viewer's own ranges of the day (the same ranges are marked mine: true under seats)"),
  })
  .meta({ id: 'DayAvailability' });

export const Quote = z
  .looseObject({ base_fen: fen, member_discount_fen: fen, coupon_discount_fen: fen, total_fen: fen })
  .meta({ id: 'Quote' });

export const CheckinQr = z
  .object({ token: z.string(), expiresAt: time, window: z.object({ opensAt: time, closesAt: time }) })
  .meta({ id: 'CheckinQr' });

export const BatchCancelOutcome = z.union([
  z.object({ id: z.string(), ok: z.literal(true), booking: Booking }),
  z.looseObject({ id: z.string(), ok: z.literal(false), error: z.looseObject({ code: z.string(), message: z.string() }) }),
]);

/** A waiting-list entry as the member sees it: place in line while waiting, the open offer once offered. */
export const WaitlistEntry = z
  .object({
    id: z.string(),
    room: z.object({ id: z.string(), name: z.string() }).nullable(),
    seat: z.object({ id: z.string(), label: z.string() }).nullable().describe('null: any seat of the room'),
    start: time,
    end: time,
    status: z.enum(['waiting', 'offered', 'accepted', 'lapsed', 'left']),
    joinedAt: time,
    position: z.number().int().min(1).nullable().describe('1 = next to be offered; null once offered'),
    offer: z
      .object({ booking: z.string(), seat: z.object({ id: z.string().nullable(), label: z.string().nullable() }), total_fen: z.number().int(), expiresAt: time })
      .nullable()
      .describe('the hold made for me: pay it with POST /booking/bookings/{booking}/payment before expiresAt'),
  })
  .meta({ id: 'WaitlistEntry' });
