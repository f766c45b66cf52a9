import type { Core } from '@strapi/strapi';
import type { ExistingSeat } from '../domain/room-setup';

/** Rooms and seats as staff edit them (Strapi content types of the app). */
export type SeatRow = ExistingSeat;

/** What every reading of a room has: the room pages' plain fields and its layout grid. */
export interface RoomFields {
  id: number;
  documentId: string;
  name: string;
  kind: 'hall' | 'private';
  /** `state`, not `status`: Strapi 5 reserves `status` for draft/published. */
  state: 'open' | 'maintenance';
  floor: string | null;
  address: string | null;
  description: string | null;
  sort: number | null;
  layout: { rows?: number; cols?: number; cells?: { row: number; col: number; kind: string }[] } | null;
}

export interface RoomRecord extends RoomFields {
  photos: { url: string; width?: number; height?: number; alternativeText?: string | null }[];
  opening_hours: { weekday: number; opens: string; closes: string }[];
  prices: { seat_type: string; price_per_hour_fen: number }[];
  closures?: { starts_on: string; ends_on: string; reason?: string | null }[];
  seats: SeatRow[];
}

const ROOM_POPULATE = {
  photos: { fields: ['url', 'width', 'height', 'alternativeText', 'formats'] },
  opening_hours: true,
  prices: true,
  closures: true,
  seats: { fields: ['label', 'type', 'row', 'col', 'code', 'enabled'], sort: ['row:asc', 'col:asc'] },
} as const;

export const roomsRepository = (strapi: Core.Strapi) => ({
  async listRooms(filter: { kind?: string } = {}): Promise<RoomRecord[]> {
    return (await strapi.documents('api::room.room' as any).findMany({
      filters: filter.kind ? { kind: filter.kind } : {},
      populate: ROOM_POPULATE as any,
      sort: ['sort:asc', 'id:asc'],
      limit: 500,
    })) as any;
  },

  async roomIdOf(documentId: string): Promise<number | null> {
    const room = await strapi.db.query('api::room.room' as any).findOne({ where: { documentId }, select: ['id'] });
    return room ? Number(room.id) : null;
  },

  async findRoom(documentId: string): Promise<RoomRecord | null> {
    return (await strapi.documents('api::room.room' as any).findOne({ documentId, populate: ROOM_POPULATE as any })) as any;
  },

  /** The seat with its room id, by documentId (what members send) or numeric id. */
  async findSeat(ref: { documentId?: string; id?: number }) {
    const where = ref.documentId ? { documentId: ref.documentId } : { id: ref.id };
    return strapi.db.query('api::seat.seat' as any).findOne({ where, populate: { room: { select: ['id', 'documentId'] } } }) as Promise<
      (SeatRow & { room: { id: number; documentId: string } | null }) | null
    >;
  },

  /** Ids of a room's enabled seats (by the room's numeric id). */
  async enabledSeatIds(roomId: number): Promise<number[]> {
    const rows = await strapi.db.query('api::seat.seat' as any).findMany({ where: { room: { id: roomId }, enabled: true }, select: ['id'] });
    return rows.map((r: any) => r.id);
  },

  /** documentId and name of rooms by numeric id (presenting references). */
  async namesByIds(ids: number[]): Promise<Map<number, { documentId: string; name: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await strapi.db.query('api::room.room' as any).findMany({ where: { id: { $in: [...new Set(ids)] } }, select: ['id', 'documentId', 'name'] });
    return new Map(rows.map((r: any) => [r.id, { documentId: r.documentId, name: r.name }]));
  },

  /** Seat ids selected by a where-clause of a delete (used by the seat-deletion guard). */
  async seatIdsWhere(where: unknown): Promise<number[]> {
    const rows = await strapi.db.query('api::seat.seat' as any).findMany({ where: where as any, select: ['id'] });
    return rows.map((r: any) => r.id);
  },
});

export interface SeatWithRoom {
  id: number;
  documentId: string;
  label: string;
  type: string;
  code: string | null;
  enabled: boolean;
  room: {
    id: number;
    documentId: string;
    name: string;
    kind: 'hall' | 'private';
    state: 'open' | 'maintenance';
    opening_hours: { weekday: number; opens: string; closes: string }[];
    prices: { seat_type: string; price_per_hour_fen: number }[];
    closures?: { starts_on: string; ends_on: string; reason?: string | null }[];
  } | null;
}

const SEAT_WITH_ROOM = { room: { populate: { opening_hours: true, prices: true, closures: true } } } as const;

/** A seat with the room facts a booking rule needs (state, opening hours, prices). */
export const seatLookup = (strapi: Core.Strapi) => ({
  async byDocumentId(documentId: string): Promise<SeatWithRoom | null> {
    return strapi.db.query('api::seat.seat' as any).findOne({ where: { documentId }, populate: SEAT_WITH_ROOM as any }) as any;
  },
  async byId(id: number): Promise<SeatWithRoom | null> {
    return strapi.db.query('api::seat.seat' as any).findOne({ where: { id }, populate: SEAT_WITH_ROOM as any }) as any;
  },
  async byCode(code: string): Promise<SeatWithRoom | null> {
    return strapi.db.query('api::seat.seat' as any).findOne({ where: { code }, populate: SEAT_WITH_ROOM as any }) as any;
  },
  /** Labels and room names for presenting bookings, by numeric ids. */
  async labels(seatIds: number[]): Promise<Map<number, { documentId: string; label: string; type: string; room: { id: number; documentId: string; name: string; kind: string } | null }>> {
    if (seatIds.length === 0) return new Map();
    const rows = await strapi.db.query('api::seat.seat' as any).findMany({
      where: { id: { $in: [...new Set(seatIds)] } },
      select: ['id', 'documentId', 'label', 'type'],
      populate: { room: { select: ['id', 'documentId', 'name', 'kind'] } },
    });
    return new Map(rows.map((r: any) => [r.id, r]));
  },
});
