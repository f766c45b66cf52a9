/**
 * The one typed client of these pages: every call goes through the admin's fetch client (admin JWT) and
 * every answer is parsed with zod, so a page never reads a shape the server did not send.
 */
import { getFetchClient } from '@strapi/strapi/admin';
import { z } from 'zod';

const pagination = z.object({ page: z.number(), pageSize: z.number(), pageCount: z.number(), total: z.number() });
const paged = <T extends z.ZodTypeAny>(item: T) => z.object({ data: z.array(item), meta: z.object({ pagination }) });
const one = <T extends z.ZodTypeAny>(item: T) => z.object({ data: item });

const ban = z.object({ until: z.string(), reason: z.string().nullable() }).nullable();

export const memberSummary = z.object({
  id: z.number(),
  documentId: z.string(),
  nickname: z.string().nullable(),
  username: z.string(),
  openid: z.string().nullable(),
  avatar: z.string().nullable(),
  blocked: z.boolean(),
  createdAt: z.string(),
  ban,
});
export type MemberSummary = z.infer<typeof memberSummary>;

const appeal = z.object({
  id: z.string(),
  status: z.enum(['open', 'accepted', 'rejected']),
  text: z.string(),
  reply: z.string().nullable(),
  banUntil: z.string().nullable(),
  banReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.number().nullable(),
  createdAt: z.string(),
});
export type Appeal = z.infer<typeof appeal>;

export const memberDetail = memberSummary.extend({
  bookings: z.object({ total: z.number(), byStatus: z.record(z.string(), z.number()) }),
  violations: z.object({ total: z.number(), last30Days: z.number() }),
  tags: z.array(
    z.object({
      tag: z.object({ id: z.string(), name: z.string(), code: z.string().nullable(), color: z.string().nullable() }),
      expiresAt: z.string().nullable(),
      expired: z.boolean(),
      source: z.string(),
      note: z.string().nullable(),
    }),
  ),
  appeals: z.array(appeal),
});
export type MemberDetail = z.infer<typeof memberDetail>;

const banRecord = z.object({
  action: z.enum(['ban', 'lift']),
  until: z.string().nullable(),
  reason: z.string(),
  actorType: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  appeal: z.string().nullable(),
  at: z.string(),
});
export type BanRecord = z.infer<typeof banRecord>;

const violation = z.object({ kind: z.string(), at: z.string(), booking: z.string().nullable(), bookingStart: z.string().nullable() });
export type Violation = z.infer<typeof violation>;

const tagOption = z.object({ id: z.string(), name: z.string(), code: z.string().nullable(), color: z.string().nullable(), defaultValidDays: z.number().nullable() });
export type TagOption = z.infer<typeof tagOption>;

const wallet = z.object({
  balance_fen: z.number(),
  bonus_fen: z.number(),
  withdrawable_fen: z.number(),
  recharged_total_fen: z.number(),
  tier: z.object({ code: z.string(), name: z.string().nullable(), level: z.number().nullable(), source: z.string().nullable() }).passthrough().nullable(),
});
export type Wallet = z.infer<typeof wallet>;

