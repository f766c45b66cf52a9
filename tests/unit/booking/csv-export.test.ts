import { Readable } from 'node:stream';
import { csvStream, exportRangeQuery, keysetRows } from '../../../cms/src/platform/csv-export';
import { parseCsv } from '../../support/csv';

const text = async (s: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
};

describe('CSV exports', () => {
  it('reads keyset pages until a short page, asking for each page after the last id', async () => {
    const asked: number[] = [];
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: i + 1 }));
    const page = async (after: number, limit: number) => {
      asked.push(after);
      return rows.filter((r) => r.id > after).slice(0, limit);
    };
    const seen = [];
    for await (const r of keysetRows(page, 2)) seen.push(r.id);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([0, 2, 4]);
  });

  it('writes a BOM, a header and CRLF rows, quoting Chinese text with commas and quotes', async () => {
    async function* rows() {
      yield { name: '静音区 A, 窗边', note: '说 "你好"' };
    }
    const out = await text(csvStream(['自习室 room', '备注 note'], rows(), (r) => [r.name, r.note]));
    expect(out.charCodeAt(0)).toBe(0xfeff);
    expect(out).toContain('\r\n');
    expect(parseCsv(out)).toEqual({ bom: true, header: ['自习室 room', '备注 note'], rows: [['静音区 A, 窗边', '说 "你好"']] });
  });

  it('accepts a range of local dates and refuses a reversed one or more than a year', () => {
    expect(exportRangeQuery.parse({ from: '2026-05-01', to: '2026-05-31' })).toEqual({ fromDate: '2026-05-01', toDate: '2026-05-31' });
    expect(exportRangeQuery.safeParse({ from: '2026-05-02', to: '2026-05-01' }).success).toBe(false);
    expect(exportRangeQuery.safeParse({ from: '2025-01-01', to: '2026-05-01' }).success).toBe(false);
    expect(exportRangeQuery.safeParse({ from: '2026-13-01', to: '2026-13-02' }).success).toBe(false);
  });
});
