import type { Core } from '@strapi/strapi';
import { sql } from '../../../../../platform/sql';

/** Statuses in which a booking holds seat time. */
export const SEAT_HOLDING_STATUSES = ['pending_payment', 'confirmed', 'checked_in'] as const;

export const bookingsRepository = (strapi: Core.Strapi) => {
  const table = () => strapi.db.metadata.get('plugin::booking.booking').tableName;

  return {
    /** Seats (of the given ids) that still have a booking holding time after `now`. */
    async seatsWithFutureBookings(seatIds: number[], now: Date): Promise<number[]> {
      if (seatIds.length === 0) return [];
      const rows = await (await sql(strapi))(table())
        .distinct('seat_id')
        .whereIn('seat_id', seatIds)
        .whereIn('status', SEAT_HOLDING_STATUSES as unknown as string[])
        .andWhere('end_at', '>', now);
      return rows.map((r: any) => Number(r.seat_id));
    },
  };
};
