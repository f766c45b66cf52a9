import type { Core } from '@strapi/strapi';
import { sql } from '../../../../../platform/sql';
import { toDate } from '../../../../../platform/rows';

/** Everything a room's day board shows: its seats, and that day's bookings with who booked them. */
export const boardRepository = (strapi: Core.Strapi) => ({
  async seatsOfRoom(roomId: number, limit: number) {
    const rows = await strapi.db.query('api::seat.seat' as any).findMany({
      where: { room: { id: roomId } },
      select: ['id', 'documentId', 'label', 'type', 'enabled', 'row', 'col'],
      orderBy: [{ row: 'asc' }, { col: 'asc' }],
      limit,
    });
    return rows.map((r: any) => ({ id: r.id as number, documentId: r.documentId as string, label: r.label as string, type: r.type as string, enabled: !!r.enabled }));
  },

  /** Bookings of the room touching [from, to), oldest first, bounded (a day of one room is small). */
  async bookingsOfRoom(roomId: number, from: Date, to: Date, limit: number) {
    const knex = await sql(strapi);
    const bookings = strapi.db.metadata.get('plugin::booking.booking').tableName;
    const users = strapi.db.metadata.get('plugin::users-permissions.user').tableName;
    const rows = await knex(bookings)
      .leftJoin(users, `${users}.id`, `${bookings}.user_id`)
      .select(
        `${bookings}.document_id as document_id`,
        `${bookings}.seat_id as seat_id`,
        `${bookings}.user_id as user_id`,
        `${bookings}.status as status`,
        `${bookings}.start_at as start_at`,
        `${bookings}.end_at as end_at`,
        `${bookings}.released_at as released_at`,
        `${bookings}.pay_method as pay_method`,
        `${bookings}.total_fen as total_fen`,
        `${users}.nickname as nickname`,
      )
      .where(`${bookings}.room_id`, roomId)
      .andWhere(`${bookings}.start_at`, '<', to)
      .andWhere(`${bookings}.end_at`, '>', from)
      .orderBy(`${bookings}.start_at`, 'asc')
      .limit(limit);
    return rows.map((r: any) => ({ ...r, seat_id: Number(r.seat_id), user_id: Number(r.user_id), total_fen: Number(r.total_fen), start_at: toDate(r.start_at)!, end_at: toDate(r.end_at)!, released_at: toDate(r.released_at) }));
  },
});
