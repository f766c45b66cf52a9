import type { Knex } from 'knex';
import { remembered } from './memo';

/**
 * Knex for lean repository SQL that joins the surrounding strapi.db.transaction when there is one
 * (Strapi's own queries join it through AsyncLocalStorage; raw knex does not, and on SQLite's single
 * connection a query outside the transaction would wait for it forever).
 */
export async function sql(strapi: any): Promise<Knex> {
  if (strapi.db.inTransaction()) return (await strapi.db.transaction()).get();
  return strapi.db.connection;
}


/** What a written-out INSERT, UPDATE or DELETE did. */
export interface Written {
  affectedRows: number;
  /** The new row's id after an INSERT of one row. */
  insertId: number;
}

/**
 * One written-out statement of the booking path, on the surrounding transaction's connection (or a pooled
 * one): `?` bindings, identifiers in backticks (SQLite reads those too). On MySQL/MariaDB it goes to the
 * mysql2 connection knex holds for the transaction, without knex's query builder and runner: building each
 * of a booking's statements through knex cost more CPU than sending it (15 % of a booking's CPU against
 * 8 % for mysql2 and the socket). On SQLite, knex.raw runs it (it turns Dates into the epoch milliseconds
 * Strapi stores there).
 */
async function statement(strapi: any, text: string, bindings: readonly unknown[], kind: 'read' | 'write'): Promise<any> {
  const knex = await sql(strapi);
  if (strapi.db.dialect.client === 'sqlite') return knex.raw(text, bindings as any[]);
  const queue = queues.get(knex);
  if (!queue || (queue.items.length === 0 && !queue.failed)) return send(strapi, knex, [{ text, bindings }]);
  if (kind === 'write') {
    // A write may fail in a way its caller handles (a unique index): in the same packet as the queue, a
    // failure could not be told apart from one of the queue's. So the queue leaves first, on its own.
    await flushQueue(strapi, knex, queue);
    return send(strapi, knex, [{ text, bindings }]);
  }
  // The statements queued before this read go in the same packet, ahead of it (see `queueStatement`).
  const results = await flushQueue(strapi, knex, queue, { text, bindings });
  return results[results.length - 1];
}

/**
 * Sends statements in one packet (MySQL/MariaDB multi-statement; one statement is an ordinary query) on
 * the connection knex holds for the transaction, or a pooled one. Answers each statement's result.
 */
async function send(strapi: any, knex: Knex, statements: readonly Statement[]): Promise<any> {
  const client = (knex as any).client;
  // In a transaction this is the transaction's own connection, and releasing it does nothing.
  const connection = await client.acquireConnection();
  // knex's own event, once per statement, so what observes the statements (the bench's and the tests'
  // counters) sees these too.
  for (const s of statements) strapi.db.connection.client.emit('query', { sql: s.text, bindings: s.bindings, method: 'raw' });
  const text = statements.length === 1 ? statements[0].text : statements.map((s) => s.text).join(';\n');
  const bindings = statements.length === 1 ? statements[0].bindings : statements.flatMap((s) => s.bindings);
  try {
    return await new Promise((resolve, reject) => {
      connection.query(text, bindings, (err: unknown, result: unknown) => (err ? reject(err) : resolve(result)));
    });
  } finally {
    await client.releaseConnection(connection);
  }
}

/** A written-out statement: `?` bindings, identifiers in backticks. */
export interface Statement {
  text: string;
  bindings: readonly unknown[];
}

