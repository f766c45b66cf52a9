import type { Core } from '@strapi/strapi';
import { sql } from '../../../../../platform/sql';

/**
 * Seat-slot claims: one row per (seat, 15-minute unit) held by a booking. The unique index on
 * (seat_id, unit_no) is what makes double booking impossible, on SQLite and on MySQL alike.
 */
export const UNIT_MS = 15 * 60 * 1000;
export const unitOf = (at: Date | number) => Math.floor(new Date(at).getTime() / UNIT_MS);
export const unitCeil = (at: Date | number) => Math.ceil(new Date(at).getTime() / UNIT_MS);

export const claimsRepository = (strapi: Core.Strapi) => {
  const table = () => strapi.db.metadata.get('plugin::booking.seat-claim').tableName;

  return {
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

    /** Seats with future claims (from `now` on): such a seat may not be deleted. */
    async seatsWithFutureClaims(seatIds: number[], now: Date): Promise<number[]> {
      if (seatIds.length === 0) return [];
      const rows = await (await sql(strapi))(table()).distinct('seat_id').whereIn('seat_id', seatIds).andWhere('unit_no', '>=', unitOf(now));
      return rows.map((r: any) => Number(r.seat_id));
    },
  };
};
