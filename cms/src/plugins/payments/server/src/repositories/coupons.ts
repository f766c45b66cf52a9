import type { CouponStatus, CouponTerms, IssuedCoupon } from '../domain';
import { pagination, table, toDate, toInt, UID, type Page } from './support';

export interface CouponRow extends IssuedCoupon {
  id: number;
  documentId: string;
  userId: number;
  templateId: number;
  name: string;
  source: string;
  usedAt: Date | null;
  usedRefKind: string | null;
  usedRefId: string | null;
  createdAt: Date;
}

function roomIds(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v) {
    try {
      const parsed = JSON.parse(v);
      return Array.isArray(parsed) ? parsed.map(String) : [];
    } catch {
      return [];
    }
  }
  return [];
}

const fromRow = (r: any): CouponRow => {
  const terms: CouponTerms = {
    kind: r.kind,
    amountOffFen: r.amount_off_fen == null ? null : toInt(r.amount_off_fen),
    percentOff: r.percent_off == null ? null : toInt(r.percent_off),
    maxDiscountFen: r.max_discount_fen == null ? null : toInt(r.max_discount_fen),
    freeHours: r.free_hours == null ? null : toInt(r.free_hours),
    minSpendFen: toInt(r.min_spend_fen),
    roomIds: roomIds(r.room_ids),
    appliesTo: r.applies_to,
  };
  return {
    id: Number(r.id),
    documentId: r.document_id,
    userId: Number(r.user_id),
    ownerId: Number(r.user_id),
    templateId: Number(r.template_id),
    name: r.name,
    status: r.status as CouponStatus,
    validFrom: toDate(r.valid_from)!,
    validTo: toDate(r.valid_to)!,
    terms,
    source: r.source,
    usedAt: toDate(r.used_at),
    usedRefKind: r.used_ref_kind ?? null,
    usedRefId: r.used_ref_id ?? null,
    createdAt: toDate(r.created_at)!,
  };
};

export interface CouponInsert {
  userId: number;
  templateId: number;
  seq: number;
  name: string;
  terms: CouponTerms;
  validFrom: Date;
  validTo: Date;
  source: 'staff' | 'tag' | 'signup' | 'recharge';
  issuedBy: number | null;
  issueKey: string | null;
}

/** The terms of a coupon as snake_case fields: the table's columns and the API's field names alike. */
export const termFields = (t: CouponTerms) => ({
  kind: t.kind,
  amount_off_fen: t.amountOffFen ?? null,
  percent_off: t.percentOff ?? null,
  max_discount_fen: t.maxDiscountFen ?? null,
  free_hours: t.freeHours ?? null,
  min_spend_fen: t.minSpendFen,
  applies_to: t.appliesTo,
});

export const couponsRepository = (strapi: any) => ({
  /** Throws a unique violation when the member already holds `seq` of this template or the issue key was used. */
  async insert(c: CouponInsert): Promise<CouponRow> {
    const row = await strapi.db.query(UID.coupon).create({
      data: {
        user_id: c.userId,
        template_id: c.templateId,
        seq: c.seq,
        name: c.name,
        ...termFields(c.terms),
        room_ids: c.terms.roomIds,
        valid_from: c.validFrom,
        valid_to: c.validTo,
        status: 'unused',
        source: c.source,
        issued_by: c.issuedBy,
        issue_key: c.issueKey,
      },
    });
    return (await this.findById(row.id))!;
  },

  async findById(id: number): Promise<CouponRow | null> {
    const row = await (await table(strapi, UID.coupon))().where({ id }).first();
    return row ? fromRow(row) : null;
  },

  async find(documentId: string): Promise<CouponRow | null> {
    const row = await (await table(strapi, UID.coupon))().where({ document_id: documentId }).first();
    return row ? fromRow(row) : null;
  },

  async findByIssueKey(key: string): Promise<CouponRow | null> {
    const row = await (await table(strapi, UID.coupon))().where({ issue_key: key }).first();
    return row ? fromRow(row) : null;
  },

  async countIssued(templateId: number, userId: number): Promise<number> {
    const [{ n }] = await (await table(strapi, UID.coupon))().where({ template_id: templateId, user_id: userId }).count({ n: '*' });
    return toInt(n);
  },

  /**
   * unused → used in one conditional UPDATE: of two concurrent redemptions exactly one matches the row,
   * on any database, without a lock held across the checks.
   */
  async markUsed(documentId: string, userId: number, now: Date, ref: { kind: string; id: string }): Promise<boolean> {
    const n = await (await table(strapi, UID.coupon))()
      .where({ document_id: documentId, user_id: userId, status: 'unused' })
      .andWhere('valid_from', '<=', now)
      .andWhere('valid_to', '>', now)
      .update({ status: 'used', used_at: now, used_ref_kind: ref.kind, used_ref_id: ref.id, updated_at: new Date() });
    return Number(n) === 1;
  },

  /** used → unused, only by the use it was redeemed for and only while it is still valid. */
  async markUnused(documentId: string, ref: { kind: string; id: string }, now: Date): Promise<boolean> {
    const n = await (await table(strapi, UID.coupon))()
      .where({ document_id: documentId, status: 'used', used_ref_kind: ref.kind, used_ref_id: ref.id })
      .andWhere('valid_to', '>', now)
      .update({ status: 'unused', used_at: null, used_ref_kind: null, used_ref_id: null, updated_at: new Date() });
    return Number(n) === 1;
  },

  async expireOverdue(now: Date): Promise<number> {
    const n = await (await table(strapi, UID.coupon))()
      .where({ status: 'unused' })
      .andWhere('valid_to', '<=', now)
      .update({ status: 'expired', updated_at: new Date() });
    return Number(n);
  },

  async listForMember(userId: number, filter: { usableAt?: Date }, page: Page) {
    const t = await table(strapi, UID.coupon);
    const base = () => {
      const q = t().where({ user_id: userId });
      if (filter.usableAt) q.where({ status: 'unused' }).andWhere('valid_from', '<=', filter.usableAt).andWhere('valid_to', '>', filter.usableAt);
      return q;
    };
    const [{ n }] = await base().count({ n: '*' });
    const rows = await base().orderBy('valid_to', 'asc').orderBy('id', 'asc').limit(page.pageSize).offset((page.page - 1) * page.pageSize);
    return { rows: rows.map(fromRow), pagination: pagination(page, toInt(n)) };
  },

  async allUsableForMember(userId: number, now: Date): Promise<CouponRow[]> {
    const rows = await (await table(strapi, UID.coupon))()
      .where({ user_id: userId, status: 'unused' })
      .andWhere('valid_from', '<=', now)
      .andWhere('valid_to', '>', now)
      .orderBy('valid_to', 'asc')
      .orderBy('id', 'asc')
      .limit(500);
    return rows.map(fromRow);
  },

  async statsByTemplate(templateId: number) {
    const rows = await (await table(strapi, UID.coupon))().where({ template_id: templateId }).select('status').count({ n: '*' }).groupBy('status');
    const out: Record<string, number> = { unused: 0, used: 0, expired: 0, revoked: 0 };
    for (const r of rows) out[r.status] = toInt(r.n);
    return out;
  },
});

export type CouponsRepository = ReturnType<typeof couponsRepository>;
