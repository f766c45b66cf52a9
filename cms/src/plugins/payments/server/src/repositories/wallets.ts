import { forUpdate, queueInsert, queueStatement, queueWrite, selectRows } from '../../../../../platform/sql';
import { rowStamps, table, tableName, toInt, toDate, UID, isUniqueViolation } from './support';

export interface WalletRow {
  id: number;
  userId: number;
  balanceFen: number;
  bonusFen: number;
  rechargedTotalFen: number;
}

const fromRow = (r: any): WalletRow => ({
  id: Number(r.id),
  userId: Number(r.user_id),
  balanceFen: toInt(r.balance_fen),
  bonusFen: toInt(r.bonus_fen),
  rechargedTotalFen: toInt(r.recharged_total_fen),
});

export interface LedgerInsert {
  userId: number;
  type: string;
  amountFen: number;
  bonusAmountFen: number;
  balanceAfterFen: number;
  bonusAfterFen: number;
  refKind: string;
  refId: string;
  actorType: 'member' | 'staff' | 'system';
  actorId: number | null;
  note: string | null;
  dedupeKey: string | null;
  at: Date;
}

export interface LedgerRow extends Omit<LedgerInsert, 'at'> {
  id: number;
  documentId: string;
  occurredAt: Date;
}

export const ledgerFromRow = (r: any): LedgerRow => ({
  id: Number(r.id),
  documentId: r.document_id ?? r.documentId,
  userId: Number(r.user_id),
  type: r.type,
  amountFen: toInt(r.amount_fen),
  bonusAmountFen: toInt(r.bonus_amount_fen),
  balanceAfterFen: toInt(r.balance_after_fen),
  bonusAfterFen: toInt(r.bonus_after_fen),
  refKind: r.ref_kind,
  refId: r.ref_id,
  actorType: r.actor_type,
  actorId: r.actor_id == null ? null : Number(r.actor_id),
  note: r.note ?? null,
  dedupeKey: r.dedupe_key ?? null,
  occurredAt: toDate(r.occurred_at)!,
});

/** A member's wallet row, locked until the transaction ends (`lock`, `lockQueued`). */
const lockStatement = (strapi: any): string => `SELECT * FROM \`${tableName(strapi, UID.wallet)}\` WHERE \`user_id\` = ? LIMIT 1${forUpdate(strapi)}`;

