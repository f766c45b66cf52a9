import type { Core } from '@strapi/strapi';
import { insertTogether, placeholders, sql, writeRows, type InsertedId, type TogetherInsert } from '../../../../../platform/sql';
import { CLAIM_UNIT_MS } from '../domain/slots';
import { CLAIM_UNIQUE_INDEX } from '../content-types';

/**
 * Seat-slot claims: one row per (seat, 15-minute unit) held by a booking. The unique index on
 * (seat_id, unit_no) is what makes double booking impossible, on SQLite and on MySQL alike: two
 * transactions claiming the same unit cannot both commit, whatever the application checked before.
 */
export const unitOf = (at: Date | number) => Math.floor(new Date(at).getTime() / CLAIM_UNIT_MS);
export const unitCeil = (at: Date | number) => Math.ceil(new Date(at).getTime() / CLAIM_UNIT_MS);
export const unitStart = (unit: number) => new Date(unit * CLAIM_UNIT_MS);

export class ClaimConflict extends Error {
  constructor() {
    super('seat-slot already claimed');
  }
}

export const claimsRepository = (strapi: Core.Strapi) => {
  const table = () => strapi.db.metadata.get('plugin::booking.seat-claim').tableName;

  /**
   * The claim of every unit of [start, end) on a seat for a booking: one multi-row insert in ascending
   * unit order (a fixed lock order, so overlapping claimers queue instead of deadlocking). ClaimConflict
   * when the unique index refuses it. For `insertTogether` (the booking's own insert sends it).
   */
  const claimOf = (seatId: number, start: Date, end: Date, bookingId: number | InsertedId): TogetherInsert => {
    const rows = [];
    for (let u = unitOf(start); u < unitCeil(end); u += 1) rows.push({ seat_id: seatId, unit_no: u, booking_id: bookingId });
    return { table: table(), rows, refusedBy: { uniqueIndex: CLAIM_UNIQUE_INDEX, error: () => new ClaimConflict() } };
  };

  return {
    claimOf,

    /** Claims [start, end) on a seat for an existing booking (see `claimOf`); answers how many units. */
    async claim(seatId: number, start: Date, end: Date, bookingId: number): Promise<number> {
      const claim = claimOf(seatId, start, end, bookingId);
      await insertTogether(strapi, [claim]);
      return claim.rows.length;
    },

    /** Releases a booking's claims (from `from` on, when given: early check-out keeps the past). */
    async release(bookingId: number, from?: Date): Promise<number> {
      const q = (await sql(strapi))(table()).where('booking_id', bookingId);
      if (from) q.andWhere('unit_no', '>=', unitOf(from));
      return q.delete();
    },

    /** Releases every claim of the given bookings (bulk hold expiry), in one statement. */
    async releaseForBookings(bookingIds: number[]): Promise<number> {
      if (bookingIds.length === 0) return 0;
      const { affectedRows } = await writeRows(strapi, `DELETE FROM \`${table()}\` WHERE \`booking_id\` IN (${placeholders(bookingIds)})`, bookingIds);
      return affectedRows;
    },

    /**
     * Deletes up to `limit` claims of units that ended at or before `cutoff` (history that can no longer
     * conflict, see domain/history.ts). Oldest rows first by id, which is also how they were inserted, so
     * the scan stops early while a backlog remains.
     */
    async purgeEndedBefore(cutoff: Date, limit: number): Promise<number> {
      const knex = await sql(strapi);
      if (strapi.db.dialect.client !== 'sqlite') {
        // One statement on MySQL/MariaDB (knex drops LIMIT from a delete, so it is written out).
        const [result] = await knex.raw(`DELETE FROM ?? WHERE unit_no < ? ORDER BY id LIMIT ?`, [table(), unitOf(cutoff), limit]);
        return Number(result?.affectedRows ?? 0);
      }
      const ids = (await knex(table()).select('id').where('unit_no', '<', unitOf(cutoff)).orderBy('id', 'asc').limit(limit)).map((r: any) => Number(r.id));
      if (ids.length === 0) return 0;
      return knex(table()).whereIn('id', ids).delete();
    },

    async countForBooking(bookingId: number): Promise<number> {
      const row = await (await sql(strapi))(table()).where('booking_id', bookingId).count({ n: '*' }).first();
      return Number((row as any)?.n ?? 0);
    },

    /** Seats (of the given ids) having at least one claimed unit in [from, to). */
    async busySeatIds(seatIds: number[], from: Date, to: Date): Promise<Set<number>> {
      if (seatIds.length === 0) return new Set();
      const rows = await (await sql(strapi))(table())
        .distinct('seat_id')
        .whereIn('seat_id', seatIds)
        .andWhere('unit_no', '>=', unitOf(from))
        .andWhere('unit_no', '<', unitCeil(to));
      return new Set(rows.map((r: any) => Number(r.seat_id)));
    },

    /** Every claimed unit of the given seats in [from, to), with the booking holding it. */
    async unitsIn(seatIds: number[], from: Date, to: Date): Promise<{ seat_id: number; unit_no: number; booking_id: number }[]> {
      if (seatIds.length === 0) return [];
      const rows = await (await sql(strapi))(table())
        .select('seat_id', 'unit_no', 'booking_id')
        .whereIn('seat_id', seatIds)
        .andWhere('unit_no', '>=', unitOf(from))
        .andWhere('unit_no', '<', unitCeil(to))
        .orderBy([{ column: 'seat_id' }, { column: 'unit_no' }]);
      return rows.map((r: any) => ({ seat_id: Number(r.seat_id), unit_no: Number(r.unit_no), booking_id: Number(r.booking_id) }));
    },

  };
};
