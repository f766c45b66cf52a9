/**
 * Aggregates over issued coupons for the analytics page of a template: counts by status, issues and
 * redemptions per local day, and what the recharges that used them brought in. SQL aggregates only.
 */
import { sql } from '../../../../../platform/sql';
import { localDayNumberSql } from '../../../../../platform/sql-time';
import { tableName, toInt, UID } from './support';

export const couponAnalyticsRepository = (strapi: any) => {
  const client = () => strapi.db.dialect.client as string;

  return {
    /** Coupons of each template by status (template id → status → count), for the list and the page. */
    async statusCounts(templateIds: number[]): Promise<Map<number, Record<string, number>>> {
      const out = new Map<number, Record<string, number>>();
      if (templateIds.length === 0) return out;
      const knex = await sql(strapi);
      const rows = await knex(tableName(strapi, UID.coupon))
        .select('template_id', 'status')
        .count({ n: '*' })
        .whereIn('template_id', templateIds)
        .groupBy('template_id', 'status');
      for (const r of rows as any[]) {
        const id = Number(r.template_id);
        const counts = out.get(id) ?? { unused: 0, used: 0, expired: 0, revoked: 0 };
        counts[r.status] = toInt(r.n);
        out.set(id, counts);
      }
      return out;
    },

    /** Issued (by created_at) and used (by used_at, still used) per local day. */
    async perDay(templateId: number, offsetSeconds: number): Promise<{ day: number; issued: number; used: number }[]> {
      const knex = await sql(strapi);
      const c = client();
      const issuedDay = localDayNumberSql(c, 'created_at', offsetSeconds);
      const usedDay = localDayNumberSql(c, 'used_at', offsetSeconds);
      const t = tableName(strapi, UID.coupon);
      const [issued, used] = await Promise.all([
        knex(t).select(knex.raw(`${issuedDay} AS day`)).count({ n: '*' }).where('template_id', templateId).groupByRaw(issuedDay),
        knex(t).select(knex.raw(`${usedDay} AS day`)).count({ n: '*' }).where({ template_id: templateId, status: 'used' }).whereNotNull('used_at').groupByRaw(usedDay),
      ]);
      const byDay = new Map<number, { day: number; issued: number; used: number }>();
      const at = (day: number) => byDay.get(day) ?? byDay.set(day, { day, issued: 0, used: 0 }).get(day)!;
      for (const r of issued as any[]) at(toInt(r.day)).issued += toInt(r.n);
      for (const r of used as any[]) at(toInt(r.day)).used += toInt(r.n);
      return [...byDay.values()].sort((a, b) => a.day - b.day);
    },

    /** Paid recharges that consumed a coupon of the template: how many, the bonus given, the money paid. */
    async rechargeFigures(templateId: number): Promise<{ count: number; bonusFen: number; paidFen: number }> {
      const knex = await sql(strapi);
      const row = await knex(`${tableName(strapi, UID.coupon)} as c`)
        .join(`${tableName(strapi, UID.recharge)} as r`, 'r.out_trade_no', 'c.used_ref_id')
        .where({ 'c.template_id': templateId, 'c.status': 'used', 'c.used_ref_kind': 'recharge', 'r.status': 'paid' })
        .count({ n: '*' })
        .sum({ bonus: 'r.coupon_bonus_fen' })
        .sum({ paid: 'r.pay_fen' })
        .first();
      return { count: toInt(row?.n), bonusFen: toInt(row?.bonus), paidFen: toInt(row?.paid) };
    },

    /** Bookings (documentIds) that consumed a coupon of the template, one page at a time by coupon id. */
    async bookingRefs(templateId: number, afterId: number, limit: number): Promise<{ id: number; ref: string }[]> {
      const knex = await sql(strapi);
      const rows = await knex(tableName(strapi, UID.coupon))
        .select('id', 'used_ref_id')
        .where({ template_id: templateId, status: 'used', used_ref_kind: 'booking' })
        .andWhere('id', '>', afterId)
        .orderBy('id', 'asc')
        .limit(limit);
      return rows.map((r: any) => ({ id: Number(r.id), ref: String(r.used_ref_id) }));
    },
  };
};
