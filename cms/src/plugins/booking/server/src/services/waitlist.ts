import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { DomainError, fail } from '../../../../../platform/errors';
import { inTransaction } from '../../../../../platform/transaction';
import { publishLive } from '../../../../../platform/live';
import { bookingsRepository, type BookingRow } from '../repositories/bookings';
import { claimsRepository, ClaimConflict } from '../repositories/claims';
import { eventsRepository } from '../repositories/events';
import { seatLookup, roomsRepository, type SeatWithRoom } from '../repositories/rooms';
import { membersRepository } from '../repositories/members';
import { waitlistRepository, type WaitlistRow, type WaitlistStatus } from '../repositories/waitlist';
import { pagination } from '../../../../../platform/pagination';
import { reply } from '../../../../../platform/reply';
import { candidatesFor, checkBookingRequest, dayBounds, checkWaitlistJoin, closureCovering, parseOpeningHours, positionInLine, seatChangesOf, toLocalIso, type SeatChange } from '../domain';
import { paymentsPort } from './payments-port';
import { assertNotBanned, loadParameters, lockMember } from './policy';
import { getBookingService } from './accessor';

export interface JoinRequest {
  userId: number;
  room: string;
  seat?: string | null;
  start: Date;
  end: Date;
}

/** What the member is told of an offer, live and by subscribe message. */
/** Waiting entries read at once for a release; a longer line is read per freed range instead. */
const LINE_READ_LIMIT = 1000;

export interface WaitlistOffer {
  userId: number;
  entry: string;
  booking: string;
  room: string;
  roomName: string;
  seat: string;
  seatLabel: string;
  start: string;
  end: string;
  expiresAt: string;
}

/** Why an entry did not get a seat-range: someone else holds part of it, or the entry is no longer waiting. */
class NoOffer extends Error {
  constructor(readonly why: 'taken' | 'gone' | 'unfit') {
    super(why);
  }
}

