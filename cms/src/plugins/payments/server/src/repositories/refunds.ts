import { pagination, table, toDate, toInt, UID, type Page } from './support';

export type RefundStatus = 'submitting' | 'processing' | 'success' | 'closed' | 'abnormal' | 'failed';
/** Statuses a refund can still leave; success, closed and failed are final. */
export const OPEN_REFUND_STATUSES: RefundStatus[] = ['submitting', 'processing', 'abnormal'];

export interface RefundRow {
  id: number;
  documentId: string;
  outRefundNo: string;
  outTradeNo: string;
  userId: number;
  amountFen: number;
  totalFen: number;
  status: RefundStatus;
  reason: string | null;
  refundRequestId: number | null;
  refKind: string | null;
  refId: string | null;
  wechatRefundId: string | null;
  failure: string | null;
  submittedAt: Date | null;
  settledAt: Date | null;
  createdAt: Date;
}

const fromRow = (r: any): RefundRow => ({
  id: Number(r.id),
  documentId: r.document_id,
  outRefundNo: r.out_refund_no,
  outTradeNo: r.out_trade_no,
  userId: Number(r.user_id),
  amountFen: toInt(r.amount_fen),
  totalFen: toInt(r.total_fen),
  status: r.status,
  reason: r.reason ?? null,
  refundRequestId: r.refund_request_id == null ? null : Number(r.refund_request_id),
  refKind: r.ref_kind ?? null,
  refId: r.ref_id ?? null,
  wechatRefundId: r.wechat_refund_id ?? null,
  failure: r.failure ?? null,
  submittedAt: toDate(r.submitted_at),
  settledAt: toDate(r.settled_at),
  createdAt: toDate(r.created_at)!,
});

export type RequestStatus = 'pending' | 'rejected' | 'refunding' | 'completed' | 'partially_refunded' | 'failed';

export interface RefundRequestRow {
  id: number;
  documentId: string;
  userId: number;
  kind: 'withdraw' | 'dispute';
  amountFen: number | null;
  bookingRef: string | null;
  reason: string;
  status: RequestStatus;
  approvedFen: number;
  refundedFen: number;
  returnedFen: number;
  decidedBy: number | null;
  decisionNote: string | null;
  decidedAt: Date | null;
  settledAt: Date | null;
  createdAt: Date;
}

const requestFromRow = (r: any): RefundRequestRow => ({
  id: Number(r.id),
  documentId: r.document_id ?? r.documentId,
  userId: Number(r.user_id),
  kind: r.kind,
  amountFen: r.amount_fen == null ? null : toInt(r.amount_fen),
  bookingRef: r.booking_ref ?? null,
  reason: r.reason,
  status: r.status,
  approvedFen: toInt(r.approved_fen),
  refundedFen: toInt(r.refunded_fen),
  returnedFen: toInt(r.returned_fen),
  decidedBy: r.decided_by == null ? null : Number(r.decided_by),
  decisionNote: r.decision_note ?? null,
  decidedAt: toDate(r.decided_at),
  settledAt: toDate(r.settled_at),
  createdAt: toDate(r.created_at ?? r.createdAt)!,
});

