import type { Core } from '@strapi/strapi';
import { newDocumentId } from '../../../../../platform/document-ids';
import { sql } from '../../../../../platform/sql';
import { entryStatusesBefore, type LineEntry, type WaitlistStatus } from '../domain/waitlist';

export type { WaitlistStatus };

export interface WaitlistRow extends LineEntry {
  document_id: string;
  status: WaitlistStatus;
  offer_booking_id: number | null;
  offered_at: Date | null;
  /** Staff removal: who (admin user id), why and when; null unless `removed`. */
  removed_by: number | null;
  removed_reason: string | null;
  removed_at: Date | null;
}

export interface StaffLineFilter {
  roomId?: number;
  /** Entries whose range overlaps [from, to) (a store day). */
  from?: Date;
  to?: Date;
  status?: WaitlistStatus;
}

function normalise(row: any): WaitlistRow | null {
  if (!row) return null;
  for (const c of ['start_at', 'end_at', 'joined_at', 'offered_at', 'removed_at']) if (row[c] !== null && row[c] !== undefined) row[c] = new Date(row[c]);
  for (const c of ['id', 'user_id', 'room_id', 'seat_id', 'offer_booking_id', 'removed_by']) if (row[c] !== null && row[c] !== undefined) row[c] = Number(row[c]);
  return row as WaitlistRow;
}

