import type { Core } from '@strapi/strapi';
import { createId } from '@paralleldrive/cuid2';
import { sql } from '../../../../../platform/sql';
import { isUniqueViolation } from '../../../../../platform/db-errors';

/**
 * Idempotency-Key of POST /bookings. The key row is inserted inside the booking transaction, right after
 * the booking row it names, so two concurrent retries serialise on its unique index: the second waits,
 * gets a unique violation once the first commits, rolls back its own booking and answers with the first.
 */
export const idempotencyRepository = (strapi: Core.Strapi) => {
  const table = () => strapi.db.metadata.get('plugin::booking.idempotency-key').tableName;
  return {
    /** true when this request owns the key; false when an earlier request already used it. */
    async reserve(userId: number, key: string, bookingId: number): Promise<boolean> {
      const now = new Date();
      try {
        await (await sql(strapi))(table()).insert({ document_id: createId(), user_id: userId, key, booking_id: bookingId, created_at: now, updated_at: now, published_at: now });
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async bookingIdFor(userId: number, key: string): Promise<number | null> {
      const row = await (await sql(strapi))(table()).select('booking_id').where({ user_id: userId, key }).first();
      return row ? Number(row.booking_id) : null;
    },
    async purgeOlderThan(before: Date, limit: number): Promise<number> {
      const knex = await sql(strapi);
      const ids = (await knex(table()).select('id').where('created_at', '<', before).orderBy('id').limit(limit)).map((r: any) => r.id);
      if (ids.length === 0) return 0;
      return knex(table()).whereIn('id', ids).delete();
    },
  };
};
