import { iso, toDate, toInt } from '../../../cms/src/platform/rows';
import { invalidFields, invalidInput } from '../../../cms/src/platform/validation';
import { pagination } from '../../../cms/src/platform/pagination';

describe('reading rows the same way on every database', () => {
  const instant = new Date('2026-12-01T06:30:00.000Z');

  it('a datetime comes back as the same instant from MySQL (Date), SQLite (epoch ms, also as digits) and Strapi (ISO)', () => {
    expect(toDate(instant)).toBe(instant);
    expect(toDate(instant.getTime())).toEqual(instant);
    expect(toDate(String(instant.getTime()))).toEqual(instant);
    expect(toDate('2026-12-01T14:30:00+08:00')).toEqual(instant);
    expect(iso(String(instant.getTime()))).toBe('2026-12-01T06:30:00.000Z');
  });

  it('an empty column is null, never an invalid date', () => {
    for (const v of [null, undefined, '']) {
      expect(toDate(v)).toBeNull();
      expect(iso(v)).toBeNull();
    }
  });

  it('aggregates that mysql2 hands back as strings are numbers; a missing one is 0', () => {
    expect(toInt('1200')).toBe(1200);
    expect(toInt(null)).toBe(0);
  });
});

describe('one VALIDATION refusal and one pagination', () => {
  it('names every offending field and leads with the first sentence', () => {
    const err = invalidFields([
      { field: 'start', message: 'Pick a start time.' },
      { field: 'end', message: 'The end must be after the start.', rule: 'ORDER' },
    ]);
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe('Pick a start time.');
    expect(err.details.errors).toEqual([
      { path: ['start'], field: 'start', message: 'Pick a start time.' },
      { path: ['end'], field: 'end', message: 'The end must be after the start.', rule: 'ORDER' },
    ]);
  });

  it('one field, with extra details a client may read', () => {
    const err = invalidInput('amount_fen', 'An adjustment must move at least 1 fen.', { available_fen: 0 });
    expect(err.details).toMatchObject({ errors: [{ path: ['amount_fen'], field: 'amount_fen' }], available_fen: 0 });
  });

  it('counts the pages of a list', () => {
    expect(pagination({ page: 2, pageSize: 20 }, 41)).toEqual({ page: 2, pageSize: 20, pageCount: 3, total: 41 });
    expect(pagination({ page: 1, pageSize: 20 }, 0)).toEqual({ page: 1, pageSize: 20, pageCount: 0, total: 0 });
  });
});
