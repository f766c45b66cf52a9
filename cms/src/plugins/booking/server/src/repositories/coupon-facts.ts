import type { Core } from '@strapi/strapi';
import { sql } from '../../../../../platform/sql';

const toInt = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** Booking money where coupons were used (the payments plugin's coupon analytics ask through its port). */
export const couponFactsRepository = (strapi: Core.Strapi) => ({
  /**
   * Over the bookings with these documentIds: how many, the coupon discount they got, and what members
   * paid for them net of refunds (a refunded booking earns what was kept). Bookings that never got paid
   * (expired holds) earn nothing. One aggregate per chunk of ids.
   */
  async bookingFigures(bookingIds: string[]): Promise<{ bookings: number; discountFen: number; revenueFen: number }> {
    const out = { bookings: 0, discountFen: 0, revenueFen: 0 };
    const knex = await sql(strapi);
    const table = strapi.db.metadata.get('plugin::booking.booking' as any).tableName;
    for (let i = 0; i < bookingIds.length; i += 500) {
      const row: any = await knex(table)
        .whereIn('document_id', bookingIds.slice(i, i + 500))
        .whereNotIn('status', ['pending_payment', 'expired'])
        .count({ n: '*' })
        .sum({ discount: 'coupon_discount_fen' })
        .select(knex.raw('COALESCE(SUM(total_fen - COALESCE(refund_fen, 0)), 0) AS revenue'))
        .first();
      out.bookings += toInt(row?.n);
      out.discountFen += toInt(row?.discount);
      out.revenueFen += toInt(row?.revenue);
    }
    return out;
  },
});
