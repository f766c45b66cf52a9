import type { Core } from '@strapi/strapi';
import { sql } from '../../../../../platform/sql';
import { epochSecondsSql, greatestSql, leastSql } from '../../../../../platform/sql-time';
import { SEAT_HOLDING_STATUSES } from '../domain/booking-status';

const toInt = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * Booking figures of the dashboard, each one SQL aggregate (GROUP BY / conditional sums) – no rows are
 * loaded into JavaScript. The rooms and seats tables belong to the app; they are read here, never written.
 */
export const dashboardRepository = (strapi: Core.Strapi) => {
  const bookingsTable = () => strapi.db.metadata.get('plugin::booking.booking').tableName;
  const client = () => strapi.db.dialect.client as string;

  return {
    /** Open rooms in display order (a store has a handful). */
    async rooms(): Promise<{ id: number; documentId: string; name: string; kind: string; state: string }[]> {
      const rows = await strapi.db.query('api::room.room' as any).findMany({ select: ['id', 'documentId', 'name', 'kind', 'state', 'sort'], orderBy: [{ sort: 'asc' }, { id: 'asc' }], limit: 200 });
      return rows.map((r: any) => ({ id: r.id, documentId: r.documentId, name: r.name, kind: r.kind, state: r.state }));
    },

    /** Enabled seats per room (room id → count), through the seat → room link table. */
    async enabledSeatsPerRoom(): Promise<Map<number, number>> {
      const knex = await sql(strapi);
      const seatMeta: any = strapi.db.metadata.get('api::seat.seat' as any);
      const link = seatMeta.attributes.room.joinTable;
      const rows = await knex(seatMeta.tableName)
        .join(link.name, `${link.name}.${link.joinColumn.name}`, `${seatMeta.tableName}.id`)
        .select(`${link.name}.${link.inverseJoinColumn.name} as room_id`)
        .count({ n: '*' })
        .where(`${seatMeta.tableName}.enabled`, true)
        .groupBy(`${link.name}.${link.inverseJoinColumn.name}`);
      return new Map(rows.map((r: any) => [toInt(r.room_id), toInt(r.n)]));
    },

    /** Seats taken right now per room and status (a seat counts once per status). */
    async seatsNowByRoom(now: Date): Promise<{ roomId: number; status: string; seats: number }[]> {
      const knex = await sql(strapi);
      const rows = await knex(bookingsTable())
        .select('room_id', 'status')
        .countDistinct({ n: 'seat_id' })
        .whereIn('status', SEAT_HOLDING_STATUSES)
        .andWhere('start_at', '<=', now)
        .andWhere('end_at', '>', now)
        .andWhere((q) => q.whereNull('released_at').orWhere('released_at', '>', now))
        .groupBy('room_id', 'status');
      return rows.map((r: any) => ({ roomId: toInt(r.room_id), status: r.status, seats: toInt(r.n) }));
    },

    /** Today's bookings, check-ins, no-shows and cancellations in one pass over today's rows. */
    async dayCounts(from: Date, to: Date): Promise<{ bookings: number; checkIns: number; noShows: number; cancellations: number; pendingOffline: number }> {
      const knex = await sql(strapi);
      const inDay = (col: string) => `${col} >= ? AND ${col} < ?`;
      const row: any = await knex(bookingsTable())
        .select(
          knex.raw(`COALESCE(SUM(CASE WHEN ${inDay('start_at')} AND status IN ('confirmed','checked_in','completed','no_show') THEN 1 ELSE 0 END), 0) AS bookings`, [from, to]),
          knex.raw(`COALESCE(SUM(CASE WHEN ${inDay('checked_in_at')} THEN 1 ELSE 0 END), 0) AS check_ins`, [from, to]),
          knex.raw(`COALESCE(SUM(CASE WHEN ${inDay('start_at')} AND status = 'no_show' THEN 1 ELSE 0 END), 0) AS no_shows`, [from, to]),
          knex.raw(`COALESCE(SUM(CASE WHEN ${inDay('cancelled_at')} AND status = 'cancelled' THEN 1 ELSE 0 END), 0) AS cancellations`, [from, to]),
          knex.raw(`COALESCE(SUM(CASE WHEN pay_method = 'offline' AND status = 'pending_payment' THEN 1 ELSE 0 END), 0) AS pending_offline`),
        )
        // Every row counted above either starts, is checked in or is cancelled today, or is an open offline hold.
        .where((q) =>
          q
            .where((w) => w.where('start_at', '>=', from).andWhere('start_at', '<', to))
            .orWhere((w) => w.where('checked_in_at', '>=', from).andWhere('checked_in_at', '<', to))
            .orWhere((w) => w.where('cancelled_at', '>=', from).andWhere('cancelled_at', '<', to))
            .orWhere((w) => w.where('pay_method', 'offline').andWhere('status', 'pending_payment')),
        )
        .first();
      return {
        bookings: toInt(row?.bookings),
        checkIns: toInt(row?.check_ins),
        noShows: toInt(row?.no_shows),
        cancellations: toInt(row?.cancellations),
        pendingOffline: toInt(row?.pending_offline),
      };
    },

    /**
     * Booked seat-seconds per room and local hour of day over [from, to), split into hour buckets in SQL:
     * a derived table of the buckets (start second, local hour) joined to the bookings overlapping each.
     */
    async bookedSecondsByRoomAndHour(buckets: { startSec: number; hour: number }[]): Promise<{ roomId: number; hour: number; seconds: number }[]> {
      if (buckets.length === 0) return [];
      const knex = await sql(strapi);
      const c = client();
      const from = new Date(buckets[0].startSec * 1000);
      const to = new Date((buckets[buckets.length - 1].startSec + 3600) * 1000);
      const derived = buckets.map(() => 'SELECT ? AS bs, ? AS hr').join(' UNION ALL ');
      const bindings = buckets.flatMap((b) => [b.startSec, b.hour]);
      const s = epochSecondsSql(c, 'b.start_at');
      const e = epochSecondsSql(c, 'COALESCE(b.released_at, b.end_at)');
      const overlap = `${leastSql(c, e, 'h.bs + 3600')} - ${greatestSql(c, s, 'h.bs')}`;
      const rows = await knex
        .select('b.room_id as room_id', 'h.hr as hour', knex.raw(`SUM(${overlap}) AS secs`))
        .from({ b: bookingsTable() })
        .join(knex.raw(`(${derived}) h`, bindings), function joinOverlap() {
          this.on(knex.raw(`${s} < h.bs + 3600`)).andOn(knex.raw(`${e} > h.bs`));
        })
        .whereIn('b.status', ['confirmed', 'checked_in', 'completed'])
        .andWhere('b.start_at', '<', to)
        .andWhere('b.end_at', '>', from)
        .groupBy('b.room_id', 'h.hr');
      return rows.map((r: any) => ({ roomId: toInt(r.room_id), hour: toInt(r.hour), seconds: toInt(r.secs) }));
    },

    /** Appeals of banned members waiting for staff. */
    async openAppeals(): Promise<number> {
      return strapi.db.query('api::appeal.appeal' as any).count({ where: { status: 'open' } });
    },
  };
};