/** The only SQL that reads or writes wallet balances and the ledger. */
export const walletsRepository = (strapi: any) => ({
  async find(userId: number): Promise<WalletRow | null> {
    const row = await (await table(strapi, UID.wallet))().where({ user_id: userId }).first();
    return row ? fromRow(row) : null;
  },

  /**
   * The member's wallet row, locked until the transaction ends (SELECT … FOR UPDATE on MySQL/MariaDB;
   * SQLite serialises writers anyway). Every balance change of a member queues here, which is what
   * makes "read balance, decide, write" safe.
   */
  async lock(userId: number): Promise<WalletRow | null> {
    const [row] = await selectRows(strapi, lockStatement(strapi), [userId]);
    return row ? fromRow(row) : null;
  },

  /**
   * `lock`, queued (platform/sql.ts `queueStatement`): the statement leaves with the transaction's next
   * read, and `result` settles then. For a debit decided later in the same transaction.
   */
  async lockQueued(userId: number): Promise<{ result: Promise<WalletRow | null> }> {
    return queueStatement(strapi, lockStatement(strapi), [userId], (rows: any[]) => (rows[0] ? fromRow(rows[0]) : null));
  },

  /** Locks the wallet, creating it first when the member has none (their first credit). */
  async lockOrCreate(userId: number): Promise<WalletRow> {
    const existing = await this.lock(userId);
    if (existing) return existing;
    try {
      await strapi.db.query(UID.wallet).create({ data: { user_id: userId, balance_fen: 0, bonus_fen: 0, recharged_total_fen: 0 } });
    } catch (e) {
      // A concurrent first credit created it: the unique user_id index kept one row.
      if (!isUniqueViolation(e)) throw e;
    }
    const created = await this.lock(userId);
    if (!created) throw new Error(`wallet of member ${userId} could not be created`);
    return created;
  },

  /**
   * Moves the balance by signed deltas and appends its ledger row. Both statements are queued
   * (platform/sql.ts `queueStatement`): they leave together with the transaction's next read or right
   * before its commit, and `entryId` settles then. The update's WHERE clause repeats the invariant (never
   * negative, bonus within balance) so that even without the row lock a concurrent writer could not
   * overspend: the update then matches no row, and the transaction fails with `refused()` (the ledger row
   * sent with it rolls back with it).
   */
  async moveAndRecord(
    walletId: number,
    delta: { amountFen: number; bonusFen: number; rechargedFen?: number },
    entry: LedgerInsert,
    refused: () => Error,
  ): Promise<{ row: Omit<LedgerRow, 'id'>; entryId: Promise<number> }> {
    await queueWrite(
      strapi,
      `UPDATE \`${tableName(strapi, UID.wallet)}\` SET \`balance_fen\` = \`balance_fen\` + ?, \`bonus_fen\` = \`bonus_fen\` + ?, \`recharged_total_fen\` = \`recharged_total_fen\` + ?, \`updated_at\` = ?` +
        ' WHERE `id` = ? AND `balance_fen` >= ? AND `bonus_fen` >= ? AND (`balance_fen` + ?) >= (`bonus_fen` + ?)',
      [delta.amountFen, delta.bonusFen, delta.rechargedFen ?? 0, new Date(), walletId, -delta.amountFen, -delta.bonusFen, delta.amountFen, delta.bonusFen],
      ({ affectedRows }) => {
        if (affectedRows !== 1) throw refused();
      },
    );
    const now = new Date();
    const row = {
      ...rowStamps(now),
      user_id: entry.userId,
      type: entry.type,
      amount_fen: entry.amountFen,
      bonus_amount_fen: entry.bonusAmountFen,
      balance_after_fen: entry.balanceAfterFen,
      bonus_after_fen: entry.bonusAfterFen,
      ref_kind: entry.refKind,
      ref_id: entry.refId,
      actor_type: entry.actorType,
      actor_id: entry.actorId ?? null,
      note: entry.note ?? null,
      dedupe_key: entry.dedupeKey ?? null,
      occurred_at: entry.at,
    };
    // No read-back: the row is what was written (MySQL answers only its id).
    const { result: inserted } = await queueInsert(strapi, tableName(strapi, UID.ledger), [row]);
    // A failure fails the transaction, whether or not anyone awaits the id.
    const entryId = inserted.then((w) => w.insertId);
    entryId.catch(() => undefined);
    const { id: _unknownYet, ...written } = ledgerFromRow({ ...row, id: 0 });
    return { row: written, entryId };
  },

  async ledgerByDedupeKey(key: string): Promise<LedgerRow | null> {
    const row = await (await table(strapi, UID.ledger))().where({ dedupe_key: key }).first();
    return row ? ledgerFromRow(row) : null;
  },

  /** Rows of one member about one cause (a booking's payment and its refunds). */
  async ledgerForRef(userId: number, refKind: string, refId: string): Promise<LedgerRow[]> {
    const rows = await (await table(strapi, UID.ledger))().where({ user_id: userId, ref_kind: refKind, ref_id: refId }).orderBy('id', 'asc');
    return rows.map(ledgerFromRow);
  },

  async listLedger(userId: number, opts: { type?: string; page: number; pageSize: number }): Promise<{ rows: LedgerRow[]; total: number }> {
    const t = await table(strapi, UID.ledger);
    const base = () => {
      const q = t().where({ user_id: userId });
      if (opts.type) q.andWhere({ type: opts.type });
      return q;
    };
    const [{ n }] = await base().count({ n: '*' });
    const rows = await base()
      .orderBy('id', 'desc')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize);
    return { rows: rows.map(ledgerFromRow), total: toInt(n) };
  },

  async sumsByType(userId: number, from: Date | null, to: Date | null): Promise<{ type: string; totalFen: number; count: number }[]> {
    const q = (await table(strapi, UID.ledger))().where({ user_id: userId });
    if (from) q.andWhere('occurred_at', '>=', from);
    if (to) q.andWhere('occurred_at', '<', to);
    const rows = await q.select('type').sum({ total: 'amount_fen' }).count({ n: '*' }).groupBy('type').orderBy('type');
    return rows.map((r: any) => ({ type: r.type, totalFen: toInt(r.total), count: toInt(r.n) }));
  },
});

export type WalletsRepository = ReturnType<typeof walletsRepository>;
