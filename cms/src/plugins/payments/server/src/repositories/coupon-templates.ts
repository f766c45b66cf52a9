/**
 * Coupon templates as the template editor reads and writes them (the app's coupon-template content type,
 * with its rooms relation), and the members a hand-out may reach.
 */
import type { CouponTemplateForm } from '../domain/coupon-templates';
import { iso } from './support';

const TEMPLATE = 'api::coupon-template.coupon-template';
const ROOM = 'api::room.room';
const USER = 'plugin::users-permissions.user';

export interface TemplateRecord {
  id: number;
  documentId: string;
  name: string;
  description: string | null;
  kind: string;
  amount_off_fen: number | null;
  percent_off: number | null;
  max_discount_fen: number | null;
  free_hours: number | null;
  min_spend_fen: number;
  applies_to: string;
  rooms: { id: string; name: string }[];
  valid_from: string | null;
  valid_to: string | null;
  valid_days_after_issue: number | null;
  per_member_limit: number | null;
  issue_on_signup: boolean;
  issue_on_recharge_min_fen: number | null;
  active: boolean;
  createdAt: string | null;
  updatedAt: string | null;
}

const recordOf = (r: any): TemplateRecord => ({
  id: Number(r.id),
  documentId: r.documentId,
  name: r.name,
  description: r.description ?? null,
  kind: r.kind,
  amount_off_fen: r.amount_off_fen ?? null,
  percent_off: r.percent_off ?? null,
  max_discount_fen: r.max_discount_fen ?? null,
  free_hours: r.free_hours ?? null,
  min_spend_fen: Number(r.min_spend_fen ?? 0),
  applies_to: r.applies_to ?? 'booking',
  rooms: (r.rooms ?? []).map((room: any) => ({ id: room.documentId, name: room.name })),
  valid_from: iso(r.valid_from),
  valid_to: iso(r.valid_to),
  valid_days_after_issue: r.valid_days_after_issue ?? null,
  per_member_limit: r.per_member_limit ?? null,
  issue_on_signup: Boolean(r.issue_on_signup),
  issue_on_recharge_min_fen: r.issue_on_recharge_min_fen ?? null,
  active: r.active !== false && r.active !== 0,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

const populate = { rooms: { select: ['documentId', 'name'] } };

export const couponTemplatesRepository = (strapi: any) => {
  /** The room documentIds that exist, and those that do not (so the editor can say which). */
  async function roomIds(documentIds: string[]): Promise<{ ids: string[]; unknown: string[] }> {
    if (documentIds.length === 0) return { ids: [], unknown: [] };
    const rows = await strapi.db.query(ROOM).findMany({ where: { documentId: { $in: documentIds } }, select: ['id', 'documentId'] });
    const known = new Set<string>(rows.map((r: any) => r.documentId));
    return { ids: [...known], unknown: documentIds.filter((d) => !known.has(d)) };
  }

  /** Relations go to the Document Service as documentIds. */
  const data = (f: CouponTemplateForm, rooms: string[]) => ({
    name: f.name,
    description: f.description ?? null,
    kind: f.kind,
    amount_off_fen: f.amount_off_fen ?? null,
    percent_off: f.percent_off ?? null,
    max_discount_fen: f.max_discount_fen ?? null,
    free_hours: f.free_hours ?? null,
    min_spend_fen: f.min_spend_fen,
    applies_to: f.applies_to,
    rooms,
    valid_from: f.valid_from ?? null,
    valid_to: f.valid_to ?? null,
    valid_days_after_issue: f.valid_days_after_issue ?? null,
    per_member_limit: f.per_member_limit,
    issue_on_signup: f.issue_on_signup,
    issue_on_recharge_min_fen: f.issue_on_recharge_min_fen ?? null,
    active: f.active,
  });

  return {
    roomIds,

    async list(filter: { q?: string; active?: boolean }, page: { page: number; pageSize: number }) {
      const where: any = {};
      if (filter.q) where.name = { $containsi: filter.q };
      if (filter.active !== undefined) where.active = filter.active;
      const [rows, total] = await Promise.all([
        strapi.db.query(TEMPLATE).findMany({ where, populate, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
        strapi.db.query(TEMPLATE).count({ where }),
      ]);
      return { rows: rows.map(recordOf), total: Number(total) };
    },

    async find(documentId: string): Promise<TemplateRecord | null> {
      const row = await strapi.db.query(TEMPLATE).findOne({ where: { documentId }, populate });
      return row ? recordOf(row) : null;
    },

    async create(f: CouponTemplateForm, rooms: string[]): Promise<TemplateRecord> {
      const row = await strapi.documents(TEMPLATE).create({ data: data(f, rooms) });
      return (await this.find(row.documentId))!;
    },

    async update(documentId: string, f: CouponTemplateForm, rooms: string[]): Promise<TemplateRecord> {
      await strapi.documents(TEMPLATE).update({ documentId, data: data(f, rooms) });
      return (await this.find(documentId))!;
    },

    /** How many of the given ids are members (the audience of a hand-out to chosen members). */
    async existingMembers(ids: number[]): Promise<number[]> {
      if (ids.length === 0) return [];
      const rows = await strapi.db.query(USER).findMany({ where: { id: { $in: ids } }, select: ['id'] });
      return rows.map((r: any) => Number(r.id)).sort((a: number, b: number) => a - b);
    },
  };
};
