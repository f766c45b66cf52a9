import type { Core } from '@strapi/strapi';
import { newDocumentId } from '../../../../../platform/document-ids';
import { InsertedId, insertTogether, placeholders, selectRows, sql, writeRows, type TogetherInsert } from '../../../../../platform/sql';
import { SEAT_HOLDING_STATUSES, statusesThatMayBecome, type BookingStatus, type NewBookingStatus, type StatusChange } from '../domain/booking-status';

export interface BookingRow {
  id: number;
  document_id: string;
  user_id: number;
  room_id: number;
  seat_id: number;
  start_at: Date;
  end_at: Date;
  released_at: Date | null;
  status: BookingStatus;
  pay_method: 'wallet' | 'wechat' | 'free' | 'offline' | null;
  base_fen: number;
  member_discount_fen: number;
  coupon_discount_fen: number;
  total_fen: number;
  refund_fen: number;
  fee_fen: number;
  coupon_id: string | null;
  out_trade_no: string | null;
  hold_expires_at: Date | null;
  checked_in_at: Date | null;
  checked_out_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_at: Date;
  offline_proof_url?: string | null;
  offline_proof_at?: Date | null;
  offline_verified_by?: number | null;
  offline_verified_at?: Date | null;
  offline_note?: string | null;
}

const DATE_COLUMNS = ['start_at', 'end_at', 'released_at', 'hold_expires_at', 'checked_in_at', 'checked_out_at', 'cancelled_at', 'created_at', 'updated_at', 'offline_proof_at', 'offline_verified_at'];

/** SQLite hands datetimes back as epoch numbers, MySQL as Date: normalise to Date. */
function normalise(row: any): BookingRow | null {
  if (!row) return null;
  for (const c of DATE_COLUMNS) if (row[c] !== null && row[c] !== undefined) row[c] = new Date(row[c]);
  for (const c of ['id', 'user_id', 'room_id', 'seat_id', 'base_fen', 'member_discount_fen', 'coupon_discount_fen', 'total_fen', 'refund_fen', 'fee_fen']) {
    if (row[c] !== null && row[c] !== undefined) row[c] = Number(row[c]);
  }
  return row as BookingRow;
}

export type NewBooking = Omit<BookingRow, 'id' | 'document_id' | 'status' | 'created_at' | 'released_at' | 'checked_in_at' | 'checked_out_at' | 'cancelled_at' | 'cancel_reason' | 'refund_fen' | 'fee_fen'> & {
  status: NewBookingStatus;
};

/** Fields written alongside a status change; the status itself only ever comes from a `StatusChange`. */
export type BookingPatch = Partial<Omit<BookingRow, 'id' | 'document_id' | 'status'>>;