/** The waiting list's table (plain integer references, like bookings). */
export const waitlistRepository = (strapi: Core.Strapi) => {
  const table = () => strapi.db.metadata.get('plugin::booking.waitlist-entry').tableName;
  const q = async () => {
    const k = await sql(strapi);
    return () => k(table());
  };

  return {
    async insert(data: { user_id: number; room_id: number; seat_id: number | null; start_at: Date; end_at: Date; joined_at: Date }): Promise<WaitlistRow> {
      const now = new Date();
      const row = { ...data, document_id: newDocumentId(), status: 'waiting' as const, offer_booking_id: null, offered_at: null, removed_by: null, removed_reason: null, removed_at: null, created_at: now, updated_at: now, published_at: now };
      const inserted = await (await q())().insert(row);
      const id = typeof inserted[0] === 'object' ? (inserted[0] as any).id : inserted[0];
      return normalise({ ...row, id })!;
    },

    async findByDocumentId(documentId: string): Promise<WaitlistRow | null> {
      return normalise(await (await q())().where('document_id', documentId).first());
    },

    /**
     * The entry, row-locked while still waiting (MySQL/MariaDB; SQLite serialises writers): the one
     * offer decision for it is taken under this lock, so two releases never offer to one entry.
     */
    async lockWaiting(id: number): Promise<WaitlistRow | null> {
      const query = (await q())().where({ id, status: 'waiting' }).first();
      if (strapi.db.dialect.client !== 'sqlite') query.forUpdate();
      return normalise(await query);
    },

    /**
     * The member's entries still in line at `now`: waiting for a range not yet started (a started one can
     * no longer be offered), or offered for one not yet over.
     */
    async inLineForUser(userId: number, now: Date): Promise<WaitlistRow[]> {
      const rows = await (await q())()
        .where('user_id', userId)
        .andWhere((w) => w.where((a) => a.where('status', 'waiting').andWhere('start_at', '>', now)).orWhere((b) => b.where('status', 'offered').andWhere('end_at', '>', now)))
        .orderBy([{ column: 'joined_at' }, { column: 'id' }]);
      return rows.map(normalise) as WaitlistRow[];
    },

    /** Waiting entries of a room overlapping [from, to), first in line first. */
    async waitingInRoom(roomId: number, from: Date, to: Date, limit = 200): Promise<WaitlistRow[]> {
      const rows = await (await q())()
        .where({ room_id: roomId, status: 'waiting' })
        .andWhere('start_at', '<', to)
        .andWhere('end_at', '>', from)
        .orderBy([{ column: 'joined_at' }, { column: 'id' }])
        .limit(limit);
      return rows.map(normalise) as WaitlistRow[];
    },

    /** Waiting entries of any of `roomIds` overlapping [from, to), first in line first (positions of a page of entries). */
    async waitingInRooms(roomIds: number[], from: Date, to: Date, limit = 5000): Promise<WaitlistRow[]> {
      if (roomIds.length === 0) return [];
      const rows = await (await q())()
        .whereIn('room_id', [...new Set(roomIds)])
        .andWhere('status', 'waiting')
        .andWhere('start_at', '<', to)
        .andWhere('end_at', '>', from)
        .orderBy([{ column: 'joined_at' }, { column: 'id' }])
        .limit(limit);
      return rows.map(normalise) as WaitlistRow[];
    },

    /** The staff list: entries by room, store day and status, soonest range first, then line order. */
    async pageForStaff(f: StaffLineFilter, page: { page: number; pageSize: number }): Promise<{ rows: WaitlistRow[]; total: number }> {
      const k = await q();
      const base = () => {
        const query = k();
        if (f.roomId) query.where('room_id', f.roomId);
        if (f.status) query.where('status', f.status);
        if (f.from) query.where('end_at', '>', f.from);
        if (f.to) query.where('start_at', '<', f.to);
        return query;
      };
      const [{ n }] = await base().count({ n: '*' });
      const rows = await base()
        .orderBy([{ column: 'start_at' }, { column: 'joined_at' }, { column: 'id' }])
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize);
      return { rows: rows.map(normalise) as WaitlistRow[], total: Number(n) };
    },

    /** Waiting entries not yet started, oldest first (the sweep that catches a missed release). */
    async waitingFrom(now: Date, limit: number): Promise<WaitlistRow[]> {
      const rows = await (await q())().where('status', 'waiting').andWhere('start_at', '>', now).orderBy([{ column: 'joined_at' }, { column: 'id' }]).limit(limit);
      return rows.map(normalise) as WaitlistRow[];
    },

    /** Offered entries whose hold is no longer pending (paid, or lapsed/cancelled): settled by the service. */
    async offeredWithBookingStatus(filter: { userId?: number; roomId?: number }): Promise<{ id: number; booking_status: string | null }[]> {
      const k = await sql(strapi);
      const bookingsTable = strapi.db.metadata.get('plugin::booking.booking').tableName;
      const query = k(`${table()} as w`)
        .leftJoin(`${bookingsTable} as b`, 'b.id', 'w.offer_booking_id')
        .select('w.id as id', 'b.status as booking_status')
        .where('w.status', 'offered')
        .andWhere((w) => w.whereNull('b.status').orWhereNot('b.status', 'pending_payment'));
      if (filter.userId) query.andWhere('w.user_id', filter.userId);
      if (filter.roomId) query.andWhere('w.room_id', filter.roomId);
      return (await query).map((r: any) => ({ id: Number(r.id), booking_status: r.booking_status ?? null }));
    },

    /**
     * Conditional status change to `to`, only from a status the entries' transition table allows (narrowed
     * by `onlyFrom`): the loser of a race changes nothing and gets false.
     */
    async transition(
      id: number,
      to: WaitlistStatus,
      patch: Partial<Pick<WaitlistRow, 'offer_booking_id' | 'offered_at' | 'removed_by' | 'removed_reason' | 'removed_at'>> = {},
      onlyFrom?: WaitlistStatus[],
    ): Promise<boolean> {
      const from = entryStatusesBefore(to, onlyFrom);
      const changed = await (await q())().where('id', id).whereIn('status', from).update({ ...patch, status: to, updated_at: new Date() });
      return Number(changed) === 1;
    },

    async byOfferBookings(bookingIds: number[]): Promise<WaitlistRow[]> {
      if (bookingIds.length === 0) return [];
      return ((await (await q())().whereIn('offer_booking_id', bookingIds)) as any[]).map(normalise) as WaitlistRow[];
    },
  };
};
