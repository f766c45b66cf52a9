import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { bookingsRepository } from '../repositories/bookings';
import { seatStateOf } from '../domain/seat-changes';
import { claimsRepository, ClaimConflict } from '../repositories/claims';
import { eventsRepository } from '../repositories/events';
import { roomsRepository, seatLookup } from '../repositories/rooms';
import { membersRepository } from '../repositories/members';
import { inTransaction } from '../../../../../platform/transaction';
import { ceilToClaimUnit, closureCovering, holdsSeat } from '../domain';
import { loadParameters } from './policy';
import { pagination } from '../../../../../platform/pagination';
import { reply } from '../../../../../platform/reply';
import { getBookingService } from './accessor';

/** Front-desk and manager operations on any booking (admin API, admin RBAC). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const bookings = bookingsRepository(strapi);
  const claims = claimsRepository(strapi);
  const events = eventsRepository(strapi);
  const seats = seatLookup(strapi);
  const booking = () => getBookingService(strapi, 'bookings');
  const availability = () => getBookingService(strapi, 'availability');

  return {
    async list(filter: { statuses?: string[]; room?: string; userId?: number; from?: Date; to?: Date; page: number; pageSize: number }) {
      let roomId: number | undefined;
      if (filter.room) {
        roomId = (await roomsRepository(strapi).roomIdOf(filter.room)) ?? undefined;
        if (!roomId) throw fail('NOT_FOUND', 'No such room.', { room: filter.room });
      }
      const { rows, total } = await bookings.listAll({ ...filter, roomId });
      const data = await booking().presentMany(rows);
      return reply(
        data.map((d: any, i: number) => ({ ...d, member: rows[i].user_id })),
        { pagination: pagination(filter, total) },
      );
    },

    /** A booking as staff see it: the member's detail view plus who the member is. */
    async detail(documentId: string) {
      const b = await booking().detail(null, documentId);
      const row = await bookings.findByDocumentId(documentId);
      const members = await membersRepository(strapi).summaries(row ? [row.user_id] : []);
      return reply({ ...b, member: row ? members.get(row.user_id) ?? { id: row.user_id, nickname: null, avatar: null } : null });
    },

    /** Staff cancel on the member's behalf; waiving the fee is the manager's call (checked by the controller's RBAC). */
    async cancel(documentId: string, staffId: number, opts: { reason?: string | null; waiveFee?: boolean }) {
      const b = await getBookingService(strapi, 'cancellation').cancel({ documentId, userId: null, actor: { type: 'staff', id: staffId }, reason: opts.reason, waiveFee: opts.waiveFee });
      return reply(await booking().present(b));
    },

    /** The front desk checks a member in from the booking list. */
    async checkIn(documentId: string, staffId: number) {
      return reply(await booking().present(await getBookingService(strapi, 'check-in').checkInByStaff(documentId, staffId)));
    },

    /** The front desk scans the member's QR code. */
    async scan(token: string, staffId: number) {
      return reply(await booking().present(await getBookingService(strapi, 'check-in').checkInWithToken(token, { staffId })));
    },

    /**
     * Moves a booking to another seat with the same guarantee as booking: the new seat's units are
     * claimed first (the database refuses a taken unit), then the old ones are released.
     */
    async move(documentId: string, seatDocumentId: string, staffId: number, reason: string | null) {
      const target = await seats.byDocumentId(seatDocumentId);
      if (!target || !target.room) throw fail('NOT_FOUND', 'No such seat.', { seat: seatDocumentId });
      if (!target.enabled || target.room.state !== 'open') throw fail('ROOM_UNAVAILABLE', `Seat ${target.label} cannot take bookings right now (disabled or room closed).`, {});
      const moved = await inTransaction(strapi, async (tx) => {
        const b = await bookings.findByDocumentId(documentId, { lock: true });
        if (!b) throw fail('NOT_FOUND', 'No such booking.', { booking: documentId });
        if (!holdsSeat(b.status)) throw fail('INVALID_STATE', `A ${b.status} booking has no seat time to move.`, { status: b.status });
        if (b.seat_id === target.id) throw fail('VALIDATION', 'The booking is already on this seat.', { errors: [{ path: ['seat'], field: 'seat', message: 'same seat' }] });
        const now = clock.now();
        const from = b.status === 'checked_in' && b.start_at < now ? ceilToClaimUnit(now) : b.start_at;
        if (from >= b.end_at) throw fail('INVALID_STATE', 'This booking has no time left to move.', {});
        const tz = (await loadParameters(strapi)).store_timezone;
        const closure = closureCovering(target.room!.closures ?? [], { start: from, end: b.end_at }, tz);
        if (closure) throw fail('ROOM_UNAVAILABLE', `${target.room!.name} is closed ${closure.starts_on}–${closure.ends_on}; choose a seat in another room.`, { closure: { startsOn: closure.starts_on, endsOn: closure.ends_on, reason: closure.reason ?? null } });
        await claims.release(b.id, from);
        try {
          await claims.claim(target.id, from, b.end_at, b.id);
        } catch (e) {
          if (e instanceof ClaimConflict) throw fail('SEAT_TAKEN', `Seat ${target.label} is held or booked for part of this time.`, { seat: seatDocumentId });
          throw e;
        }
        await bookings.update(b.id, { seat_id: target.id, room_id: target.room!.id });
        await events.record(b.id, b.status, b.status, { type: 'staff', id: staffId }, `moved to seat ${target.label}${reason ? `: ${reason}` : ''}`, now);
        await availability().touch(b.room_id, target.room!.id);
        tx.afterCommit(async () => {
          await availability().announce(b.room_id, [{ seatId: b.seat_id, start: from, end: b.end_at, state: 'free' }]);
          await availability().announce(target.room!.id, [{ seatId: target.id, start: from, end: b.end_at, state: seatStateOf(b.status) }]);
        });
        return (await bookings.findById(b.id))!;
      });
      return reply(await booking().present(moved));
    },
  };
};