export const refundsRepository = (strapi: any) => ({
  async insert(r: {
    outRefundNo: string;
    outTradeNo: string;
    userId: number;
    amountFen: number;
    totalFen: number;
    reason: string | null;
    refundRequestId?: number | null;
    refKind?: string | null;
    refId?: string | null;
  }) {
    await strapi.db.query(UID.refund).create({
      data: {
        out_refund_no: r.outRefundNo,
        out_trade_no: r.outTradeNo,
        user_id: r.userId,
        amount_fen: r.amountFen,
        total_fen: r.totalFen,
        status: 'submitting',
        reason: r.reason,
        refund_request_id: r.refundRequestId ?? null,
        ref_kind: r.refKind ?? null,
        ref_id: r.refId ?? null,
      },
    });
    return (await this.find(r.outRefundNo))!;
  },

  async find(outRefundNo: string): Promise<RefundRow | null> {
    const row = await (await table(strapi, UID.refund))().where({ out_refund_no: outRefundNo }).first();
    return row ? fromRow(row) : null;
  },

  async countForOrder(outTradeNo: string): Promise<number> {
    const [{ n }] = await (await table(strapi, UID.refund))().where({ out_trade_no: outTradeNo }).count({ n: '*' });
    return toInt(n);
  },

  async forRequest(requestId: number): Promise<RefundRow[]> {
    const rows = await (await table(strapi, UID.refund))().where({ refund_request_id: requestId }).orderBy('id', 'asc');
    return rows.map(fromRow);
  },

  /** Moves a refund from one of `from` to `to`; false when someone else already moved it. */
  async transition(outRefundNo: string, from: RefundStatus[], to: RefundStatus, extra: Record<string, unknown> = {}): Promise<boolean> {
    const n = await (await table(strapi, UID.refund))()
      .where({ out_refund_no: outRefundNo })
      .whereIn('status', from)
      .update({ status: to, updated_at: new Date(), ...extra });
    return Number(n) === 1;
  },

  async touchChecked(outRefundNo: string, at: Date) {
    await (await table(strapi, UID.refund))().where({ out_refund_no: outRefundNo }).update({ last_checked_at: at });
  },

  /** Refunds whose outcome we still wait for and have not asked about lately. */
  async needingSync(now: Date, opts: { recheckMs: number; limit: number; afterId: number }): Promise<RefundRow[]> {
    const checkedBefore = new Date(now.getTime() - opts.recheckMs);
    const rows = await (await table(strapi, UID.refund))()
      .whereIn('status', OPEN_REFUND_STATUSES)
      .andWhere('id', '>', opts.afterId)
      .andWhere((q: any) => q.whereNull('last_checked_at').orWhere('last_checked_at', '<=', checkedBefore))
      .orderBy('id', 'asc')
      .limit(opts.limit);
    return rows.map(fromRow);
  },

  // ---------------------------------------------------------------- refund requests
  async insertRequest(r: { userId: number; kind: 'withdraw' | 'dispute'; amountFen: number | null; bookingRef: string | null; reason: string }) {
    const row = await strapi.db.query(UID.refundRequest).create({
      data: { user_id: r.userId, kind: r.kind, amount_fen: r.amountFen, booking_ref: r.bookingRef, reason: r.reason, status: 'pending' },
    });
    return requestFromRow({ ...row, document_id: row.documentId });
  },

  async findRequest(documentId: string): Promise<RefundRequestRow | null> {
    const row = await (await table(strapi, UID.refundRequest))().where({ document_id: documentId }).first();
    return row ? requestFromRow(row) : null;
  },

  async requestById(id: number): Promise<RefundRequestRow | null> {
    const row = await (await table(strapi, UID.refundRequest))().where({ id }).first();
    return row ? requestFromRow(row) : null;
  },

  async lockRequest(documentId: string): Promise<RefundRequestRow | null> {
    const row = await (await table(strapi, UID.refundRequest))().where({ document_id: documentId }).forUpdate().first();
    return row ? requestFromRow(row) : null;
  },

  async openRequestsOf(userId: number, kind: 'withdraw' | 'dispute'): Promise<RefundRequestRow[]> {
    const rows = await (await table(strapi, UID.refundRequest))().where({ user_id: userId, kind }).whereIn('status', ['pending', 'refunding']);
    return rows.map(requestFromRow);
  },

  async transitionRequest(id: number, from: RequestStatus[], to: RequestStatus, extra: Record<string, unknown> = {}): Promise<boolean> {
    const n = await (await table(strapi, UID.refundRequest))().where({ id }).whereIn('status', from).update({ status: to, updated_at: new Date(), ...extra });
    return Number(n) === 1;
  },

  async updateRequestTotals(id: number, totals: { refundedFen: number; returnedFen: number }) {
    await (await table(strapi, UID.refundRequest))()
      .where({ id })
      .update({ refunded_fen: totals.refundedFen, returned_fen: totals.returnedFen, updated_at: new Date() });
  },

  async listRequests(filter: { userId?: number; status?: string; kind?: string }, page: Page) {
    const t = await table(strapi, UID.refundRequest);
    const base = () => {
      const q = t();
      if (filter.userId !== undefined) q.where({ user_id: filter.userId });
      if (filter.status) q.where({ status: filter.status });
      if (filter.kind) q.where({ kind: filter.kind });
      return q;
    };
    const [{ n }] = await base().count({ n: '*' });
    const rows = await base().orderBy('id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize);
    return { rows: rows.map(requestFromRow), pagination: pagination(page, toInt(n)) };
  },
});

export type RefundsRepository = ReturnType<typeof refundsRepository>;
