import type { Core } from '@strapi/strapi';
import { newDocumentId } from '../../../../../platform/document-ids';
import { selectRows, sql, type InsertedId, type TogetherInsert } from '../../../../../platform/sql';
import { IDEMPOTENCY_UNIQUE_INDEX } from '../content-types';

/** An earlier request with the same Idempotency-Key made its booking already. */
export class IdempotencyKeyTaken extends Error {
  constructor() {
    super('idempotency key already used');
  }
}

/**
 * Idempotency-Key of POST /bookings. The key row is inserted inside the booking transaction, right after
 * the booking row it names, so two concurrent retries serialise on its unique index: the second waits,
 * gets a unique violation once the first commits, rolls back its own booking and answers with the first.
 */
export const idempotencyRepository = (strapi: Core.Strapi) => {
  const table = () => strapi.db.metadata.get('plugin::booking.idempotency-key').tableName;
  return {
    /**
     * The key's row, naming the booking: for `insertTogether`, right after the booking's own insert.
     * IdempotencyKeyTaken when an earlier request already used the key.
     */
    reservationOf(userId: number, key: string, bookingId: number | InsertedId): TogetherInsert {
      const now = new Date();
      return {
        table: table(),
        rows: [{ document_id: newDocumentId(), user_id: userId, key, booking_id: bookingId, created_at: now, updated_at: now, published_at: now }],
        refusedBy: { uniqueIndex: IDEMPOTENCY_UNIQUE_INDEX, error: () => new IdempotencyKeyTaken() },
      };
    },
    async bookingIdFor(userId: number, key: string): Promise<number | null> {
      const [row] = await selectRows(strapi, `SELECT \`booking_id\` FROM \`${table()}\` WHERE \`user_id\` = ? AND \`key\` = ? LIMIT 1`, [userId, key]);
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