export const bookingsRepository = (strapi: Core.Strapi) => {
  const table = () => strapi.db.metadata.get('plugin::booking.booking').tableName;
  // Never return a query builder from an async function: it is thenable, and `await` would run it.
  const q = async () => {
    const k = await sql(strapi);
    return (t = table()) => k(t);
  };

  return {
    /**
     * Inserts a booking and, in the same round trip, the rows `alongside` builds with its new id (its seat
     * claims, its idempotency key: platform/sql.ts `insertTogether`). Their refusals are thrown as they
     * declare them, and nothing of it is then written.
     */
    async insert(data: NewBooking, alongside: (bookingId: InsertedId) => TogetherInsert[] = () => []): Promise<BookingRow> {
      const now = new Date();
      const row = { ...data, document_id: newDocumentId(), refund_fen: 0, fee_fen: 0, created_at: now, updated_at: now, published_at: now };
      const [insertId] = await insertTogether(strapi, [{ table: table(), rows: [row] }, ...alongside(new InsertedId(0))]);
      return normalise({ ...row, id: insertId })!;
    },

    async findById(id: number, opts: { lock?: boolean } = {}): Promise<BookingRow | null> {
      const query = (await q())().where('id', id).first();
      // Row lock on MySQL/MariaDB; SQLite serialises writers anyway and ignores it.
      if (opts.lock && strapi.db.dialect.client !== 'sqlite') query.forUpdate();
      return normalise(await query);
    },

    async findByDocumentId(documentId: string, opts: { lock?: boolean } = {}): Promise<BookingRow | null> {
      const query = (await q())().where('document_id', documentId).first();
      if (opts.lock && strapi.db.dialect.client !== 'sqlite') query.forUpdate();
      return normalise(await query);
    },

    async findByIds(ids: number[]): Promise<BookingRow[]> {
      if (ids.length === 0) return [];
      return (await (await q())().whereIn('id', ids)).map(normalise);
    },

    /** Who holds each of these bookings and in which status (the seat map needs nothing else). */
    async ownersOf(ids: number[]): Promise<Map<number, { status: string; userId: number }>> {
      if (ids.length === 0) return new Map();
      const rows = await (await q())().select('id', 'status', 'user_id').whereIn('id', ids);
      return new Map(rows.map((r: any) => [Number(r.id), { status: String(r.status), userId: Number(r.user_id) }]));
    },

    /**
     * Applies a checked status change with extra fields, only if the booking is still in `change.from`
     * (a conditional update: the loser of two concurrent transitions changes nothing and gets false).
     */
    async transition(id: number, change: StatusChange, patch: BookingPatch = {}): Promise<boolean> {
      const changed = await (await q())().where({ id, status: change.from }).update({ ...patch, status: change.to, updated_at: new Date() });
      return Number(changed) === 1;
    },

    /** Records a hold's WeChat order unless one is recorded already (the first of two parallel calls wins). */
    async setOrderIfNone(id: number, outTradeNo: string, paymentParams: string): Promise<boolean> {
      const changed = await (await q())().where('id', id).whereNull('out_trade_no').update({ out_trade_no: outTradeNo, payment_params: paymentParams, updated_at: new Date() });
      return Number(changed) === 1;
    },

    /** Fields other than the status (a seat move, a refund mark). */
    async update(id: number, patch: BookingPatch): Promise<void> {
      await (await q())().where('id', id).update({ ...patch, updated_at: new Date() });
    },

    async listForUser(userId: number, filter: { statuses?: string[]; page: number; pageSize: number }) {
      return this.listAll({ ...filter, userId });
    },

    async listAll(filter: { statuses?: string[]; roomId?: number; userId?: number; from?: Date; to?: Date; page: number; pageSize: number }) {
      const k = await q();
      const base = () => {
        const query = k();
        if (filter.statuses?.length) query.whereIn('status', filter.statuses);
        if (filter.roomId) query.where('room_id', filter.roomId);
        if (filter.userId) query.where('user_id', filter.userId);
        if (filter.from) query.where('end_at', '>', filter.from);
        if (filter.to) query.where('start_at', '<', filter.to);
        return query;
      };
      const totalRow = await base().count({ n: '*' }).first();
      const rows = await base()
        .orderBy([{ column: 'start_at', order: 'desc' }, { column: 'id', order: 'desc' }])
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize);
      return { rows: rows.map(normalise) as BookingRow[], total: Number((totalRow as any)?.n ?? 0) };
    },

    /** The member's seat-holding bookings that touch [from, to) (daily quota). */
    async activeRangesForUser(userId: number, from: Date, to: Date) {
      const rows = await (await q())()
        .select('start_at', 'end_at', 'released_at')
        .where('user_id', userId)
        .whereIn('status', SEAT_HOLDING_STATUSES)
        .andWhere('end_at', '>', from)
        .andWhere('start_at', '<', to);
      return rows.map((r: any) => ({ start: new Date(r.start_at), end: new Date(r.released_at ?? r.end_at) }));
    },

    /**
     * The member's seat-holding bookings that end after `since`, for the open-booking limit and the
     * daily quota in one read (under the member lock).
     */
    async holdingRangesForUser(userId: number, since: Date): Promise<{ start: Date; end: Date; releasedAt: Date | null }[]> {
      const rows = await selectRows(
        strapi,
        `SELECT \`start_at\`, \`end_at\`, \`released_at\` FROM \`${table()}\` WHERE \`user_id\` = ? AND \`status\` IN (${placeholders(SEAT_HOLDING_STATUSES)}) AND \`end_at\` > ?`,
        [userId, ...SEAT_HOLDING_STATUSES, since],
      );
      return rows.map((r: any) => ({ start: new Date(r.start_at), end: new Date(r.end_at), releasedAt: r.released_at == null ? null : new Date(r.released_at) }));
    },

    /** Bookings of the member still to come or under way (the open-booking limit). */
    async openCountForUser(userId: number, now: Date): Promise<number> {
      const row = await (await q())()
        .where('user_id', userId)
        .whereIn('status', SEAT_HOLDING_STATUSES)
        .andWhere('end_at', '>', now)
        .count({ n: '*' })
        .first();
      return Number((row as any)?.n ?? 0);
    },

    /** The member's booking of this seat whose time is near `now` (seat-code check-in). */
    async checkinCandidates(userId: number, seatId: number, from: Date, to: Date): Promise<BookingRow[]> {
      const rows = await (await q())()
        .where({ user_id: userId, seat_id: seatId })
        .whereIn('status', [...statusesThatMayBecome('checked_in'), 'checked_in'])
        .andWhere('start_at', '<', to)
        .andWhere('end_at', '>', from)
        .orderBy('start_at', 'asc');
      return rows.map(normalise) as BookingRow[];
    },

    /**
     * Ids due for a job's change to `becoming`, oldest first, bounded so a backlog never stalls bookings.
     * Only rows whose status the table lets become `becoming` are selected (system changes, not staff).
     */
    async idsWhere(filter: { becoming: BookingStatus; column: 'hold_expires_at' | 'start_at' | 'end_at'; before: Date; limit: number }): Promise<number[]> {
      const rows = await (await q())()
        .select('id')
        .whereIn('status', statusesThatMayBecome(filter.becoming))
        .andWhere(filter.column, '<', filter.before)
        .orderBy(filter.column, 'asc')
        .limit(filter.limit);
      return rows.map((r: any) => Number(r.id));
    },

    /**
     * Up to `limit` unpaid holds whose time ran out before `now`, row-locked (inside the caller's
     * transaction) so a payment confirming one of them waits for the expiry's commit and then finds it
     * expired (the late-payment path), or has already confirmed it and it is not selected.
     */
    async lockExpiredHolds(now: Date, limit: number): Promise<BookingRow[]> {
      const query = (await q())()
        .select('id', 'document_id', 'user_id', 'room_id', 'seat_id', 'start_at', 'end_at', 'status', 'coupon_id', 'out_trade_no', 'hold_expires_at')
        .whereIn('status', statusesThatMayBecome('expired'))
        .andWhere('hold_expires_at', '<', now)
        .orderBy('hold_expires_at', 'asc')
        .limit(limit);
      if (strapi.db.dialect.client !== 'sqlite') query.forUpdate();
      return (await query).map(normalise) as BookingRow[];
    },

    /** Moves the given (locked) holds to expired in one statement; the status guard keeps it conditional. */
    /** `transition` for many rows at once (a batch of expired holds): only rows still in `change.from` move. */
    async transitionMany(ids: number[], change: StatusChange): Promise<number> {
      if (ids.length === 0) return 0;
      const { affectedRows } = await writeRows(strapi, `UPDATE \`${table()}\` SET \`status\` = ?, \`updated_at\` = ? WHERE \`id\` IN (${placeholders(ids)}) AND \`status\` = ?`, [change.to, new Date(), ...ids, change.from]);
      return affectedRows;
    },

    async seatsWithFutureBookings(seatIds: number[], now: Date): Promise<number[]> {
      if (seatIds.length === 0) return [];
      const rows = await (await q())()
        .distinct('seat_id')
        .whereIn('seat_id', seatIds)
        .whereIn('status', SEAT_HOLDING_STATUSES)
        .andWhere('end_at', '>', now);
      return rows.map((r: any) => Number(r.seat_id));
    },
  };
};