interface Queued extends Statement {
  settle: (result: any) => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** Statements queued in one transaction, the flush under way, and the first failure of a flush. */
interface Queue {
  items: Queued[];
  sending: Promise<unknown> | null;
  failed: unknown;
}

/** The queues of the transactions `inTransaction` opened, by their knex transaction. */
const queues = new WeakMap<object, Queue>();

/** What a MySQL/MariaDB result is as a written row count and id (SQLite's knex.raw answers differ). */
export function writtenOf(strapi: any, result: any): Written {
  if (strapi.db.dialect.client === 'sqlite') return { affectedRows: Number(result?.changes ?? 0), insertId: Number(result?.lastInsertRowid ?? 0) };
  return { affectedRows: Number(result?.affectedRows ?? 0), insertId: Number(result?.insertId ?? 0) };
}

/**
 * Called by `inTransaction` when it opens a transaction: statements queued inside it (`queueStatement`)
 * leave together, at the latest right before its commit (`flushQueued`). SQLite runs in this process,
 * with no round trip to save: there every statement runs when it is made.
 */
export async function openStatementQueue(strapi: any): Promise<void> {
  if (strapi.db.dialect.client === 'sqlite') return;
  queues.set(await sql(strapi), { items: [], sending: null, failed: null });
}

/**
 * Queues a statement of the surrounding transaction whose answer the use case does not need at once, so it
 * leaves in the same packet as the transaction's next statement, or with the other queued ones right
 * before the commit: each round trip to MySQL costs more CPU here than what the statement does (bench/).
 * Resolves once queued, with `result`: what `settle` makes of the statement's answer (`settle` may throw,
 * which fails the transaction; the statement then rolls back with it). Only for statements that
 * - fail only when the database does (a refusal the use case must tell apart, such as a unique index,
 *   needs its own statement), and
 * - are not read back in the same transaction through Strapi's query layer or knex (only this module's
 *   statements send the queue first).
 * Outside a transaction `inTransaction` opened, the statement runs at once. Awaiting `result` inside the
 * transaction is allowed: the queue also leaves by itself once the event loop turns.
 */
export async function queueStatement<T = any>(strapi: any, text: string, bindings: readonly unknown[], settle: (result: any) => T | Promise<T> = (r) => r): Promise<{ result: Promise<T> }> {
  const knex = strapi.db.inTransaction() ? await sql(strapi) : null;
  const queue = knex ? queues.get(knex) : undefined;
  if (!knex || !queue) {
    const value = await settle(await statement(strapi, text, bindings, 'write'));
    return { result: Promise.resolve(value) };
  }
  if (queue.failed) throw queue.failed;
  let resolve!: (value: unknown) => void;
  let reject!: (err: unknown) => void;
  const result = new Promise<T>((res, rej) => {
    resolve = res as (value: unknown) => void;
    reject = rej;
  });
  // A use case that never awaits it still learns of a failure: the transaction fails with it.
  result.catch(() => undefined);
  queue.items.push({ text, bindings, settle, resolve, reject });
  if (queue.items.length === 1) {
    // If nothing else sends it first, it leaves once the event loop turns: an awaited result never waits
    // for the commit. A failure then is kept and thrown by the transaction's next statement or its commit.
    setImmediate(() => {
      if (queue.items.length > 0 && !queue.failed) flushQueue(strapi, knex, queue).catch(() => undefined);
    });
  }
  return { result };
}

/**
 * The transaction failed: what it queued is dropped and never sent (after the rollback it would run on
 * its own, outside any transaction).
 */
export async function dropQueued(strapi: any, why: unknown): Promise<void> {
  if (!strapi.db.inTransaction()) return;
  const queue = queues.get(await sql(strapi));
  if (!queue) return;
  queue.failed ??= why;
  for (const item of queue.items.splice(0)) item.reject(why);
}

/**
 * Sends what this transaction queued (see `queueStatement`) now, after any flush under way; throws what
 * any of it failed with. `inTransaction` calls it before the commit, so a failed queued statement can
 * never be committed with the rest.
 */
export async function flushQueued(strapi: any): Promise<void> {
  if (!strapi.db.inTransaction()) return;
  const knex = await sql(strapi);
  const queue = queues.get(knex);
  if (!queue) return;
  if (queue.sending) await queue.sending.catch(() => undefined);
  await flushQueue(strapi, knex, queue);
}

/**
 * Sends the queue (and `then`, the read that made it leave, last) in one packet and settles each queued
 * statement in order. Answers every result, `then`'s last. Any failure fails the transaction: the
 * statements after the failing one did not run, those before it did, and it must not commit. The flush
 * under way (sending and settling) is kept, so that the commit waits for all of it.
 */
function flushQueue(strapi: any, knex: Knex, queue: Queue, then?: Statement): Promise<any[]> {
  if (queue.failed) return Promise.reject(queue.failed);
  const items = queue.items.splice(0);
  if (items.length === 0) return then ? send(strapi, knex, [then]).then((answer) => [answer]) : Promise.resolve([]);
  const flushing = sendAndSettle(strapi, knex, queue, items, then);
  queue.sending = flushing;
  return flushing;
}

async function sendAndSettle(strapi: any, knex: Knex, queue: Queue, items: Queued[], then?: Statement): Promise<any[]> {
  const statements: Statement[] = then ? [...items, then] : items;
  let results: any[];
  try {
    const answer = await send(strapi, knex, statements);
    results = statements.length === 1 ? [answer] : answer;
  } catch (err) {
    queue.failed = err;
    for (const item of items) item.reject(err);
    throw err;
  }
  for (let i = 0; i < items.length; i += 1) {
    try {
      items[i].resolve(await items[i].settle(results[i]));
    } catch (err) {
      queue.failed = err;
      for (const rest of items.slice(i)) rest.reject(err);
      throw err;
    }
  }
  return results;
}

/** Rows of a written-out SELECT (see `statement`). */
export async function selectRows<T = Record<string, any>>(strapi: any, text: string, bindings: readonly unknown[] = []): Promise<T[]> {
  return (await statement(strapi, text, bindings, 'read')) as T[];
}

/** A written-out INSERT, UPDATE or DELETE (see `statement`). */
export async function writeRows(strapi: any, text: string, bindings: readonly unknown[] = []): Promise<Written> {
  return writtenOf(strapi, await statement(strapi, text, bindings, 'write'));
}

/** `?, ?, …`: one placeholder per value of an IN list. */
export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/** `FOR UPDATE` where the database has row locks (SQLite serialises writers and has no such clause). */
export const forUpdate = (strapi: any): string => (strapi.db.dialect.client === 'sqlite' ? '' : ' FOR UPDATE');

/** A written-out INSERT of rows of the same columns (see `statement`); `insertId` is the first row's id. */
export async function insertRows(strapi: any, table: string, rows: readonly Record<string, unknown>[]): Promise<Written> {
  const { text, bindings } = insertStatement(table, rows);
  return writeRows(strapi, text, bindings);
}

/** `queueStatement` for an INSERT, UPDATE or DELETE: `settle` gets what it wrote. */
export function queueWrite<T = Written>(strapi: any, text: string, bindings: readonly unknown[], settle: (written: Written) => T | Promise<T> = (w) => w as T): Promise<{ result: Promise<T> }> {
  return queueStatement(strapi, text, bindings, (raw) => settle(writtenOf(strapi, raw)));
}

/** `queueWrite` of an INSERT of rows of the same columns (as `insertRows`). */
export function queueInsert<T = Written>(strapi: any, table: string, rows: readonly Record<string, unknown>[], settle?: (written: Written) => T | Promise<T>): Promise<{ result: Promise<T> }> {
  const { text, bindings } = insertStatement(table, rows);
  return queueWrite(strapi, text, bindings, settle);
}

/** The text of each insert shape (table, row count, columns) already written: the same few on the booking path. */
const insertTexts = new Map<string, string>();

/** `INSERT INTO table (columns) VALUES (?, …), …` for rows of the same columns, with their bindings. */
function insertStatement(table: string, rows: readonly Record<string, unknown>[]): { text: string; bindings: unknown[] } {
  const columns = Object.keys(rows[0]);
  const text = remembered(insertTexts, `${table}|${rows.length}|${columns.join(',')}`, 500, () => {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    return `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
  });
  return {
    text,
    bindings: rows.flatMap((row) =>
      columns.map((c) => {
        const value = row[c] ?? null;
        // mysql2 would write an object as `key = value` pairs: a JSON column's value must come as a string.
        if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) throw new TypeError(`column ${c}: pass a string, not an object`);
        return value;
      }),
    ),
  };
}
