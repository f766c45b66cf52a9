import type { Core } from '@strapi/strapi';
import { sql } from '../../../../../platform/sql';
import { SEAT_HOLDING_STATUSES } from '../domain/booking-status';
import type { Closure, ExistingSeat, LayoutSeat } from '../domain/room-setup';
import type { RoomFields } from './rooms';

/** A room as staff set it up: every field of the room pages, with media ids and seat codes. */
export interface RoomSetupRecord extends RoomFields {
  layout_version: number | null;
  photos: { id: number; url: string; width?: number; height?: number; alternativeText?: string | null; name?: string; formats?: any }[] | null;
  opening_hours: { weekday: number; opens: string; closes: string }[] | null;
  prices: { seat_type: string; price_per_hour_fen: number }[] | null;
  closures: Closure[] | null;
  seats: ExistingSeat[] | null;
}

export interface FutureBookingRow {
  id: number;
  document_id: string;
  seat_id: number;
  room_id: number;
  user_id: number;
  status: string;
  start_at: Date;
  end_at: Date;
}

const ROOM = 'api::room.room' as any;
const SEAT = 'api::seat.seat' as any;
const POPULATE = {
  photos: { fields: ['url', 'width', 'height', 'alternativeText', 'name', 'formats'] },
  opening_hours: true,
  prices: true,
  closures: true,
  seats: { fields: ['label', 'type', 'row', 'col', 'code', 'enabled'], sort: ['row:asc', 'col:asc'] },
} as const;

/** Rooms, seats and the bookings on them, as the store-setup use cases read and write them. */
export const roomSetupRepository = (strapi: Core.Strapi) => {
  const bookingsTable = () => strapi.db.metadata.get('plugin::booking.booking').tableName;
  const roomsTable = () => strapi.db.metadata.get(ROOM).tableName;
  const toRow = (r: any): FutureBookingRow => ({ ...r, id: Number(r.id), seat_id: Number(r.seat_id), room_id: Number(r.room_id), user_id: Number(r.user_id), start_at: new Date(r.start_at), end_at: new Date(r.end_at) });

  return {
    async listRooms(): Promise<RoomSetupRecord[]> {
      return (await strapi.documents(ROOM).findMany({ populate: POPULATE as any, sort: ['sort:asc', 'id:asc'], limit: 500 })) as any;
    },

    async findRoom(documentId: string): Promise<RoomSetupRecord | null> {
      return (await strapi.documents(ROOM).findOne({ documentId, populate: POPULATE as any })) as any;
    },

    /**
     * Optimistic version check: moves the layout version from `expected` to the next one, or reports
     * that another save got there first. The conditional UPDATE is atomic on every database.
     */
    async advanceLayoutVersion(roomId: number, expected: number): Promise<boolean> {
      const knex = await sql(strapi);
      const updated = await knex(roomsTable())
        .where('id', roomId)
        .andWhere((q) => {
          q.where('layout_version', expected);
          if (expected === 0) q.orWhereNull('layout_version');
        })
        .update({ layout_version: expected + 1 });
      return Number(updated) === 1;
    },

    async writeLayout(documentId: string, layout: { rows: number; cols: number; cells: { row: number; col: number; kind: string }[] }) {
      await strapi.documents(ROOM).update({ documentId, data: { layout } as any });
    },

    async createSeat(roomDocumentId: string, seat: Omit<LayoutSeat, 'id'>) {
      return strapi.documents(SEAT).create({ data: { ...seat, room: roomDocumentId } as any });
    },

    async updateSeat(documentId: string, seat: Omit<LayoutSeat, 'id'>) {
      await strapi.documents(SEAT).update({ documentId, data: seat as any });
    },

    async deleteSeat(documentId: string) {
      await strapi.documents(SEAT).delete({ documentId });
    },

    /** Seat codes used by other rooms' seats (a code is unique across the store). */
    async codesUsedElsewhere(roomId: number, codes: string[]): Promise<string[]> {
      if (codes.length === 0) return [];
      const rows = await strapi.db.query(SEAT).findMany({ where: { code: { $in: codes }, room: { id: { $ne: roomId } } }, select: ['code'] });
      return rows.map((r: any) => r.code);
    },

    /** Seat-holding bookings on these seats that have not ended yet. */
    async futureBookingsOnSeats(seatIds: number[], now: Date): Promise<FutureBookingRow[]> {
      if (seatIds.length === 0) return [];
      const knex = await sql(strapi);
      const rows = await knex(bookingsTable())
        .select('id', 'document_id', 'seat_id', 'room_id', 'user_id', 'status', 'start_at', 'end_at')
        .whereIn('seat_id', seatIds)
        .whereIn('status', SEAT_HOLDING_STATUSES)
        .andWhere('end_at', '>', now)
        .orderBy('start_at');
      return rows.map(toRow);
    },

    /** Seat-holding bookings of the room that touch [from, to) and have not ended by `now`. */
    async bookingsInRoom(roomId: number, from: Date, to: Date, now: Date): Promise<FutureBookingRow[]> {
      const knex = await sql(strapi);
      const rows = await knex(bookingsTable())
        .select('id', 'document_id', 'seat_id', 'room_id', 'user_id', 'status', 'start_at', 'end_at')
        .where('room_id', roomId)
        .whereIn('status', SEAT_HOLDING_STATUSES)
        .andWhere('end_at', '>', from > now ? from : now)
        .andWhere('start_at', '<', to)
        .orderBy('start_at');
      return rows.map(toRow);
    },

    async updateRoom(documentId: string, data: Record<string, unknown>) {
      await strapi.documents(ROOM).update({ documentId, data: data as any });
    },
  };
};
