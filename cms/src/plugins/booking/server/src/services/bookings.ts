import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { fail, DomainError } from '../../../../../platform/errors';
import { bookingsRepository, type BookingRow, type NewBooking } from '../repositories/bookings';
import { seatChangesOf } from '../domain/seat-changes';
import { claimsRepository, ClaimConflict } from '../repositories/claims';
import { eventsRepository, type Actor } from '../repositories/events';
import { IdempotencyKeyTaken, idempotencyRepository } from '../repositories/idempotency';
import { type SeatWithRoom } from '../repositories/rooms';
import { roomCatalog } from './room-catalog';
import {
  checkBookingRequest,
  checkDailyQuota,
  checkOpenBookingLimit,
  closureCovering,
  dayBounds,
  localDay,
  parseOpeningHours,
  splitByLocalDay,
} from '../domain';
import { paymentsPort } from './payments-port';
import { paymentPlan, priceBooking, settleBooking } from './booking-steps';
import { presentBooking } from './presenter';
import { assertNotBanned, loadParameters, lockMember } from './policy';
import { inTransaction } from '../../../../../platform/transaction';
import { getBookingService } from './accessor';

export interface BookingRequest {
  userId: number;
  seat: string;
  start: Date;
  end: Date;
  coupon?: string | null;
  payWith: 'wallet' | 'wechat' | 'offline';
  idempotencyKey?: string | null;
  /** The authenticated member's user row (its ban), when the caller has it: saves reading it again. */
  member?: { ban_until?: Date | string | null; ban_reason?: string | null } | null;
}

/** A retried request whose key an earlier attempt already used: answer with that booking. */
class IdempotentReplay extends Error {}

