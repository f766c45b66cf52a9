import type { Core } from '@strapi/strapi';
import { sql } from '../../../../../platform/sql';

export type OfflineQueue = 'pending' | 'confirmed' | 'rejected' | 'expired';

/**
 * The offline-payment verification queue: bookings paid "offline", by where they stand. Staff stamp
 * offline_verified_at on confirm and on reject, which is what tells a rejection from a member's own
 * cancellation.
 */
export const offlinePaymentsRepository = (strapi: Core.Strapi) => {
  const table = () => strapi.db.metadata.get('plugin::booking.booking').tableName;

  function filter(query: any, queue: OfflineQueue) {
    query.where('pay_method', 'offline');
    if (queue === 'pending') query.andWhere('status', 'pending_payment');
    if (queue === 'confirmed') query.whereNotNull('offline_verified_at').whereNot('status', 'cancelled');
    if (queue === 'rejected') query.whereNotNull('offline_verified_at').andWhere('status', 'cancelled');
    if (queue === 'expired') query.andWhere('status', 'expired');
    return query;
  }

  return {
    async page(queue: OfflineQueue, page: number, pageSize: number): Promise<{ ids: number[]; total: number }> {
      const knex = await sql(strapi);
      const totalRow: any = await filter(knex(table()), queue).count({ n: '*' }).first();
      // Pending: oldest hold first (it lapses first); the others: latest decision first.
      const order = queue === 'pending' ? [{ column: 'hold_expires_at', order: 'asc' }, { column: 'id', order: 'asc' }] : [{ column: 'id', order: 'desc' }];
      const rows = await filter(knex(table()), queue).select('id').orderBy(order).limit(pageSize).offset((page - 1) * pageSize);
      return { ids: rows.map((r: any) => Number(r.id)), total: Number(totalRow?.n ?? 0) };
    },

    /** Records a proof on a still-open offline hold; false when the booking moved on meanwhile. */
    async attachProof(bookingId: number, proof: { fileId: number; url: string; at: Date }): Promise<boolean> {
      const knex = await sql(strapi);
      const changed = await knex(table())
        .where({ id: bookingId, status: 'pending_payment', pay_method: 'offline' })
        .update({ offline_proof_file_id: proof.fileId, offline_proof_url: proof.url, offline_proof_at: proof.at, updated_at: new Date() });
      return Number(changed) === 1;
    },
  };
};