const ledgerEntry = z.object({
  id: z.string(),
  type: z.string(),
  amount_fen: z.number(),
  bonus_amount_fen: z.number(),
  balance_after_fen: z.number(),
  bonus_after_fen: z.number(),
  ref: z.object({ kind: z.string(), id: z.string() }),
  note: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

const booking = z
  .object({
    id: z.string(),
    status: z.string(),
    start: z.string(),
    end: z.string(),
    seat: z.object({ id: z.string(), label: z.string() }).passthrough().nullable(),
    room: z.object({ id: z.string(), name: z.string() }).passthrough().nullable(),
    payWith: z.string().nullable(),
    total_fen: z.number(),
    refund_fen: z.number(),
    fee_fen: z.number(),
  })
  .passthrough();
export type Booking = z.infer<typeof booking>;

const refund = z.object({ outRefundNo: z.string(), outTradeNo: z.string(), amount_fen: z.number(), status: z.string(), failure: z.string().nullable(), settledAt: z.string().nullable() });
export const refundRequest = z.object({
  id: z.string(),
  kind: z.enum(['withdraw', 'dispute']),
  amount_fen: z.number().nullable(),
  booking: z.string().nullable(),
  reason: z.string(),
  status: z.string(),
  approved_fen: z.number(),
  refunded_fen: z.number(),
  returned_fen: z.number(),
  decision_note: z.string().nullable(),
  decidedAt: z.string().nullable(),
  settledAt: z.string().nullable(),
  createdAt: z.string().nullable(),
  refunds: z.array(refund).optional(),
  member: z.number(),
  memberNickname: z.string().nullable().optional(),
});
export type RefundRequest = z.infer<typeof refundRequest>;

const queuedAppeal = appeal.extend({
  reviewedByName: z.string().nullable(),
  member: z.object({ id: z.number(), nickname: z.string().nullable(), banUntil: z.string().nullable(), banReason: z.string().nullable() }).nullable(),
});
export type QueuedAppeal = z.infer<typeof queuedAppeal>;

const batch = z.object({
  id: z.string(),
  operation: z.enum(['issue_coupon', 'add_tag', 'remove_tag']),
  params: z.record(z.string(), z.any()),
  selection: z.record(z.string(), z.any()),
  unresolved: z.array(z.string()),
  status: z.enum(['queued', 'running', 'completed']),
  total: z.number(),
  done: z.number(),
  skipped: z.number(),
  failed: z.number(),
  pending: z.number(),
  processed: z.number(),
  percent: z.number(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Batch = z.infer<typeof batch>;
const batchProgress = batch.extend({
  failures: z.array(z.object({ member: z.number(), nickname: z.string().nullable(), reason: z.string() })),
  failuresPagination: pagination,
});
export type BatchProgress = z.infer<typeof batchProgress>;

const couponTemplate = z.object({ documentId: z.string(), name: z.string(), active: z.boolean().nullable().optional() }).passthrough();
export type CouponTemplateOption = z.infer<typeof couponTemplate>;

// ---- coupons (templates, hand-outs, analytics) and tags (rules, member counts) ----
const couponStats = z.object({ issued: z.number(), unused: z.number(), used: z.number(), expired: z.number(), revoked: z.number(), redemption_permille: z.number().nullable() });
export const couponTemplateRecord = z.object({
  documentId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  kind: z.enum(['amount_off', 'percent_off', 'free_hours']),
  amount_off_fen: z.number().nullable(),
  percent_off: z.number().nullable(),
  max_discount_fen: z.number().nullable(),
  free_hours: z.number().nullable(),
  min_spend_fen: z.number(),
  applies_to: z.enum(['booking', 'recharge', 'any']),
  rooms: z.array(z.object({ id: z.string(), name: z.string() })),
  valid_from: z.string().nullable(),
  valid_to: z.string().nullable(),
  valid_days_after_issue: z.number().nullable(),
  per_member_limit: z.number().nullable(),
  issue_on_signup: z.boolean(),
  issue_on_recharge_min_fen: z.number().nullable(),
  active: z.boolean(),
  updatedAt: z.string().nullable(),
  stats: couponStats,
});
export type CouponTemplateRecord = z.infer<typeof couponTemplateRecord>;
export type CouponTemplateForm = Omit<CouponTemplateRecord, 'documentId' | 'updatedAt' | 'stats' | 'rooms'> & { rooms: string[] };
const audience = z.object({ template: z.string(), count: z.number(), mode: z.enum(['direct', 'batch']), tag: z.object({ documentId: z.string(), name: z.string() }).nullable() });
export type AudienceCount = z.infer<typeof audience>;
const distribution = z.object({
  mode: z.enum(['direct', 'batch']),
  audience: z.number(),
  issued: z.number(),
  skipped_limit: z.number(),
  batch: z.object({ id: z.string(), status: z.string(), total: z.number() }).nullable(),
});
export type Distribution = z.infer<typeof distribution>;
const fenSplit = z.object({ bookings: z.number(), recharges: z.number(), total: z.number() });
const couponAnalytics = z.object({
  template: z.object({ id: z.string(), name: z.string(), kind: z.string(), active: z.boolean() }),
  counts: z.object({ issued: z.number(), used: z.number(), expired: z.number(), unused: z.number(), revoked: z.number() }),
  redemption_permille: z.number().nullable(),
  series: z.array(z.object({ date: z.string(), issued: z.number(), used: z.number(), issued_total: z.number(), used_total: z.number(), rate_permille: z.number().nullable() })),
  discount_fen: fenSplit,
  revenue_fen: fenSplit,
  uses: z.object({ bookings: z.number(), recharges: z.number() }),
});
export type CouponAnalytics = z.infer<typeof couponAnalytics>;
const roomOption = z.object({ documentId: z.string(), name: z.string() }).passthrough();
export const tagRecord = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  color: z.string().nullable(),
  description: z.string().nullable(),
  rule: z.enum(['none', 'spend_above', 'no_shows']),
  threshold: z.number().nullable(),
  days: z.number().nullable(),
  validDays: z.number().nullable(),
  removeWhenUnqualified: z.boolean(),
  active: z.boolean(),
  members: z.number(),
});
export type TagRecord = z.infer<typeof tagRecord>;
export type TagForm = Pick<TagRecord, 'name' | 'color' | 'description' | 'rule' | 'threshold' | 'days' | 'validDays' | 'removeWhenUnqualified'>;

export type Page = { page?: number; pageSize?: number };
export type MemberFilter = { q?: string; banned?: 'true' | 'false'; joinedFrom?: string; joinedTo?: string };
export type BatchSelection = { by: 'tag'; tag: string } | { by: 'filter'; filter: Record<string, unknown> } | { by: 'list'; list: string };
export type BatchAction = { operation: 'issue_coupon'; template: string } | { operation: 'add_tag'; tag: string; expiresAt?: string | null } | { operation: 'remove_tag'; tag: string };

const clean = (q: Record<string, unknown>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== ''));

async function get<T extends z.ZodTypeAny>(schema: T, url: string, params: Record<string, unknown> = {}): Promise<z.infer<T>> {
  const { data } = await getFetchClient().get(url, { params: clean(params) });
  return schema.parse(data);
}
async function post<T extends z.ZodTypeAny>(schema: T, url: string, body: unknown = {}): Promise<z.infer<T>> {
  const { data } = await getFetchClient().post(url, body);
  return schema.parse(data);
}
async function put<T extends z.ZodTypeAny>(schema: T, url: string, body: unknown = {}): Promise<z.infer<T>> {
  const { data } = await getFetchClient().put(url, body);
  return schema.parse(data);
}
async function del<T extends z.ZodTypeAny>(schema: T, url: string): Promise<z.infer<T>> {
  const { data } = await getFetchClient().del(url);
  return schema.parse(data);
}

export const api = {
  members: {
    search: (filter: MemberFilter & Page) => get(paged(memberSummary), '/booking/members', filter),
    detail: (id: number) => get(one(memberDetail), `/booking/members/${id}`).then((r) => r.data),
    violations: (id: number, page: Page) => get(paged(violation), `/booking/members/${id}/violations`, page),
    bans: (id: number, page: Page) => get(paged(banRecord), `/booking/members/${id}/bans`, page),
    ban: (id: number, body: { until: string; reason: string }) => post(one(memberDetail), `/booking/members/${id}/ban`, body).then((r) => r.data),
    lift: (id: number, body: { reason: string }) => post(one(memberDetail), `/booking/members/${id}/lift-ban`, body).then((r) => r.data),
    addTag: (id: number, body: { tag: string; expiresAt: string | null; note?: string }) => post(one(memberDetail), `/booking/members/${id}/tags`, body).then((r) => r.data),
    removeTag: (id: number, tag: string) => del(one(memberDetail), `/booking/members/${id}/tags/${encodeURIComponent(tag)}`).then((r) => r.data),
    tags: () => get(one(z.array(tagOption)), '/booking/member-tags').then((r) => r.data),
    bookings: (id: number, page: Page) => get(paged(booking), '/booking/bookings', { member: id, ...page }),
  },
  wallets: {
    summary: (id: number) => get(one(wallet), `/payments/wallets/${id}`).then((r) => r.data),
    ledger: (id: number, page: Page) => get(paged(ledgerEntry), `/payments/wallets/${id}/transactions`, page),
    adjust: (id: number, body: { amount_fen: number; part: 'principal' | 'bonus'; reason: string }) =>
      post(z.object({ data: z.object({ balance_after_fen: z.number() }).passthrough() }), `/payments/wallets/${id}/adjust`, body),
  },
  appeals: {
    queue: (q: { status?: string } & Page) => get(paged(queuedAppeal), '/booking/appeals', q),
    accept: (id: string, note?: string) => post(one(appeal), `/booking/appeals/${id}/accept`, note ? { note } : {}).then((r) => r.data),
    reject: (id: string, reason: string) => post(one(appeal), `/booking/appeals/${id}/reject`, { reason }).then((r) => r.data),
  },
  batches: {
    list: (page: Page) => get(paged(batch), '/booking/member-batches', page),
    create: (body: { action: BatchAction; selection: BatchSelection }) => post(one(batch), '/booking/member-batches', body).then((r) => r.data),
    progress: (id: string, page: Page = {}) => get(one(batchProgress), `/booking/member-batches/${id}`, page).then((r) => r.data),
    couponTemplates: () =>
      get(z.object({ results: z.array(couponTemplate) }).passthrough(), '/content-manager/collection-types/api::coupon-template.coupon-template', { pageSize: 100, sort: 'name:ASC' }).then((r) => r.results),
  },
  coupons: {
    list: (q: { q?: string; active?: 'true' | 'false' } & Page) => get(paged(couponTemplateRecord), '/payments/coupon-templates', q),
    get: (id: string) => get(one(couponTemplateRecord), `/payments/coupon-templates/${id}`).then((r) => r.data),
    create: (form: CouponTemplateForm) => post(one(couponTemplateRecord), '/payments/coupon-templates', form).then((r) => r.data),
    update: (id: string, form: CouponTemplateForm) => put(one(couponTemplateRecord), `/payments/coupon-templates/${id}`, form).then((r) => r.data),
    audience: (id: string, to: { members?: number[]; tag?: string }) =>
      get(one(audience), `/payments/coupon-templates/${id}/audience`, { members: to.members?.join(','), tag: to.tag }).then((r) => r.data),
    distribute: (id: string, to: { members?: number[]; tag?: string }) => post(one(distribution), `/payments/coupon-templates/${id}/distribute`, to).then((r) => r.data),
    analytics: (id: string) => get(one(couponAnalytics), `/payments/coupon-templates/${id}/analytics`).then((r) => r.data),
    rooms: () =>
      get(z.object({ results: z.array(roomOption) }).passthrough(), '/content-manager/collection-types/api::room.room', { pageSize: 100, sort: 'name:ASC' }).then((r) => r.results),
  },
  tags: {
    list: () => get(one(z.array(tagRecord)), '/booking/tags').then((r) => r.data),
    create: (form: TagForm) => post(one(tagRecord), '/booking/tags', form).then((r) => r.data),
    update: (id: string, form: TagForm) => put(one(tagRecord), `/booking/tags/${id}`, form).then((r) => r.data),
    applyRules: () => post(z.object({ data: z.array(z.object({ tag: z.string(), given: z.number(), removed: z.number() })) }), '/booking/tags/apply-rules').then((r) => r.data),
  },
  refunds: {
    queue: (q: { status?: string; kind?: string } & Page) => get(paged(refundRequest), '/payments/refund-queue', q),
    detail: (id: string) => get(one(refundRequest), `/payments/refund-queue/${id}`).then((r) => r.data),
    approve: (id: string, body: { note?: string; amount_fen?: number }) => post(one(refundRequest), `/payments/refund-requests/${id}/approve`, body).then((r) => r.data),
    reject: (id: string, reason: string) => post(one(refundRequest), `/payments/refund-requests/${id}/reject`, { reason }).then((r) => r.data),
    booking: (id: string) => get(one(booking), `/booking/bookings/${id}`).then((r) => r.data),
  },
};