/**
 * The booking use case, as a sequence of named steps: load the seat, check the rules, price it, then in
 * one transaction under the member lock: check the quota, write the booking, reserve the idempotency key
 * (its row names the booking, so it comes second; a concurrent retry with the same key fails on the key's
 * unique index, rolls its own booking back and answers with the first one), claim the seat-slots (the
 * database refuses a second claim) – those three in one round trip –, redeem the coupon, pay from the
 * wallet – or hold for WeChat Pay.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const bookings = bookingsRepository(strapi);
  const claims = claimsRepository(strapi);
  const events = eventsRepository(strapi);
  const idempotency = idempotencyRepository(strapi);
  const seats = roomCatalog(strapi);
  const payments = paymentsPort(strapi);
  const availability = () => getBookingService(strapi, 'availability');
  const reminders = () => getBookingService(strapi, 'reminders');

  async function loadSeat(seatDocumentId: string): Promise<SeatWithRoom & { room: NonNullable<SeatWithRoom['room']> }> {
    const seat = await seats.seatByDocumentId(seatDocumentId);
    if (!seat || !seat.room) throw fail('NOT_FOUND', 'This seat does not exist (it may have been removed from the layout).', { seat: seatDocumentId });
    return seat as any;
  }

  function seatTaken(seat: { label: string; documentId: string }, req: Pick<BookingRequest, 'start' | 'end'>) {
    return fail('SEAT_TAKEN', `Seat ${seat.label} is already held or booked for part of this time. Please pick another seat or time.`, {
      seat: seat.documentId,
      start: req.start.toISOString(),
      end: req.end.toISOString(),
    });
  }

  /** Rules that need no lock: grid, opening hours, length, horizon, room and seat state. */
  async function checkRules(req: Pick<BookingRequest, 'userId' | 'start' | 'end'>, seat: SeatWithRoom & { room: NonNullable<SeatWithRoom['room']> }, now: Date) {
    const params = await loadParameters(strapi);
    const benefits = await payments.pricing.benefits(req.userId, now);
    checkBookingRequest({
      start: req.start,
      end: req.end,
      now,
      tz: params.store_timezone,
      slotMinutes: params.slot_minutes,
      maxBookingMinutes: params.max_booking_minutes,
      horizonDays: benefits.bookingHorizonDays,
      openingHours: parseOpeningHours(seat.room.opening_hours ?? []),
      roomStatus: seat.room.state,
      seatEnabled: seat.enabled,
    });
    const closure = closureCovering(seat.room.closures ?? [], { start: req.start, end: req.end }, params.store_timezone);
    if (closure) {
      const when = closure.starts_on === closure.ends_on ? closure.starts_on : `${closure.starts_on} to ${closure.ends_on}`;
      throw fail('ROOM_UNAVAILABLE', `This room is closed ${when}${closure.reason ? ` (${closure.reason})` : ''}; please choose another day or room.`, { closure: { startsOn: closure.starts_on, endsOn: closure.ends_on, reason: closure.reason ?? null } });
    }
    return { params, benefits };
  }

  /**
   * Takes the member lock, then applies the quota rules under it, inside the transaction: parallel
   * requests of one member can't both pass. The lock leaves in one packet with the read of their bookings,
   * and so does the wallet's lock when the booking is to be paid from it (`lockWallet`), answered here.
   */
  async function lockAndCheckQuota(userId: number, start: Date, end: Date, now: Date, tz: string, openLimit: number | null, quotaHours: number | null, lockWallet = false) {
    const limited = openLimit != null || quotaHours != null;
    await lockMember(strapi, userId, { queued: true });
    const walletLockedAhead = lockWallet ? await payments.wallet.lockAhead(userId) : undefined;
    if (limited) await checkQuota(userId, start, end, now, tz, openLimit, quotaHours);
    return walletLockedAhead;
  }

  async function checkQuota(userId: number, start: Date, end: Date, now: Date, tz: string, openLimit: number | null, quotaHours: number | null) {
    const days = splitByLocalDay({ start, end }, tz).map((d) => d.day);
    const from = dayBounds(days[0], tz).start;
    const to = dayBounds(days[days.length - 1], tz).end;
    // One read serves both rules: every holding booking that ends after the earlier of now and the day's start.
    const holding = await bookings.holdingRangesForUser(userId, from < now ? from : now);
    checkOpenBookingLimit(holding.filter((b) => b.end > now).length, openLimit);
    if (quotaHours === null) return;
    const existing = holding.filter((b) => b.end > from && b.start < to).map((b) => ({ start: b.start, end: b.releasedAt ?? b.end }));
    checkDailyQuota({ newRange: { start, end }, existing, tz, quotaMinutesPerDay: quotaHours * 60 });
  }

  async function quote(req: Pick<BookingRequest, 'userId' | 'seat' | 'start' | 'end' | 'coupon'>, loaded?: Awaited<ReturnType<typeof loadSeat>>) {
    const now = clock.now();
    const seat = loaded ?? (await loadSeat(req.seat));
    const { params, benefits } = await checkRules(req, seat, now);
    const { minutes, perHour, price } = await priceBooking(payments.pricing, { userId: req.userId, seat, start: req.start, end: req.end, coupon: req.coupon, now, memberDiscountPercent: benefits.discountPercent });
    return { seat, params, benefits, minutes, perHour, price, now };
  }

  async function present(b: BookingRow, tz?: string, extra: Record<string, unknown> = {}) {
    const zone = tz ?? (await loadParameters(strapi)).store_timezone;
    const labels = await seats.labels([b.seat_id]);
    return presentBooking(b, labels.get(b.seat_id) as any, zone, extra);
  }

  async function presentMany(rows: BookingRow[]) {
    const tz = (await loadParameters(strapi)).store_timezone;
    const labels = await seats.labels(rows.map((r) => r.seat_id));
    return rows.map((b) => presentBooking(b, labels.get(b.seat_id) as any, tz));
  }

  async function replay(userId: number, key: string) {
    const id = await idempotency.bookingIdFor(userId, key);
    const booking = id ? await bookings.findById(id) : null;
    if (!booking) return null;
    const payment = (booking as any).payment_params ? JSON.parse((booking as any).payment_params) : undefined;
    return { booking: await present(booking), payment: booking.status === 'pending_payment' ? payment : undefined, replayed: true };
  }

  async function create(req: BookingRequest): Promise<{ booking: any; payment?: Record<string, string>; replayed?: boolean }> {
    let booked: Awaited<ReturnType<typeof book>>;
    try {
      booked = await book(req);
    } catch (e) {
      // A retry whose first attempt went through gets that booking, not this attempt's refusal (its own seat
      // range is taken by then) nor a second booking (its key is taken). Looked up only then: a first attempt,
      // the usual case, pays nothing for it. Not after this point: a WeChat failure below abandons the hold
      // this attempt made, and that is no booking to answer a retry with.
      if (req.idempotencyKey && (e instanceof IdempotentReplay || e instanceof DomainError)) {
        const earlier = await replay(req.userId, req.idempotencyKey);
        if (earlier) return earlier;
      }
      throw e;
    }
    const { created, seat, pays, tz } = booked;
    if (pays !== 'wechat') return { booking: await present(created, tz) };
    return attachWechatPayment(created, seat, tz);
  }

  /**
   * Inside the booking transaction: the booking row, the request's idempotency key naming it, then its
   * seat claims (SEAT_TAKEN when the database refuses one). A key an earlier attempt used: IdempotentReplay.
   */
  async function insertClaimed(row: NewBooking, req: BookingRequest, seat: { id: number; documentId: string; label: string; room: { id: number } }) {
    try {
      return await bookings.insert(row, (bookingId) => [
        ...(req.idempotencyKey ? [idempotency.reservationOf(req.userId, req.idempotencyKey, bookingId)] : []),
        claims.claimOf(seat.id, req.start, req.end, bookingId),
      ]);
    } catch (e) {
      if (e instanceof IdempotencyKeyTaken) throw new IdempotentReplay();
      if (e instanceof ClaimConflict) {
        // Only a shortcut for later attempts: failing to remember changes nothing about this answer.
        await availability().rememberTaken(seat.room.id, seat.id, req.start, req.end).catch(() => undefined);
        throw seatTaken(seat, req);
      }
      throw e;
    }
  }

  /** The rules, then the transaction that writes the booking (a hold, when WeChat Pay is to pay it). */
  async function book(req: BookingRequest) {
    await assertNotBanned(strapi, req.userId, clock.now(), req.member);
    // A range an earlier attempt found claimed, with no change to the room since, is refused without a transaction.
    const requested = await loadSeat(req.seat);
    if (requested.enabled && requested.room.state === 'open' && (await availability().knownTaken(requested.room, requested.id, req.start, req.end))) {
      throw seatTaken(requested, req);
    }
    const { seat, params, benefits, price, now } = await quote(req, requested);
    if (req.payWith === 'offline' && !params.offline_payment_enabled) {
      throw fail('OFFLINE_PAYMENT_DISABLED', 'This store does not take offline payment (transfer or cash at the desk). Please pay with your wallet or WeChat Pay.', {});
    }
    const tz = params.store_timezone;
    const { pays, holding, holdMinutes } = paymentPlan(price.total_fen, req.payWith, { holdMinutes: params.hold_minutes, offlineHoldMinutes: params.offline_hold_minutes });
    const actor: Actor = { type: 'member', id: req.userId };

    const created = await inTransaction(strapi, async ({ afterCommit }) => {
      const walletLockedAhead = await lockAndCheckQuota(req.userId, req.start, req.end, now, tz, params.open_booking_limit, benefits.dailyQuotaHours, pays === 'wallet');
      // The booking, its idempotency key (a concurrent retry with the same key waits on the key's unique
      // index, then is refused once this commits) and its seat claims, in one round trip.
      const booking = await insertClaimed({
        user_id: req.userId,
        room_id: seat.room.id,
        seat_id: seat.id,
        start_at: req.start,
        end_at: req.end,
        status: holding ? 'pending_payment' : 'confirmed',
        pay_method: pays,
        base_fen: price.base_fen,
        member_discount_fen: price.member_discount_fen,
        coupon_discount_fen: price.coupon_discount_fen,
        total_fen: price.total_fen,
        coupon_id: price.coupon?.documentId ?? null,
        out_trade_no: null,
        hold_expires_at: holding ? new Date(now.getTime() + holdMinutes * 60_000) : null,
      }, req, seat);
      await settleBooking(payments, { userId: req.userId, bookingDocumentId: booking.document_id, price, pays, actor, seatLabel: seat.label, now, walletLockedAhead });
      await events.record(booking.id, null, booking.status, actor, holding ? (pays === 'offline' ? 'held for offline payment' : 'held for WeChat Pay') : `paid by ${pays}`, now);
      const { version } = await availability().touchClaimed(seat.room.id);
      // In the outbox with the booking: the notice exists exactly when the booking does.
      if (booking.status === 'confirmed') await reminders().bookingNotice('booking_confirmed', booking, { room: seat.room.name, seat: seat.label }, { fresh: true });
      afterCommit(async () => availability().announceClaimed(seat.room.id, await version, seatChangesOf(booking)));
      return booking;
    });
    return { created, seat, pays, tz };
  }

  /** Creates the WeChat order for a hold; if WeChat fails, the hold is released at once. */
  async function attachWechatPayment(booking: BookingRow, seat: { label: string; room: { id: number; name: string } }, tz: string) {
    try {
      const order = await payments.checkout.createOrder({
        userId: booking.user_id,
        purpose: 'booking',
        refId: booking.document_id,
        amountFen: booking.total_fen,
        description: `自习室预约 ${seat.room.name} ${seat.label}`.slice(0, 120),
        expiresAt: booking.hold_expires_at!,
      });
      await bookings.update(booking.id, { out_trade_no: order.outTradeNo, payment_params: JSON.stringify(order.payment) } as any);
      const fresh = (await bookings.findById(booking.id))!;
      return { booking: await present(fresh, tz), payment: order.payment };
    } catch (err) {
      await getBookingService(strapi, 'lifecycle').abandonHold(booking.id, err instanceof DomainError ? err.code : 'PAYMENT_PROVIDER');
      throw err;
    }
  }

  /**
   * The WeChat order of a hold that has none yet. A WeChat failure leaves the hold as it is (the member
   * may retry until it lapses). Two parallel calls may both create an order: the first recorded wins,
   * the other order is never paid (it closes at its expiry).
   */
  async function orderForHold(b: BookingRow) {
    const seat = await loadSeat((await seats.labels([b.seat_id])).get(b.seat_id)?.documentId ?? '');
    const order = await payments.checkout.createOrder({
      userId: b.user_id,
      purpose: 'booking',
      refId: b.document_id,
      amountFen: b.total_fen,
      description: `自习室预约 ${seat.room.name} ${seat.label}`.slice(0, 120),
      expiresAt: b.hold_expires_at!,
    });
    await bookings.setOrderIfNone(b.id, order.outTradeNo, JSON.stringify(order.payment));
    const fresh = (await bookings.findById(b.id))!;
    return { booking: await present(fresh), payment: JSON.parse((fresh as any).payment_params) as Record<string, string> };
  }

  return {
    quote: async (req: Pick<BookingRequest, 'userId' | 'seat' | 'start' | 'end' | 'coupon'>) => (await quote(req)).price,

    /**
     * Inside the caller's transaction: locks the member and applies the open-booking limit and the daily
     * quota to a booking of [start, end) made for them (a waiting-list offer), as `create` does.
     */
    async assertWithinLimits(userId: number, start: Date, end: Date, now: Date) {
      const params = await loadParameters(strapi);
      const benefits = await payments.pricing.benefits(userId, now);
      await lockAndCheckQuota(userId, start, end, now, params.store_timezone, params.open_booking_limit, benefits.dailyQuotaHours);
    },
    create,
    present,
    presentMany,

    async listMine(userId: number, filter: { statuses?: string[]; page: number; pageSize: number }) {
      const { rows, total } = await bookings.listForUser(userId, filter);
      return { data: await presentMany(rows), total };
    },

    async detail(userId: number | null, documentId: string) {
      const b = await bookings.findByDocumentId(documentId);
      if (!b || (userId !== null && b.user_id !== userId)) throw fail('NOT_FOUND', 'No such booking among yours.', { booking: documentId });
      const tz = (await loadParameters(strapi)).store_timezone;
      const history = (await events.forBooking(b.id)).map((e) => ({ ...e, at: e.at.toISOString() }));
      return present(b, tz, { history });
    },

    /** wx.requestPayment parameters again for a hold (the app lost them); HOLD_EXPIRED once it lapsed. */
    async paymentFor(userId: number, documentId: string) {
      const b = await bookings.findByDocumentId(documentId);
      if (!b || b.user_id !== userId) throw fail('NOT_FOUND', 'No such booking among yours.', { booking: documentId });
      if (b.status === 'expired' || (b.status === 'pending_payment' && b.hold_expires_at && b.hold_expires_at <= clock.now())) {
        throw fail('HOLD_EXPIRED', 'This hold expired before it was paid, and the seat was released. Please book again.', { booking: documentId });
      }
      if (b.status !== 'pending_payment') throw fail('INVALID_STATE', `This booking is ${b.status}; there is nothing to pay.`, { status: b.status });
      const params = (b as any).payment_params ? JSON.parse((b as any).payment_params) : null;
      if (params) return { booking: await present(b), payment: params };
      // A waiting-list offer is a hold made without the member: its WeChat order is created when they pay.
      if (b.pay_method === 'wechat' && !b.out_trade_no) return orderForHold(b);
      throw fail('INVALID_STATE', 'This hold has no WeChat order; please book again.', { booking: documentId });
    },
  };
};
