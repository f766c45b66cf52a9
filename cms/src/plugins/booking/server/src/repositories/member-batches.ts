import type { Core } from '@strapi/strapi';
import { newDocumentId } from '../../../../../platform/document-ids';
import { sql } from '../../../../../platform/sql';
import { iso, toDate } from '../../../../../platform/rows';

const BATCH = 'plugin::booking.member-batch';
const ITEM = 'plugin::booking.member-batch-item';

export type BatchOperation = 'issue_coupon' | 'add_tag' | 'remove_tag';
export type ItemStatus = 'pending' | 'done' | 'skipped' | 'failed';

export interface BatchRow {
  id: number;
  documentId: string;
  operation: BatchOperation;
  params: Record<string, any>;
  selection: Record<string, any>;
  unresolved: string[];
  status: 'queued' | 'running' | 'completed';
  total: number;
  resumeAfterId: number;
  createdBy: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
}

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

const batchOf = (r: any): BatchRow => ({
  id: Number(r.id),
  documentId: r.document_id,
  operation: r.operation,
  params: json(r.params) ?? {},
  selection: json(r.selection) ?? {},
  unresolved: json(r.unresolved) ?? [],
  status: r.status,
  total: Number(r.total),
  resumeAfterId: Number(r.resume_after_id),
  createdBy: r.created_by == null ? null : Number(r.created_by),
  startedAt: toDate(r.started_at),
  finishedAt: toDate(r.finished_at),
  createdAt: toDate(r.created_at)!,
});

