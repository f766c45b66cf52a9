/**
 * Helpers every repository uses to read rows the same way on every database. SQLite hands datetimes
 * back as epoch milliseconds (a number, or a digit string from some drivers and aggregates), MySQL as
 * Date, Strapi's query layer as ISO strings; mysql2 hands SUM/COUNT back as strings (DECIMAL/BIGINT).
 */

/** A datetime column as a Date, or null. A digit string is epoch milliseconds, never a year. */
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  if (typeof v === 'string' && /^\d+$/.test(v)) return new Date(Number(v));
  return new Date(String(v));
}

/** A datetime column as ISO 8601 (UTC), or null. */
export const iso = (v: unknown): string | null => toDate(v)?.toISOString() ?? null;

/** A numeric column or aggregate as a number; null counts as 0. */
export const toInt = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
