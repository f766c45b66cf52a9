import { newDocumentId } from '../../../cms/src/platform/document-ids';

describe('document ids of rows the app inserts', () => {
  it('have the shape of Strapi\'s own: 24 characters of [a-z0-9], a letter first', () => {
    for (let i = 0; i < 2_000; i += 1) expect(newDocumentId()).toMatch(/^[a-z][a-z0-9]{23}$/);
  });

  it('do not repeat, and use the whole alphabet in every position but the first', () => {
    const ids = Array.from({ length: 50_000 }, newDocumentId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const position of [1, 12, 23]) {
      const seen = new Set(ids.map((id) => id[position]));
      // The leading digit of a padded base-36 number is small; every other position takes all 36 values.
      expect(seen.size).toBeGreaterThanOrEqual(position === 1 ? 2 : 36);
    }
  });
});