/**
 * The waiting list. A member joins the line for a room (any seat, or one seat) and a time range; when
 * seat time frees up (every release path ends in availability.announce, which calls `offerFreed`), the
 * first waiting member whose range that seat now fits gets an exclusive offer: a `pending_payment` hold
 * of the seat made through the same claims as a booking, so an offer can never double-book. Paying the
 * hold with the ordinary payment route confirms it; if it lapses (the release-expired-holds job), the
 * release offers the seat to the next in line.
 *
 * Fairness across processes: the decision for one entry is taken under its row lock with a conditional
 * `waiting → offered` update (two releases never offer to one entry), and the seat-units are claimed in
 * the same transaction (two offers never hold one seat). Candidates are tried in join order.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const entries = waitlistRepository(strapi);
  const bookings = bookingsRepository(strapi);
  const claims = claimsRepository(strapi);
  const events = eventsRepository(strapi);
  const seats = seatLookup(strapi);
  const rooms = roomsRepository(strapi);
  const payments = paymentsPort(strapi);
  const availability = () => getBookingService(strapi, 'availability');
  const reminders = () => getBookingService(strapi, 'reminders');
  const bookingService = () => getBookingService(strapi, 'bookings');
  const cancellation = () => getBookingService(strapi, 'cancellation');

  /** Offered entries whose hold is settled: paid → accepted, anything else → lapsed (out of the line). */
  async function settleOffers(filter: { userId?: number; roomId?: number } = {}) {
    for (const o of await entries.offeredWithBookingStatus(filter)) {
      const paid = o.booking_status === 'confirmed' || o.booking_status === 'checked_in' || o.booking_status === 'completed';
      await entries.transition(o.id, paid ? 'accepted' : 'lapsed', {}, ['offered']);
    }
  }

  /** The seat and room facts an offer of `seatId` needs; null when the seat can take no booking now. */
  async function bookableSeat(seatId: number): Promise<(SeatWithRoom & { room: NonNullable<SeatWithRoom['room']> }) | null> {
    const seat = await seats.byId(seatId);
    if (!seat?.room || !seat.enabled || seat.room.state !== 'open') return null;
    return seat as SeatWithRoom & { room: NonNullable<SeatWithRoom['room']> };
  }

  /**
   * One offer attempt: the entry (still waiting, locked) gets a hold of the seat for its whole range, or
   * nothing changes. Rules that may have changed since joining (bans, closures, prices) are checked again.
   */
  async function offerTo(entry: WaitlistRow, seatId: number): Promise<'offered' | NoOffer['why']> {
    // Cheap first look (the claim below decides): most candidates of a busy room do not fit.
    if ((await claims.busySeatIds([seatId], entry.start_at, entry.end_at)).size > 0) return 'taken';
    const seat = await bookableSeat(seatId);
    if (!seat) return 'unfit';
    const params = await loadParameters(strapi);
    let price: { base_fen: number; member_discount_fen: number; coupon_discount_fen: number; total_fen: number };
    try {
      await assertNotBanned(strapi, entry.user_id, clock.now());
      price = await bookingService().quote({ userId: entry.user_id, seat: seat.documentId, start: entry.start_at, end: entry.end_at });
    } catch (e) {
      if (e instanceof DomainError) return 'unfit';
      throw e;
    }
    let offer: WaitlistOffer | null = null;
    try {
      await inTransaction(strapi, async (tx) => {
        const now = clock.now();
        // The member may have booked since joining: the offer is a booking, and counts like one (the
        // member lock first, as every booking takes it).
        await bookingService().assertWithinLimits(entry.user_id, entry.start_at, entry.end_at, now);
        const locked = await entries.lockWaiting(entry.id);
        if (!locked) throw new NoOffer('gone');
        const free = price.total_fen === 0;
        const booking = await bookings.insert({
          user_id: entry.user_id,
          room_id: seat.room.id,
          seat_id: seat.id,
          start_at: entry.start_at,
          end_at: entry.end_at,
          status: free ? 'confirmed' : 'pending_payment',
          pay_method: free ? 'free' : 'wechat',
          base_fen: price.base_fen,
          member_discount_fen: price.member_discount_fen,
          coupon_discount_fen: price.coupon_discount_fen,
          total_fen: price.total_fen,
          coupon_id: null,
          out_trade_no: null,
          hold_expires_at: free ? null : new Date(now.getTime() + params.waitlist_offer_minutes * 60_000),
        });
        try {
          await claims.claim(seat.id, entry.start_at, entry.end_at, booking.id);
        } catch (e) {
          if (e instanceof ClaimConflict) throw new NoOffer('taken');
          throw e;
        }
        if (!(await entries.transition(entry.id, free ? 'accepted' : 'offered', { offer_booking_id: booking.id, offered_at: now }, ['waiting']))) throw new NoOffer('gone');
        await events.record(booking.id, null, booking.status, { type: 'system' }, free ? 'seat from the waiting list (free)' : 'offered from the waiting list', now);
        const { version } = await availability().touchClaimed(seat.room.id);
        tx.afterCommit(async () => availability().announceClaimed(seat.room.id, await version, seatChangesOf(booking)));
        if (!free) {
          offer = describeOffer(entry, booking, seat, params.store_timezone);
          // The subscribe message is queued with the offer (same transaction), so it is sent once or not at all.
          await reminders().enqueue({
            memberId: entry.user_id,
            kind: 'waitlist_offer',
            dedupeKey: `waitlist:${entry.id}:offer:${booking.id}`,
            bookingId: booking.id,
            data: { booking: booking.document_id, room: seat.room.name, seat: seat.label, start: booking.start_at, end: booking.end_at, expiresAt: booking.hold_expires_at! },
          });
        }
      });
    } catch (e) {
      if (e instanceof NoOffer) return e.why;
      if (e instanceof DomainError) return 'unfit'; // over the open-booking limit or the daily quota now
      throw e;
    }
    if (offer) await notifyWaitlistOffer(offer);
    return 'offered';
  }

  function describeOffer(entry: WaitlistRow, b: BookingRow, seat: SeatWithRoom & { room: NonNullable<SeatWithRoom['room']> }, tz: string): WaitlistOffer {
    return {
      userId: entry.user_id,
      entry: entry.document_id,
      booking: b.document_id,
      room: seat.room.documentId,
      roomName: seat.room.name,
      seat: seat.documentId,
      seatLabel: seat.label,
      start: toLocalIso(b.start_at, tz),
      end: toLocalIso(b.end_at, tz),
      expiresAt: toLocalIso(b.hold_expires_at!, tz),
    };
  }

  /** Tells the member of an offer at once on their sockets (any process); the subscribe message is queued with the offer. */
  async function notifyWaitlistOffer(offer: WaitlistOffer) {
    const { userId, ...message } = offer;
    await publishLive({ kind: 'notice', userId, message: { type: 'waitlist_offer', ...message } });
  }

  /**
   * Offers one seat's free range to the waiting entries it fits, first in line first. `waiting`: the room's
   * waiting entries around the range when the caller read them already (a stale entry is refused under its
   * lock, so an older list is safe).
   */
  async function offerSeatRange(roomId: number, seatId: number, start: Date, end: Date, waiting?: WaitlistRow[]): Promise<number> {
    let offered = 0;
    waiting ??= await entries.waitingInRoom(roomId, start, end);
    for (const entry of candidatesFor({ roomId, seatId, start, end }, waiting, clock.now())) {
      if ((await offerTo(entry, seatId)) === 'offered') offered += 1;
    }
    return offered;
  }

  /**
   * Seats the entry accepts that are free for its whole range now are offered – to the line, in order,
   * not to this entry directly: an earlier member waiting for the same seat time keeps their place.
   */
  async function serveEntry(entry: WaitlistRow): Promise<number> {
    let seatIds: number[];
    if (entry.seat_id !== null) seatIds = [entry.seat_id];
    else seatIds = await rooms.enabledSeatIds(entry.room_id);
    const busy = await claims.busySeatIds(seatIds, entry.start_at, entry.end_at);
    let offered = 0;
    for (const seatId of seatIds.filter((id) => !busy.has(id))) offered += await offerSeatRange(entry.room_id, seatId, entry.start_at, entry.end_at);
    return offered;
  }

  async function present(rows: WaitlistRow[], tz: string) {
    const seatLabels = await seats.labels(rows.filter((r) => r.seat_id !== null).map((r) => r.seat_id!));
    const roomsById = await rooms.namesByIds(rows.map((r) => r.room_id));
    const offers = new Map((await bookings.findByIds(rows.filter((r) => r.offer_booking_id).map((r) => r.offer_booking_id!))).map((b) => [b.id, b]));
    const offerSeats = await seats.labels([...offers.values()].map((b) => b.seat_id));
    // One read of the lines around the waiting rows (not one per row): a position counts competing entries.
    const waitingRows = rows.filter((r) => r.status === 'waiting');
    const lines = waitingRows.length
      ? await entries.waitingInRooms(
          waitingRows.map((r) => r.room_id),
          new Date(Math.min(...waitingRows.map((r) => r.start_at.getTime()))),
          new Date(Math.max(...waitingRows.map((r) => r.end_at.getTime()))),
        )
      : [];
    return rows.map((r) => {
      const room = roomsById.get(r.room_id);
      const seat = r.seat_id !== null ? seatLabels.get(r.seat_id) : null;
      const b = r.offer_booking_id ? offers.get(r.offer_booking_id) : undefined;
      const open = r.status === 'offered' && b && b.status === 'pending_payment' && b.hold_expires_at;
      return {
        id: r.document_id,
        room: room ? { id: room.documentId, name: room.name } : null,
        seat: seat ? { id: seat.documentId, label: seat.label } : null,
        start: toLocalIso(r.start_at, tz),
        end: toLocalIso(r.end_at, tz),
        status: r.status,
        joinedAt: toLocalIso(r.joined_at, tz),
        position: r.status === 'waiting' ? positionInLine(r, lines) : null,
        offer: open
          ? { booking: b!.document_id, seat: { id: offerSeats.get(b!.seat_id)?.documentId ?? null, label: offerSeats.get(b!.seat_id)?.label ?? null }, total_fen: b!.total_fen, expiresAt: toLocalIso(b!.hold_expires_at!, tz) }
          : null,
      };
    });
  }

  /** The staff view of entries: the member's view plus who the member is and, if removed, by whom and why. */
  async function presentForStaff(rows: WaitlistRow[], tz: string) {
    const members = await membersRepository(strapi).summaries(rows.map((r) => r.user_id));
    return (await present(rows, tz)).map((p, i) => {
      const r = rows[i];
      const m = members.get(r.user_id);
      return {
        ...p,
        member: { id: r.user_id, nickname: m?.nickname ?? null, avatar: m?.avatar ?? null },
        removal: r.status === 'removed' ? { by: r.removed_by, reason: r.removed_reason, at: r.removed_at ? toLocalIso(r.removed_at, tz) : null } : null,
      };
    });
  }

  return {
    notifyWaitlistOffer,

    /** 201 with the member's new place in line (already an offer when the seat had just freed). */
    async join(req: JoinRequest) {
      const now = clock.now();
      await assertNotBanned(strapi, req.userId, now);
      const params = await loadParameters(strapi);
      const room = await rooms.findRoom(req.room);
      if (!room) throw fail('NOT_FOUND', 'This room does not exist (it may have been removed).', { room: req.room });
      let seat: SeatWithRoom | null = null;
      if (req.seat) {
        seat = await seats.byDocumentId(req.seat);
        if (!seat || seat.room?.documentId !== room.documentId) throw fail('NOT_FOUND', 'This seat is not in this room (it may have been removed from the layout).', { seat: req.seat });
      }
      // The room facts a booking rule reads (state, hours, closures), through any seat of the room.
      const facts = seat?.room ?? (room.seats[0] ? (await seats.byId(room.seats[0].id))?.room : null);
      if (!facts) throw fail('ROOM_UNAVAILABLE', 'This room has no seats to wait for.', {});
      const benefits = await payments.pricing.benefits(req.userId, now);
      checkBookingRequest({
        start: req.start,
        end: req.end,
        now,
        tz: params.store_timezone,
        slotMinutes: params.slot_minutes,
        maxBookingMinutes: params.max_booking_minutes,
        horizonDays: benefits.bookingHorizonDays,
        openingHours: parseOpeningHours(facts.opening_hours ?? []),
        roomStatus: facts.state,
        seatEnabled: seat ? seat.enabled : true,
      });
      const closure = closureCovering(facts.closures ?? [], { start: req.start, end: req.end }, params.store_timezone);
      if (closure) throw fail('ROOM_UNAVAILABLE', `This room is closed ${closure.starts_on}–${closure.ends_on}${closure.reason ? ` (${closure.reason})` : ''}; there is nothing to wait for.`, {});

      await settleOffers({ userId: req.userId });
      const entry = await inTransaction(strapi, async () => {
        // Under the member lock: two parallel joins cannot both pass the limit and duplicate checks.
        await lockMember(strapi, req.userId);
        const mine = await entries.inLineForUser(req.userId, now);
        const booked = await bookings.activeRangesForUser(req.userId, req.start, req.end);
        checkWaitlistJoin({ userId: req.userId, roomId: room.id, seatId: seat?.id ?? null, start: req.start, end: req.end, mine, maxEntries: params.waitlist_max_entries, alreadyBooked: booked.some((r) => r.start < req.end && req.start < r.end) });
        return entries.insert({ user_id: req.userId, room_id: room.id, seat_id: seat?.id ?? null, start_at: req.start, end_at: req.end, joined_at: now });
      });
      // The seat may have freed between the member seeing the full map and joining: serve at once.
      await serveEntry(entry);
      const fresh = (await entries.findByDocumentId(entry.document_id))!;
      return reply((await present([fresh], params.store_timezone))[0], {}, { status: 201 });
    },

    async listMine(userId: number) {
      await settleOffers({ userId });
      const tz = (await loadParameters(strapi)).store_timezone;
      return reply(await present(await entries.inLineForUser(userId, clock.now()), tz));
    },

    /** Leaves the line; an open offer is given up too (its hold is cancelled, so the next member gets the seat). */
    async leave(userId: number, documentId: string) {
      const entry = await entries.findByDocumentId(documentId);
      if (!entry || entry.user_id !== userId) throw fail('NOT_FOUND', 'No such entry in your waiting list.', { entry: documentId });
      await settleOffers({ userId });
      if (!(await entries.transition(entry.id, 'left'))) {
        throw fail('INVALID_STATE', 'This entry is no longer in line (it was booked, lapsed or left already).', { entry: documentId });
      }
      // Read again: an offer may have been made between our read and the update.
      const left = await entries.findByDocumentId(documentId);
      if (left?.offer_booking_id) {
        const b = await bookings.findById(left.offer_booking_id);
        if (b?.status === 'pending_payment') {
          await cancellation()
            .cancel({ documentId: b.document_id, userId, actor: { type: 'member', id: userId }, reason: 'left the waiting list' })
            .catch((err: any) => strapi.log.warn(`[waitlist] offer hold not cancelled on leave: ${err?.message ?? err}`));
        }
      }
      return reply({ id: documentId, status: 'left' });
    },

    /** The staff list (admin): by room, store day and status, paged; offers settled first so statuses are current. */
    async staffList(f: { room?: string; date?: string; status?: WaitlistStatus; page: number; pageSize: number }) {
      const tz = (await loadParameters(strapi)).store_timezone;
      let roomId: number | undefined;
      if (f.room) {
        roomId = (await rooms.roomIdOf(f.room)) ?? undefined;
        if (!roomId) throw fail('NOT_FOUND', 'No such room.', { room: f.room });
      }
      await settleOffers(roomId ? { roomId } : {});
      const day = f.date ? dayBounds(f.date, tz) : null;
      const { rows, total } = await entries.pageForStaff({ roomId, status: f.status, from: day?.start, to: day?.end }, f);
      return reply(await presentForStaff(rows, tz), { pagination: pagination(f, total), timezone: tz });
    },

    /**
     * Staff take a waiting entry out of the line (a duplicate, a member who asked at the desk), recording
     * who and why. Only a waiting entry: an offered one holds a seat the member may be paying for.
     */
    async staffRemove(documentId: string, staffId: number, reason: string) {
      const entry = await entries.findByDocumentId(documentId);
      if (!entry) throw fail('NOT_FOUND', 'No such waiting-list entry.', { entry: documentId });
      const removed = await entries.transition(entry.id, 'removed', { removed_by: staffId, removed_reason: reason, removed_at: clock.now() }, ['waiting']);
      const now = (await entries.findByDocumentId(documentId))!;
      if (!removed) {
        throw fail('INVALID_STATE', `This entry is no longer waiting (it is ${now.status}); only a waiting entry can be removed.`, { entry: documentId, status: now.status });
      }
      const tz = (await loadParameters(strapi)).store_timezone;
      return reply((await presentForStaff([now], tz))[0]);
    },

    /**
     * After commit of any release (cancellation, expired hold, no-show, early check-out, staff move):
     * offers each freed seat-range to the first waiting members it fits. Never throws (the sweep job
     * retries what a failure here missed).
     */
    async offerFreed(roomId: number, changes: SeatChange[]) {
      const freed = changes.filter((c) => c.state === 'free');
      if (freed.length === 0) return 0;
      let offered = 0;
      try {
        await settleOffers({ roomId });
        // One read of the line for the whole release (a batch of expired holds frees a thousand ranges; most
        // rooms have nobody waiting), then each freed range is matched in memory.
        const from = new Date(Math.min(...freed.map((c) => c.start.getTime())));
        const to = new Date(Math.max(...freed.map((c) => c.end.getTime())));
        const waiting = await entries.waitingInRoom(roomId, from, to, LINE_READ_LIMIT);
        if (waiting.length === 0) return 0;
        const hint = waiting.length < LINE_READ_LIMIT ? waiting : undefined;
        for (const change of freed) offered += await offerSeatRange(roomId, change.seatId, change.start, change.end, hint);
      } catch (err: any) {
        strapi.log.warn(`[waitlist] offers after a release failed: ${err?.message ?? err}`);
      }
      return offered;
    },

    /** The sweep (job): settles offers and serves waiting entries a missed release left unserved. */
    async offerWaitingSeats(limit = 200) {
      await settleOffers();
      let offered = 0;
      for (const entry of await entries.waitingFrom(clock.now(), limit)) offered += await serveEntry(entry);
      return offered;
    },
  };
};
