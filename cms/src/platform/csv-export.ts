import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { z } from 'zod';

/**
 * CSV exports, streamed in bounded memory: rows are read in keyset pages (WHERE id > last ORDER BY id
 * LIMIT n – no OFFSET scans, no table in memory) and piped through csv-stringify with a UTF-8 BOM, so
 * Excel opens Chinese text correctly. At most one page is in memory; the socket's backpressure paces
 * the reads.
 */
export const EXPORT_PAGE_SIZE = 1000;

export interface CsvExport {
  filename: string;
  stream: Readable;
}

/** Yields every row of a keyset-paged query, one page in memory at a time. */
export async function* keysetRows<T extends { id: number }>(page: (afterId: number, limit: number) => Promise<T[]>, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<T> {
  let afterId = 0;
  for (;;) {
    const rows = await page(afterId, pageSize);
    for (const row of rows) yield row;
    if (rows.length < pageSize) return;
    afterId = Number(rows[rows.length - 1].id);
  }
}

/** A CSV stream (BOM, header row, CRLF as Excel expects) of `rows` mapped to cells by `toCells`. */
export function csvStream<T>(header: string[], rows: AsyncIterable<T>, toCells: (row: T) => (string | number | null)[]): Readable {
  const csv = stringify({ bom: true, header: true, columns: header, record_delimiter: 'windows' });
  const source = Readable.from(
    (async function* cells() {
      for await (const row of rows) yield toCells(row);
    })(),
  );
  source.on('error', (e) => csv.destroy(e));
  return source.pipe(csv);
}

/** `bookings_2026-05-01_2026-05-31.csv` */
export const exportFilename = (what: string, fromDate: string, toDate: string) => `${what}_${fromDate}_${toDate}.csv`;

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-05-20').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'is not a real date');

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`: local dates in the store's zone, both included, at most a year. */
export const exportRangeQuery = z
  .object({ from: localDate, to: localDate })
  .refine((q) => q.to >= q.from, { message: '`to` must not be before `from`', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86400_000, { message: 'export at most one year at a time', path: ['to'] })
  .transform((q) => ({ fromDate: q.from, toDate: q.to }));

/** Sends an export as a download; the body is the stream itself (Koa pipes it to the socket). */
export function sendCsv(ctx: any, file: CsvExport) {
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="${file.filename}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = file.stream;
}
