import { sql } from '../../../../../platform/sql';
import type { OrderPurpose } from '../services/types';
import { tableName, table, toDate, toInt, UID } from './support';

export interface OrderRow {
  id: number;
  outTradeNo: string;
  userId: number;
  purpose: OrderPurpose;
  refId: string;
  amountFen: number;
  description: string;
  status: 'pending' | 'paid' | 'closed';
  expiresAt: Date;
  paidAt: Date | null;
  closedAt: Date | null;
  transactionId: string | null;
  refundedFen: number;
  createdAt: Date;
}

const fromRow = (r: any): OrderRow => ({
  id: Number(r.id),
  outTradeNo: r.out_trade_no,
  userId: Number(r.user_id),
  purpose: r.purpose,
  refId: r.ref_id,
  amountFen: toInt(r.amount_fen),
  description: r.description,
  status: r.status,
  expiresAt: toDate(r.expires_at)!,
  paidAt: toDate(r.paid_at),
  closedAt: toDate(r.closed_at),
  transactionId: r.transaction_id ?? null,
  refundedFen: toInt(r.refunded_fen),
  createdAt: toDate(r.created_at ?? r.createdAt)!,
});

/** WeChat Pay orders. State changes are conditional updates: whoever changes the row first wins. */
export const ordersRepository = (strapi: any) => ({
  async insert(o: { outTradeNo: string; userId: number; purpose: OrderPurpose; refId: string; amountFen: number; description: string; expiresAt: Date }) {
    await strapi.db.query(UID.order).create({
      data: {
        out_trade_no: o.outTradeNo,
        user_id: o.userId,
        purpose: o.purpose,
        ref_id: o.refId,
        amount_fen: o.amountFen,
        description: o.description,
        status: 'pending',
        expires_at: o.expiresAt,
        refunded_fen: 0,
      },
    });
  },

  async find(outTradeNo: string): Promise<OrderRow | null> {
    const row = await (await table(strapi, UID.order))().where({ out_trade_no: outTradeNo }).first();
    return row ? fromRow(row) : null;
  },

  async lock(outTradeNo: string): Promise<OrderRow | null> {
    const row = await (await table(strapi, UID.order))().where({ out_trade_no: outTradeNo }).forUpdate().first();
    return row ? fromRow(row) : null;
  },

  /** pending (or closed: WeChat's word that the money arrived beats our expiry) → paid; true if this call did it. */
  async markPaid(outTradeNo: string, paid: { paidAt: Date; transactionId: string | null }): Promise<boolean> {
    const n = await (await table(strapi, UID.order))()
      .where({ out_trade_no: outTradeNo })
      .whereIn('status', ['pending', 'closed'])
      .update({ status: 'paid', paid_at: paid.paidAt, transaction_id: paid.transactionId, updated_at: new Date() });
    return Number(n) === 1;
  },

  async markClosed(outTradeNo: string, at: Date): Promise<boolean> {
    const n = await (await table(strapi, UID.order))()
      .where({ out_trade_no: outTradeNo, status: 'pending' })
      .update({ status: 'closed', closed_at: at, updated_at: new Date() });
    return Number(n) === 1;
  },

  async touchChecked(outTradeNo: string, at: Date) {
    await (await table(strapi, UID.order))().where({ out_trade_no: outTradeNo }).update({ last_checked_at: at });
  },

  /**
   * Counts a refund against the order; refuses (false) when refunds would exceed what was paid. The
   * condition is in the UPDATE itself, so two refunds racing on one order cannot both pass.
   */
  async reserveRefund(outTradeNo: string, amountFen: number): Promise<boolean> {
    const knex = await sql(strapi);
    const n = await knex(tableName(strapi, UID.order))
      .where({ out_trade_no: outTradeNo, status: 'paid' })
      .andWhereRaw('refunded_fen + ? <= amount_fen', [amountFen])
      .update({ refunded_fen: knex.raw('refunded_fen + ?', [amountFen]), updated_at: new Date() });
    return Number(n) === 1;
  },

  async releaseRefund(outTradeNo: string, amountFen: number) {
    const knex = await sql(strapi);
    await knex(tableName(strapi, UID.order))
      .where({ out_trade_no: outTradeNo })
      .andWhere('refunded_fen', '>=', amountFen)
      .update({ refunded_fen: knex.raw('refunded_fen - ?', [amountFen]), updated_at: new Date() });
  },

  /** Pending orders worth asking WeChat about: expired, or old enough and not checked lately. */
  async needingReconciliation(now: Date, opts: { minAgeMs: number; recheckMs: number; limit: number; afterId: number }): Promise<OrderRow[]> {
    const staleBefore = new Date(now.getTime() - opts.minAgeMs);
    const checkedBefore = new Date(now.getTime() - opts.recheckMs);
    const rows = await (await table(strapi, UID.order))()
      .where({ status: 'pending' })
      .andWhere('id', '>', opts.afterId)
      .andWhere((q: any) => q.where('expires_at', '<=', now).orWhere('created_at', '<=', staleBefore))
      .andWhere((q: any) => q.whereNull('last_checked_at').orWhere('last_checked_at', '<=', checkedBefore).orWhere('expires_at', '<=', now))
      .orderBy('id', 'asc')
      .limit(opts.limit);
    return rows.map(fromRow);
  },

  /** Paid WeChat recharges of a member, for refunds of withdrawn principal. */
  async paidRecharges(userId: number): Promise<OrderRow[]> {
    const rows = await (await table(strapi, UID.order))().where({ user_id: userId, purpose: 'recharge', status: 'paid' }).orderBy('id', 'desc');
    return rows.map(fromRow);
  },

  async paidForRef(userId: number, purpose: OrderPurpose, refId: string): Promise<OrderRow[]> {
    const rows = await (await table(strapi, UID.order))().where({ user_id: userId, purpose, ref_id: refId, status: 'paid' }).orderBy('id', 'asc');
    return rows.map(fromRow);
  },
});

export type OrdersRepository = ReturnType<typeof ordersRepository>;
