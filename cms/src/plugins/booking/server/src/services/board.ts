import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { dayBounds, localDay, toLocalIso } from '../domain';
import { boardRepository } from '../repositories/board';
import { dashboardRepository } from '../repositories/dashboard';
import { loadParameters } from './policy';
import { reply } from '../../../../../platform/reply';

const MAX_SEATS = 500;
const MAX_BOOKINGS = 3000;

/** The bookings board: one room, one local day, seats as rows and that day's bookings on them. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const board = boardRepository(strapi);
  const dashboard = dashboardRepository(strapi);

  return {
    async forRoomDay(input: { room?: string; date?: string }) {
      const { store_timezone: tz } = await loadParameters(strapi);
      const rooms = await dashboard.rooms();
      if (rooms.length === 0) return reply({ rooms: [], room: null, date: input.date ?? localDay(clock.now(), tz), timezone: tz, seats: [], bookings: [] });
      const room = input.room ? rooms.find((r) => r.documentId === input.room) : rooms[0];
      if (!room) throw fail('NOT_FOUND', 'No such room; pick one from the list.', { room: input.room });
      const date = input.date ?? localDay(clock.now(), tz);
      const { start, end } = dayBounds(date, tz);
      const [seats, bookings] = await Promise.all([board.seatsOfRoom(room.id, MAX_SEATS), board.bookingsOfRoom(room.id, start, end, MAX_BOOKINGS)]);
      const seatDoc = new Map(seats.map((s) => [s.id, s.documentId]));
      return reply({
        rooms: rooms.map((r) => ({ id: r.documentId, name: r.name, kind: r.kind })),
        room: { id: room.documentId, name: room.name, kind: room.kind, state: room.state },
        date,
        timezone: tz,
        dayStart: toLocalIso(start, tz),
        dayEnd: toLocalIso(end, tz),
        seats: seats.map((s) => ({ id: s.documentId, label: s.label, type: s.type, enabled: s.enabled })),
        bookings: bookings
          .filter((b) => seatDoc.has(b.seat_id))
          .map((b) => ({
            id: b.document_id,
            seat: seatDoc.get(b.seat_id)!,
            status: b.status,
            start: toLocalIso(b.start_at, tz),
            end: toLocalIso(b.end_at, tz),
            releasedFrom: b.released_at ? toLocalIso(b.released_at, tz) : null,
            payWith: b.pay_method,
            total_fen: b.total_fen,
            member: { id: b.user_id, nickname: b.nickname ?? null },
          })),
      });
    },
  };
};
