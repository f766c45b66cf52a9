import { table, toDate, toInt, UID } from './support';

export interface RechargeRow {
  id: number;
  documentId: string;
  userId: number;
  outTradeNo: string;
  packageId: number | null;
  couponId: number | null;
  payFen: number;
  packageBonusFen: number;
  couponBonusFen: number;
  status: 'pending' | 'paid' | 'closed';
  creditedFen: number;
  creditedAt: Date | null;
}

const fromRow = (r: any): RechargeRow => ({
  id: Number(r.id),
  documentId: r.document_id ?? r.documentId,
  userId: Number(r.user_id),
  outTradeNo: r.out_trade_no,
  packageId: r.package_id == null ? null : Number(r.package_id),
  couponId: r.coupon_id == null ? null : Number(r.coupon_id),
  payFen: toInt(r.pay_fen),
  packageBonusFen: toInt(r.package_bonus_fen),
  couponBonusFen: toInt(r.coupon_bonus_fen),
  status: r.status,
  creditedFen: toInt(r.credited_fen),
  creditedAt: toDate(r.credited_at),
});

export const rechargesRepository = (strapi: any) => ({
  async insert(r: { userId: number; outTradeNo: string; packageId: number | null; couponId: number | null; payFen: number; packageBonusFen: number; couponBonusFen: number }) {
    await strapi.db.query(UID.recharge).create({
      data: {
        user_id: r.userId,
        out_trade_no: r.outTradeNo,
        package_id: r.packageId,
        coupon_id: r.couponId,
        pay_fen: r.payFen,
        package_bonus_fen: r.packageBonusFen,
        coupon_bonus_fen: r.couponBonusFen,
        status: 'pending',
        credited_fen: 0,
      },
    });
  },

  async find(outTradeNo: string): Promise<RechargeRow | null> {
    const row = await (await table(strapi, UID.recharge))().where({ out_trade_no: outTradeNo }).first();
    return row ? fromRow(row) : null;
  },

  async markCredited(outTradeNo: string, creditedFen: number, at: Date): Promise<boolean> {
    const n = await (await table(strapi, UID.recharge))()
      .where({ out_trade_no: outTradeNo })
      .whereIn('status', ['pending', 'closed'])
      .update({ status: 'paid', credited_fen: creditedFen, credited_at: at, updated_at: new Date() });
    return Number(n) === 1;
  },

  async markClosed(outTradeNo: string): Promise<boolean> {
    const n = await (await table(strapi, UID.recharge))().where({ out_trade_no: outTradeNo, status: 'pending' }).update({ status: 'closed', updated_at: new Date() });
    return Number(n) === 1;
  },
});

export type RechargesRepository = ReturnType<typeof rechargesRepository>;
