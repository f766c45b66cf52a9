/**
 * SQL expressions for time buckets that work on both databases we run. SQLite stores datetimes as
 * epoch milliseconds (knex binds a Date as its valueOf()), MySQL/MariaDB as UTC DATETIME; grouping
 * by "day in the store's time zone" therefore needs a per-dialect expression. The offset is the
 * store zone's fixed offset in seconds (China has no DST; a DST zone would be off by an hour around
 * the switch, which a dashboard tolerates).
 */
export type SqlClient = 'sqlite' | 'mysql' | 'postgres' | string;

/** Whole seconds since the epoch of a datetime column. */
export function epochSecondsSql(client: SqlClient, column: string): string {
  if (client === 'sqlite') return `(CAST(${column} AS INTEGER) / 1000)`;
  if (client === 'postgres') return `CAST(EXTRACT(EPOCH FROM ${column}) AS BIGINT)`;
  return `TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', ${column})`;
}

/** Days since the epoch in the store's zone (day 0 = 1970-01-01 local). Non-negative inputs only. */
export function localDayNumberSql(client: SqlClient, column: string, offsetSeconds: number): string {
  const secs = `(${epochSecondsSql(client, column)} + ${Math.trunc(offsetSeconds)})`;
  // SQLite integer division truncates (= floor for the non-negative times we store); MySQL's `/` is decimal.
  return client === 'sqlite' ? `(${secs} / 86400)` : `FLOOR(${secs} / 86400)`;
}

/** LEAST/GREATEST of two numeric expressions (SQLite's scalar min/max). */
export const leastSql = (client: SqlClient, a: string, b: string) => (client === 'sqlite' ? `min(${a}, ${b})` : `LEAST(${a}, ${b})`);
export const greatestSql = (client: SqlClient, a: string, b: string) => (client === 'sqlite' ? `max(${a}, ${b})` : `GREATEST(${a}, ${b})`);
