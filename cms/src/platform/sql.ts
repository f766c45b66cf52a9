import type { Knex } from 'knex';
import { isUniqueViolation } from './db-errors';
import { remembered } from './memo';

/**
 * Knex for lean repository SQL that joins the surrounding strapi.db.transaction when there is one
 * (Strapi's own queries join it through AsyncLocalStorage; raw knex does not, and on SQLite's single
 * connection a query outside the transaction would wait for it forever). What the transaction queued
 * (`queueStatement`) is sent first, so that a query built with knex reads it.
 */
export async function sql(strapi: any): Promise<Knex> {
  const knex = await knexOf(strapi);
  const queue = queues.get(knex);
  // A flush already under way needs no wait: mysql2 runs a connection's commands in order.
  if (queue && (queue.items.length > 0 || queue.failed)) await flushQueued(strapi);
  return knex;
}

/** The surrounding transaction's knex (or the pool's), its queue left as it is. */
async function knexOf(strapi: any): Promise<Knex> {
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
  const knex = await knexOf(strapi);
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
  const results = await flushQueue(strapi, knex, queue, [{ text, bindings }]);
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
  queues.set(await knexOf(strapi), { items: [], sending: null, failed: null });
}

/**
 * Queues a statement of the surrounding transaction whose answer the use case does not need at once, so it
 * leaves in the same packet as the transaction's next statement, or with the other queued ones right
 * before the commit: each round trip to MySQL costs more CPU here than what the statement does (bench/).
 * Resolves once queued, with `result`: what `settle` makes of the statement's answer (`settle` may throw,
 * which fails the transaction; the statement then rolls back with it). Only for statements that
 * - fail only when the database does (a refusal the use case must tell apart, such as a unique index,
 *   needs its own statement), and
 * - are not read back in the same transaction through Strapi's query layer (this module's statements and
 *   `sql()`'s knex send the queue first).
 * Outside a transaction `inTransaction` opened, the statement runs at once. Awaiting `result` inside the
 * transaction is allowed: the queue also leaves by itself once the event loop turns.
 */
export async function queueStatement<T = any>(strapi: any, text: string, bindings: readonly unknown[], settle: (result: any) => T | Promise<T> = (r) => r): Promise<{ result: Promise<T> }> {
  const knex = strapi.db.inTransaction() ? await knexOf(strapi) : null;
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
  const queue = queues.get(await knexOf(strapi));
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
  const knex = await knexOf(strapi);
  const queue = queues.get(knex);
  if (!queue) return;
  if (queue.sending) await queue.sending.catch(() => undefined);
  await flushQueue(strapi, knex, queue);
}

/**
 * Sends the queue (and `then`, the statements that made it leave, last) in one packet and settles each
 * queued statement in order. Answers every result, `then`'s last. Any failure fails the transaction: the
 * statements after the failing one did not run, those before it did, and it must not commit. The flush
 * under way (sending and settling) is kept, so that the commit waits for all of it.
 */
function flushQueue(strapi: any, knex: Knex, queue: Queue, then: readonly Statement[] = []): Promise<any[]> {
  if (queue.failed) return Promise.reject(queue.failed);
  const items = queue.items.splice(0);
  if (items.length === 0) return then.length > 0 ? sendAll(strapi, knex, then) : Promise.resolve([]);
  const flushing = sendAndSettle(strapi, knex, queue, items, then);
  queue.sending = flushing;
  return flushing;
}

/** `send`, answering one result per statement. */
async function sendAll(strapi: any, knex: Knex, statements: readonly Statement[]): Promise<any[]> {
  const answer = await send(strapi, knex, statements);
  return statements.length === 1 ? [answer] : answer;
}

