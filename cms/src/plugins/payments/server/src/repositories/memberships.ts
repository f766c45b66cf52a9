import { selectRows } from '../../../../../platform/sql';
import { table, tableName, toDate, toInt, UID } from './support';

export interface MembershipRow {
  id: number;
  documentId: string;
  userId: number;
  tierId: number;
  tierCode: string;
  plan: 'month' | 'quarter';
  priceFen: number;
  payWith: 'wallet' | 'wechat';
  status: 'pending' | 'active' | 'expired' | 'cancelled';
  outTradeNo: string | null;
  startsAt: Date | null;
  expiresAt: Date | null;
}

const fromRow = (r: any): MembershipRow => ({
  id: Number(r.id),
  documentId: r.document_id ?? r.documentId,
  userId: Number(r.user_id),
  tierId: Number(r.tier_id),
  tierCode: r.tier_code,
  plan: r.plan,
  priceFen: toInt(r.price_fen),
  payWith: r.pay_with,
  status: r.status,
  outTradeNo: r.out_trade_no ?? null,
  startsAt: toDate(r.starts_at),
  expiresAt: toDate(r.expires_at),
});

export const membershipsRepository = (strapi: any) => ({
  async insert(m: Omit<MembershipRow, 'id' | 'documentId'>): Promise<MembershipRow> {
    const row = await strapi.db.query(UID.membership).create({
      data: {
        user_id: m.userId,
        tier_id: m.tierId,
        tier_code: m.tierCode,
        plan: m.plan,
        price_fen: m.priceFen,
        pay_with: m.payWith,
        status: m.status,
        out_trade_no: m.outTradeNo,
        starts_at: m.startsAt,
        expires_at: m.expiresAt,
      },
    });
    return (await this.find(row.documentId))!;
  },

  async find(documentId: string): Promise<MembershipRow | null> {
    const row = await (await table(strapi, UID.membership))().where({ document_id: documentId }).first();
    return row ? fromRow(row) : null;
  },

  /** The member's card with the latest expiry that is still running at `now`. */
  async activeCard(userId: number, now: Date): Promise<MembershipRow | null> {
    const row = await (await table(strapi, UID.membership))()
      .where({ user_id: userId, status: 'active' })
      .andWhere('expires_at', '>', now)
      .orderBy('expires_at', 'desc')
      .first();
    return row ? fromRow(row) : null;
  },

  /**
   * What a member's benefits depend on, in one statement: the active card (as `activeCard`) and the
   * wallet's recharged total (0 without a wallet), which earns a tier.
   */
  async benefitFacts(userId: number, now: Date): Promise<{ card: MembershipRow | null; rechargedTotalFen: number }> {
    const [row] = await selectRows(
      strapi,
      `SELECT m.*, (SELECT w.\`recharged_total_fen\` FROM \`${tableName(strapi, UID.wallet)}\` AS w WHERE w.\`user_id\` = ?) AS wallet_recharged_total_fen` +
        ` FROM (SELECT 1 AS one) AS x LEFT JOIN \`${tableName(strapi, UID.membership)}\` AS m ON m.\`user_id\` = ? AND m.\`status\` = ? AND m.\`expires_at\` > ?` +
        ' ORDER BY m.`expires_at` DESC LIMIT 1',
      [userId, userId, 'active', now],
    );
    return { card: row && row.id != null ? fromRow(row) : null, rechargedTotalFen: toInt(row?.wallet_recharged_total_fen ?? 0) };
  },

  /** Starts a card that is still in one of `from` (pending; a paid-after-close order also cancelled). */
  async activate(id: number, validity: { startsAt: Date; expiresAt: Date; outTradeNo?: string | null }, from: readonly MembershipRow['status'][] = ['pending']): Promise<boolean> {
    const n = await (await table(strapi, UID.membership))()
      .where({ id })
      .whereIn('status', from)
      .update({ status: 'active', starts_at: validity.startsAt, expires_at: validity.expiresAt, updated_at: new Date() });
    return Number(n) === 1;
  },

  async setOutTradeNo(id: number, outTradeNo: string) {
    await (await table(strapi, UID.membership))().where({ id }).update({ out_trade_no: outTradeNo });
  },

  async cancelPending(id: number): Promise<boolean> {
    const n = await (await table(strapi, UID.membership))().where({ id, status: 'pending' }).update({ status: 'cancelled', updated_at: new Date() });
    return Number(n) === 1;
  },

  async expireOverdue(now: Date): Promise<number> {
    const n = await (await table(strapi, UID.membership))()
      .where({ status: 'active' })
      .andWhere('expires_at', '<=', now)
      .update({ status: 'expired', updated_at: new Date() });
    return Number(n);
  },
});

export type MembershipsRepository = ReturnType<typeof membershipsRepository>;