/** The batch tables: a batch, its items (one per member) and the counts the progress bar reads. */
export const memberBatchesRepository = (strapi: Core.Strapi) => {
  const tableOf = (uid: string) => strapi.db.metadata.get(uid as any).tableName;
  const knex = () => sql(strapi);

  return {
    async insertBatch(b: { operation: BatchOperation; params: object; selection: object; unresolved: string[]; createdBy: number | null; now: Date }): Promise<BatchRow> {
      const k = await knex();
      const documentId = newDocumentId();
      await k(tableOf(BATCH)).insert({
        document_id: documentId,
        operation: b.operation,
        params: JSON.stringify(b.params),
        selection: JSON.stringify(b.selection),
        unresolved: JSON.stringify(b.unresolved),
        status: 'queued',
        total: 0,
        resume_after_id: 0,
        created_by: b.createdBy,
        created_at: b.now,
        updated_at: b.now,
        published_at: b.now,
      });
      return batchOf(await k(tableOf(BATCH)).where('document_id', documentId).first());
    },

    /** Adds members to a batch; the unique (batch, member) index keeps each member once. */
    async insertItems(batchId: number, userIds: number[], now: Date) {
      const k = await knex();
      for (let i = 0; i < userIds.length; i += 500) {
        const rows = userIds.slice(i, i + 500).map((userId) => ({
          document_id: newDocumentId(),
          batch_id: batchId,
          user_id: userId,
          status: 'pending',
          created_at: now,
          updated_at: now,
          published_at: now,
        }));
        await k(tableOf(ITEM)).insert(rows).onConflict(['batch_id', 'user_id']).ignore();
      }
    },

    async storeUnresolved(batchId: number, entries: string[]) {
      const k = await knex();
      await k(tableOf(BATCH)).where('id', batchId).update({ unresolved: JSON.stringify(entries.slice(0, 1000)) });
    },

    async setTotal(batchId: number) {
      const k = await knex();
      const [{ n }] = await k(tableOf(ITEM)).where('batch_id', batchId).count({ n: '*' });
      await k(tableOf(BATCH)).where('id', batchId).update({ total: Number(n) });
      return Number(n);
    },

    async find(documentId: string): Promise<BatchRow | null> {
      const k = await knex();
      const r = await k(tableOf(BATCH)).where('document_id', documentId).first();
      return r ? batchOf(r) : null;
    },

    /** The oldest batch not finished yet: batches run one after another, in the order staff started them. */
    async nextUnfinished(): Promise<BatchRow | null> {
      const k = await knex();
      const r = await k(tableOf(BATCH)).whereIn('status', ['queued', 'running']).orderBy('id', 'asc').first();
      return r ? batchOf(r) : null;
    },

    async markRunning(batchId: number, now: Date) {
      const k = await knex();
      await k(tableOf(BATCH)).where({ id: batchId, status: 'queued' }).update({ status: 'running', started_at: now, updated_at: now });
    },

    async markCompleted(batchId: number, now: Date) {
      const k = await knex();
      await k(tableOf(BATCH)).where('id', batchId).whereIn('status', ['queued', 'running']).update({ status: 'completed', finished_at: now, updated_at: now });
    },

    async advanceCursor(batchId: number, itemId: number) {
      const k = await knex();
      await k(tableOf(BATCH)).where('id', batchId).andWhere('resume_after_id', '<', itemId).update({ resume_after_id: itemId });
    },

    async pendingItems(batchId: number, afterId: number, limit: number): Promise<{ id: number; userId: number }[]> {
      const k = await knex();
      const rows = await k(tableOf(ITEM)).select('id', 'user_id').where({ batch_id: batchId, status: 'pending' }).andWhere('id', '>', afterId).orderBy('id', 'asc').limit(limit);
      return rows.map((r: any) => ({ id: Number(r.id), userId: Number(r.user_id) }));
    },

    async hasPending(batchId: number): Promise<boolean> {
      const k = await knex();
      return Boolean(await k(tableOf(ITEM)).select('id').where({ batch_id: batchId, status: 'pending' }).first());
    },

    /** Settles one member's step; false when it was settled already (a second runner, a replay). */
    async settleItem(itemId: number, status: Exclude<ItemStatus, 'pending'>, reason: string | null, now: Date): Promise<boolean> {
      const k = await knex();
      const n = await k(tableOf(ITEM)).where({ id: itemId, status: 'pending' }).update({ status, reason: reason?.slice(0, 255) ?? null, updated_at: now });
      return Number(n) === 1;
    },

    async counts(batchId: number): Promise<Record<ItemStatus, number>> {
      const k = await knex();
      const rows = await k(tableOf(ITEM)).where('batch_id', batchId).select('status').count({ n: '*' }).groupBy('status');
      const out: Record<ItemStatus, number> = { pending: 0, done: 0, skipped: 0, failed: 0 };
      for (const r of rows) out[r.status as ItemStatus] = Number(r.n);
      return out;
    },

    async failures(batchId: number, page: { page: number; pageSize: number }) {
      const k = await knex();
      const [{ n }] = await k(tableOf(ITEM)).where({ batch_id: batchId, status: 'failed' }).count({ n: '*' });
      const rows = await k(`${tableOf(ITEM)} as i`)
        .leftJoin(`${tableOf('plugin::users-permissions.user')} as u`, 'u.id', 'i.user_id')
        .where({ 'i.batch_id': batchId, 'i.status': 'failed' })
        .select('i.user_id', 'i.reason', 'u.nickname')
        .orderBy('i.id', 'asc')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize);
      return { rows: rows.map((r: any) => ({ member: Number(r.user_id), nickname: r.nickname ?? null, reason: r.reason ?? '' })), total: Number(n) };
    },

    async list(page: { page: number; pageSize: number }) {
      const k = await knex();
      const [{ n }] = await k(tableOf(BATCH)).count({ n: '*' });
      const rows = await k(tableOf(BATCH)).orderBy('id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize);
      return { rows: rows.map(batchOf), total: Number(n) };
    },

    async itemStatus(batchId: number, userId: number): Promise<ItemStatus | null> {
      const k = await knex();
      const r = await k(tableOf(ITEM)).select('status').where({ batch_id: batchId, user_id: userId }).first();
      return r ? r.status : null;
    },
  };
};

export { iso };
