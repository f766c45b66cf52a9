import { sql } from '../../../../../platform/sql';
import { localDayNumberSql } from '../../../../../platform/sql-time';
import { tableName, toInt, UID } from './support';

/** A money window: [from, to). */
export interface Window {
  from: Date;
  to: Date;
}

/**
 * Money aggregates for the back office, one SQL aggregate per source over all windows at once
 * (conditional sums), never rows loaded into JavaScript.
 */
export const reportsRepository = (strapi: any) => {
  const client = () => strapi.db.dialect.client as string;

  /** SUM(CASE WHEN col in window_i THEN amount END) for each window, as s0, s1, … */
  function windowSums(knex: any, timeColumn: string, amountSql: string, windows: Window[]) {
    return windows.map((w, i) => knex.raw(`COALESCE(SUM(CASE WHEN ${timeColumn} >= ? AND ${timeColumn} < ? THEN ${amountSql} ELSE 0 END), 0) AS s${i}`, [w.from, w.to]));
  }
  const readSums = (row: any, n: number) => Array.from({ length: n }, (_, i) => toInt(row?.[`s${i}`]));
  const earliest = (windows: Window[]) => new Date(Math.min(...windows.map((w) => w.from.getTime())));

  return {
    /** Ledger sums by type over each window (type → sums per window). */
    async ledgerByType(types: string[], windows: Window[]): Promise<Map<string, number[]>> {
      const knex = await sql(strapi);
      const rows = await knex(tableName(strapi, UID.ledger))
        .select('type', ...windowSums(knex, 'occurred_at', 'amount_fen', windows))
        .whereIn('type', types)
        .andWhere('occurred_at', '>=', earliest(windows))
        .groupBy('type');
      const out = new Map<string, number[]>(types.map((t) => [t, windows.map(() => 0)]));
      for (const r of rows) out.set(r.type, readSums(r, windows.length));
      return out;
    },

    /** WeChat orders paid, by purpose, over each window. */
    async paidOrdersByPurpose(purposes: string[], windows: Window[]): Promise<Map<string, number[]>> {
      const knex = await sql(strapi);
      const rows = await knex(tableName(strapi, UID.order))
        .select('purpose', ...windowSums(knex, 'paid_at', 'amount_fen', windows))
        .whereIn('purpose', purposes)
        .whereNotNull('paid_at')
        .andWhere('paid_at', '>=', earliest(windows))
        .groupBy('purpose');
      const out = new Map<string, number[]>(purposes.map((p) => [p, windows.map(() => 0)]));
      for (const r of rows) out.set(r.purpose, readSums(r, windows.length));
      return out;
    },

    /** WeChat refunds that succeeded, over each window (by settlement time). */
    async refundsSucceeded(windows: Window[]): Promise<number[]> {
      const knex = await sql(strapi);
      const row = await knex(tableName(strapi, UID.refund))
        .select(...windowSums(knex, 'settled_at', 'amount_fen', windows))
        .where('status', 'success')
        .andWhere('settled_at', '>=', earliest(windows))
        .first();
      return readSums(row, windows.length);
    },

    /** What the store owes its members: the sum of all wallet balances (and the bonus part of it). */
    async walletTotals(): Promise<{ balanceFen: number; bonusFen: number; wallets: number }> {
      const knex = await sql(strapi);
      const row = await knex(tableName(strapi, UID.wallet)).sum({ balance: 'balance_fen' }).sum({ bonus: 'bonus_fen' }).count({ n: '*' }).first();
      return { balanceFen: toInt(row?.balance), bonusFen: toInt(row?.bonus), wallets: toInt(row?.n) };
    },

    /** Money in per local day: ledger credits of the given types plus paid orders of the given purposes. */
    async dailyIn(input: { from: Date; offsetSeconds: number; ledgerTypes: string[]; orderPurposes: string[] }): Promise<Map<number, number>> {
      const knex = await sql(strapi);
      const c = client();
      const ledgerDay = localDayNumberSql(c, 'occurred_at', input.offsetSeconds);
      const orderDay = localDayNumberSql(c, 'paid_at', input.offsetSeconds);
      const [ledger, orders] = await Promise.all([
        knex(tableName(strapi, UID.ledger))
          .select(knex.raw(`${ledgerDay} AS day`))
          .sum({ total: 'amount_fen' })
          .whereIn('type', input.ledgerTypes)
          .andWhere('occurred_at', '>=', input.from)
          .groupByRaw(ledgerDay),
        knex(tableName(strapi, UID.order))
          .select(knex.raw(`${orderDay} AS day`))
          .sum({ total: 'amount_fen' })
          .whereIn('purpose', input.orderPurposes)
          .whereNotNull('paid_at')
          .andWhere('paid_at', '>=', input.from)
          .groupByRaw(orderDay),
      ]);
      const out = new Map<number, number>();
      for (const r of [...ledger, ...orders] as any[]) out.set(toInt(r.day), (out.get(toInt(r.day)) ?? 0) + toInt(r.total));
      return out;
    },

    /**
     * Per member since `since`: wallet consumption (booking payments net of booking refunds, membership
     * purchases; debits are negative) and WeChat-paid bookings and memberships net of what was refunded.
     * Two grouped aggregates, merged by member.
     */
    async memberSpend(since: Date): Promise<Map<number, number>> {
      const knex = await sql(strapi);
      const [ledger, orders] = await Promise.all([
        knex(tableName(strapi, UID.ledger))
          .select('user_id')
          .sum({ total: 'amount_fen' })
          .whereIn('type', ['booking_payment', 'booking_refund', 'membership_purchase'])
          .andWhere('occurred_at', '>=', since)
          .groupBy('user_id'),
        knex(tableName(strapi, UID.order))
          .select('user_id', knex.raw('COALESCE(SUM(amount_fen - refunded_fen), 0) AS total'))
          .whereIn('purpose', ['booking', 'membership'])
          .whereNotNull('paid_at')
          .andWhere('paid_at', '>=', since)
          .groupBy('user_id'),
      ]);
      const out = new Map<number, number>();
      for (const r of ledger as any[]) out.set(Number(r.user_id), (out.get(Number(r.user_id)) ?? 0) - toInt(r.total));
      for (const r of orders as any[]) out.set(Number(r.user_id), (out.get(Number(r.user_id)) ?? 0) + toInt(r.total));
      return out;
    },

    /** Refund requests waiting for a decision, by kind. */
    async pendingRefundRequests(): Promise<{ withdraw: number; dispute: number }> {
      const knex = await sql(strapi);
      const rows = await knex(tableName(strapi, UID.refundRequest)).select('kind').count({ n: '*' }).where('status', 'pending').groupBy('kind');
      const out = { withdraw: 0, dispute: 0 };
      for (const r of rows) (out as any)[r.kind] = toInt(r.n);
      return out;
    },
  };
};
