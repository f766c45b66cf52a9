import type { Core } from '@strapi/strapi';
import { type RoomRecord } from '../repositories/rooms';
import { roomCatalog } from './room-catalog';
import { getBookingService } from './accessor';
import { fail } from '../../../../../platform/errors';
import { clock } from '../../../../../platform/clock';
import { reply } from '../../../../../platform/reply';

/** The window free seats are counted over when the member gives none: from now, two hours. */
const DEFAULT_WINDOW_MS = 2 * 3600 * 1000;

/** Rooms as the mini program shows them: layout cells with seat ids, prices, opening hours. */
export function presentRoom(room: RoomRecord) {
  const seats = room.seats ?? [];
  const structural = (room.layout?.cells ?? []).filter((c) => c && c.kind !== 'seat');
  const rows = Math.max(room.layout?.rows ?? 0, ...seats.map((s) => s.row + 1), ...structural.map((c) => c.row + 1), 0);
  const cols = Math.max(room.layout?.cols ?? 0, ...seats.map((s) => s.col + 1), ...structural.map((c) => c.col + 1), 0);
  return {
    id: room.documentId,
    name: room.name,
    kind: room.kind,
    status: room.state,
    floor: room.floor,
    address: room.address,
    description: room.description,
    photos: (room.photos ?? []).map((p) => ({ url: p.url, width: p.width ?? null, height: p.height ?? null, alt: p.alternativeText ?? null })),
    openingHours: (room.opening_hours ?? []).map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes })),
    prices: (room.prices ?? []).map((p) => ({ seatType: p.seat_type, price_per_hour_fen: p.price_per_hour_fen })),
    seatCount: seats.filter((s) => s.enabled).length,
    layout: {
      rows,
      cols,
      cells: [
        ...structural.map((c) => ({ row: c.row, col: c.col, kind: c.kind })),
        ...seats.map((s) => ({
          row: s.row,
          col: s.col,
          kind: 'seat',
          seat: { id: s.documentId, label: s.label, type: s.type, enabled: s.enabled },
        })),
      ],
    },
  };
}

/** The room list's part of a room, presented once per catalog load (room objects are replaced on every change). */
const summaries = new WeakMap<RoomRecord, Omit<ReturnType<typeof presentRoom>, 'layout'>>();
function summaryOf(room: RoomRecord) {
  let summary = summaries.get(room);
  if (!summary) {
    const { layout, ...rest } = presentRoom(room);
    summaries.set(room, (summary = rest));
  }
  return summary;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rooms = roomCatalog(strapi);
  const availability = () => getBookingService(strapi, 'availability');

  return {
    async listRooms(query: { kind?: 'hall' | 'private'; from?: Date; to?: Date; sort?: 'availability' | 'default' }) {
      const from = query.from ?? clock.now();
      const to = query.to ?? new Date(from.getTime() + DEFAULT_WINDOW_MS);
      const list = await rooms.rooms({ kind: query.kind });
      const free: Map<string, number> = await availability().freeSeats(list.map((r) => r.documentId), from, to);
      const window = { from: from.toISOString(), to: to.toISOString() };
      const result = list.map((room) => ({ ...summaryOf(room), freeSeats: free.get(room.documentId) ?? 0, window }));
      if (query.sort === 'availability') result.sort((a, b) => b.freeSeats - a.freeSeats);
      return reply(result, { window });
    },

    async getRoom(documentId: string) {
      const room = await rooms.room(documentId);
      if (!room) throw fail('NOT_FOUND', 'This room does not exist (it may have been removed).', { room: documentId });
      return reply(presentRoom(room));
    },
  };
};
