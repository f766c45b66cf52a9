import type { Core } from '@strapi/strapi';
import { sql } from '../../../../../platform/sql';
import { toDate } from '../../../../../platform/rows';


/** Keyset pages of bookings starting in a range, with seat, room and member names for the CSV. */
export const bookingExportsRepository = (strapi: Core.Strapi) => ({
  async page(range: { from: Date; to: Date }, afterId: number, limit: number) {
    const knex = await sql(strapi);
    const b = strapi.db.metadata.get('plugin::booking.booking').tableName;
    const seats = strapi.db.metadata.get('api::seat.seat' as any).tableName;
    const rooms = strapi.db.metadata.get('api::room.room' as any).tableName;
    const users = strapi.db.metadata.get('plugin::users-permissions.user').tableName;
    const rows = await knex(b)
      .leftJoin(seats, `${seats}.id`, `${b}.seat_id`)
      .leftJoin(rooms, `${rooms}.id`, `${b}.room_id`)
      .leftJoin(users, `${users}.id`, `${b}.user_id`)
      .select(
        `${b}.id as id`,
        `${b}.document_id as document_id`,
        `${b}.created_at as created_at`,
        `${b}.user_id as user_id`,
        `${users}.nickname as nickname`,
        `${rooms}.name as room_name`,
        `${seats}.label as seat_label`,
        `${b}.start_at as start_at`,
        `${b}.end_at as end_at`,
        `${b}.status as status`,
        `${b}.pay_method as pay_method`,
        `${b}.base_fen as base_fen`,
        `${b}.member_discount_fen as member_discount_fen`,
        `${b}.coupon_discount_fen as coupon_discount_fen`,
        `${b}.total_fen as total_fen`,
        `${b}.fee_fen as fee_fen`,
        `${b}.refund_fen as refund_fen`,
        `${b}.checked_in_at as checked_in_at`,
        `${b}.cancelled_at as cancelled_at`,
        `${b}.cancel_reason as cancel_reason`,
      )
      .where(`${b}.id`, '>', afterId)
      .andWhere(`${b}.start_at`, '>=', range.from)
      .andWhere(`${b}.start_at`, '<', range.to)
      .orderBy(`${b}.id`, 'asc')
      .limit(limit);
    return rows.map((r: any) => ({
      ...r,
      id: Number(r.id),
      created_at: toDate(r.created_at),
      start_at: toDate(r.start_at),
      end_at: toDate(r.end_at),
      checked_in_at: toDate(r.checked_in_at),
      cancelled_at: toDate(r.cancelled_at),
    }));
  },
});
