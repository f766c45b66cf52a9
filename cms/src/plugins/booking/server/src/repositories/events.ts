import type { Core } from '@strapi/strapi';
import { newDocumentId } from '../../../../../platform/document-ids';
import { insertRows, queueInsert, sql } from '../../../../../platform/sql';

import type { Actor } from '../../../../../platform/actor';

export type { Actor };

/** The status history of bookings: who, when, why – written in the transaction of the change. */
export const eventsRepository = (strapi: Core.Strapi) => {
  const table = () => strapi.db.metadata.get('plugin::booking.booking-event').tableName;
  return {
    /**
     * One status change. Queued (platform/sql.ts `queueStatement`): nothing reads the history back inside the
     * transaction that writes it, so the row leaves with the transaction's next read or before its commit.
     */
    async record(bookingId: number, from: string | null, to: string, actor: Actor, reason: string | null, at: Date) {
      const now = new Date();
      await queueInsert(strapi, table(), [{
        document_id: newDocumentId(),
        booking_id: bookingId,
        from_status: from,
        to_status: to,
        actor_type: actor.type,
        actor_id: actor.id ?? null,
        reason: reason ? reason.slice(0, 250) : null,
        at,
        created_at: now,
        updated_at: now,
        published_at: now,
      }]);
    },
    /** The same status change of many bookings at once (bulk hold expiry), in one insert. */
    async recordMany(changes: { bookingId: number; from: string | null }[], to: string, actor: Actor, reason: string, at: Date) {
      if (changes.length === 0) return;
      const now = new Date();
      const rows = changes.map((c) => ({
        document_id: newDocumentId(),
        booking_id: c.bookingId,
        from_status: c.from,
        to_status: to,
        actor_type: actor.type,
        actor_id: actor.id ?? null,
        reason: reason.slice(0, 250),
        at,
        created_at: now,
        updated_at: now,
        published_at: now,
      }));
      await insertRows(strapi, table(), rows);
    },
    async forBooking(bookingId: number) {
      const rows = await (await sql(strapi))(table()).where('booking_id', bookingId).orderBy('id', 'asc');
      return rows.map((r: any) => ({
        from: r.from_status,
        to: r.to_status,
        actor: r.actor_type,
        actorId: r.actor_id === null ? null : Number(r.actor_id),
        reason: r.reason,
        at: new Date(r.at),
      }));
    },
  };
};
