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
async function statement(strapi: any, text: string, bindings: readonly unknown[]): Promise<any> {
  const knex = await sql(strapi);
  if (strapi.db.dialect.client === 'sqlite') return knex.raw(text, bindings as any[]);
  const client = (knex as any).client;
  // In a transaction this is the transaction's own connection, and releasing it does nothing.
  const connection = await client.acquireConnection();
  // knex's own event, so what observes the statements (the bench's and the tests' counters) sees these too.
  strapi.db.connection.client.emit('query', { sql: text, bindings, method: 'raw' });
  try {
    return await new Promise((resolve, reject) => {
      connection.query(text, bindings, (err: unknown, result: unknown) => (err ? reject(err) : resolve(result)));
    });
  } finally {
    await client.releaseConnection(connection);
  }
}

/** Rows of a written-out SELECT (see `statement`). */
export async function selectRows<T = Record<string, any>>(strapi: any, text: string, bindings: readonly unknown[] = []): Promise<T[]> {
  return (await statement(strapi, text, bindings)) as T[];
}

/** A written-out INSERT, UPDATE or DELETE (see `statement`). */
export async function writeRows(strapi: any, text: string, bindings: readonly unknown[] = []): Promise<Written> {
  const result = await statement(strapi, text, bindings);
  if (strapi.db.dialect.client === 'sqlite') return { affectedRows: Number(result?.changes ?? 0), insertId: Number(result?.lastInsertRowid ?? 0) };
  return { affectedRows: Number(result?.affectedRows ?? 0), insertId: Number(result?.insertId ?? 0) };
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