async function sendAndSettle(strapi: any, knex: Knex, queue: Queue, items: Queued[], then: readonly Statement[]): Promise<any[]> {
  const statements: Statement[] = [...items, ...then];
  let results: any[];
  try {
    results = await sendAll(strapi, knex, statements);
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

/**
 * The new id of an earlier single-row insert of the same `insertTogether` call (its position there), as
 * a column value of a later row: on MySQL/MariaDB a session variable set from LAST_INSERT_ID() in the
 * same packet, on SQLite the id itself.
 */
export class InsertedId {
  constructor(readonly index: number) {}
  get variable(): string {
    return `@studyroom_inserted_${this.index}`;
  }
}

/** `INSERT INTO table (columns) VALUES (?, …), …` for rows of the same columns, with their bindings. */
function insertStatement(table: string, rows: readonly Record<string, unknown>[]): { text: string; bindings: unknown[] } {
  const columns = Object.keys(rows[0]);
  // An InsertedId goes into the text as its variable, not as a binding.
  const variables = columns.map((c) => (rows[0][c] instanceof InsertedId ? (rows[0][c] as InsertedId).variable : null));
  const text = remembered(insertTexts, `${table}|${rows.length}|${columns.join(',')}|${variables.join(',')}`, 500, () => {
    const tuple = `(${variables.map((v) => v ?? '?').join(', ')})`;
    return `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
  });
  const bindings: unknown[] = [];
  for (const row of rows) {
    for (let i = 0; i < columns.length; i += 1) {
      const c = columns[i];
      const value = row[c] ?? null;
      if (variables[i] !== null) {
        if (!(value instanceof InsertedId) || value.variable !== variables[i]) throw new TypeError(`column ${c}: every row must take the same inserted id`);
        continue;
      }
      // mysql2 would write an object as `key = value` pairs: a JSON column's value must come as a string.
      if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) throw new TypeError(`column ${c}: pass a string, not an object`);
      bindings.push(value);
    }
  }
  return { text, bindings };
}

/** The unique index a MySQL/MariaDB duplicate-key error names ("… for key 'name'", MySQL 8: 'table.name'). */
function refusingIndexOf(err: unknown): string | null {
  const match = /for key '(?:[^'.]*\.)?([^']+)'/.exec(String((err as any)?.sqlMessage ?? (err as any)?.message ?? ''));
  return match ? match[1] : null;
}

/** One insert of `insertTogether`. */
export interface TogetherInsert {
  table: string;
  rows: readonly Record<string, unknown>[];
  /** The unique index whose refusal of these rows the caller tells apart, and the error thrown then. */
  refusedBy?: { uniqueIndex: string; error: () => Error };
}

/**
 * Inserts into several tables, a later row taking the new id of an earlier one-row insert (`InsertedId`),
 * in one round trip on MySQL/MariaDB, behind whatever the transaction queued. As one statement at a time
 * would, the first refusal stops the rest: an insert's `refusedBy.error()` is thrown when its unique index
 * refused it (MySQL names the index in the error), anything else as it is. SQLite runs them one by one.
 * Answers each insert's (first) new id.
 */
export async function insertTogether(strapi: any, inserts: readonly TogetherInsert[]): Promise<number[]> {
  const refusal = (insert: TogetherInsert | undefined, err: unknown) => (insert?.refusedBy && isUniqueViolation(err) ? insert.refusedBy.error() : err);
  if (strapi.db.dialect.client === 'sqlite') {
    const ids: number[] = [];
    for (const insert of inserts) {
      const rows = insert.rows.map((row) => Object.fromEntries(Object.entries(row).map(([c, v]) => [c, v instanceof InsertedId ? ids[v.index] : v])));
      try {
        ids.push((await insertRows(strapi, insert.table, rows)).insertId);
      } catch (err) {
        throw refusal(insert, err);
      }
    }
    return ids;
  }
  const referenced = new Set(inserts.flatMap((insert) => Object.values(insert.rows[0]).filter((v): v is InsertedId => v instanceof InsertedId).map((v) => v.index)));
  const statements: Statement[] = [];
  const positions: number[] = [];
  inserts.forEach((insert, i) => {
    positions.push(statements.length);
    statements.push(insertStatement(insert.table, insert.rows));
    if (referenced.has(i)) statements.push({ text: `SET ${new InsertedId(i).variable} = LAST_INSERT_ID()`, bindings: [] });
  });
  const knex = await knexOf(strapi);
  const queue = queues.get(knex);
  let results: any[];
  try {
    results = queue ? await flushQueue(strapi, knex, queue, statements) : await sendAll(strapi, knex, statements);
  } catch (err) {
    const index = refusingIndexOf(err);
    throw refusal(inserts.find((insert) => insert.refusedBy?.uniqueIndex === index), err);
  }
  const answers = results.slice(results.length - statements.length);
  return positions.map((at) => Number(answers[at]?.insertId ?? 0));
}
