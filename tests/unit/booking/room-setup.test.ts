import { autoNumberRow, checkClosures, checkLayoutDraft, closureCovering, planLayoutSave, type ExistingSeat, type LayoutDraft } from '../../../cms/src/plugins/booking/server/src/domain';

const existing: ExistingSeat[] = [
  { id: 1, documentId: 'seat-a1', label: 'A1', type: 'standard', row: 0, col: 0, code: 'S-1', enabled: true },
  { id: 2, documentId: 'seat-a2', label: 'A2', type: 'window', row: 0, col: 1, code: 'S-2', enabled: true },
];
const draft = (seats: LayoutDraft['seats'], extra: Partial<LayoutDraft> = {}): LayoutDraft => ({ rows: 3, cols: 4, cells: [], seats, ...extra });
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e: any) {
    return e.code;
  }
  return null;
};

describe('planning a layout save', () => {
  it('a moved seat keeps its id and is updated, not recreated', () => {
    const plan = planLayoutSave(existing, draft([
      { id: 'seat-a1', label: 'A1', type: 'standard', row: 2, col: 3, code: 'S-1', enabled: true },
      { id: 'seat-a2', label: 'A2', type: 'window', row: 0, col: 1, code: 'S-2', enabled: true },
    ]));
    expect(plan.create).toEqual([]);
    expect(plan.remove).toEqual([]);
    expect(plan.update).toEqual([{ id: 1, documentId: 'seat-a1', data: { label: 'A1', type: 'standard', row: 2, col: 3, code: 'S-1', enabled: true } }]);
  });

  it('seats left out are removed and seats without id are created', () => {
    const plan = planLayoutSave(existing, draft([{ id: 'seat-a1', label: 'B7', type: 'power', row: 0, col: 0, code: 'S-1', enabled: false }, { label: 'A3', type: 'standard', row: 1, col: 1, enabled: true }]));
    expect(plan.remove.map((s) => s.documentId)).toEqual(['seat-a2']);
    expect(plan.create).toEqual([{ label: 'A3', type: 'standard', row: 1, col: 1, code: null, enabled: true }]);
    expect(plan.update[0].data).toMatchObject({ label: 'B7', type: 'power', enabled: false });
  });

  it('a seat id of another room is refused', () => {
    expect(codeOf(() => planLayoutSave(existing, draft([{ id: 'elsewhere', label: 'A1', type: 'standard', row: 0, col: 0, enabled: true }])))).toBe('NOT_FOUND');
  });
});

describe('checking a layout draft', () => {
  it('refuses two things in one cell, cells outside the grid, duplicate labels and codes', () => {
    expect(codeOf(() => checkLayoutDraft(draft([{ label: 'A1', type: 'standard', row: 0, col: 0, enabled: true }], { cells: [{ row: 0, col: 0, kind: 'wall' }] })))).toBe('VALIDATION');
    expect(codeOf(() => checkLayoutDraft(draft([{ label: 'A1', type: 'standard', row: 3, col: 0, enabled: true }])))).toBe('VALIDATION');
    expect(codeOf(() => checkLayoutDraft(draft([{ label: 'A1', type: 'standard', row: 0, col: 0, enabled: true }, { label: 'A1', type: 'standard', row: 0, col: 1, enabled: true }])))).toBe('VALIDATION');
    expect(codeOf(() => checkLayoutDraft(draft([{ label: 'A1', type: 'standard', row: 0, col: 0, code: 'X', enabled: true }, { label: 'A2', type: 'standard', row: 0, col: 1, code: 'X', enabled: true }])))).toBe('VALIDATION');
  });

  it('accepts a proper layout', () => {
    expect(codeOf(() => checkLayoutDraft(draft([{ label: 'A1', type: 'standard', row: 0, col: 0, enabled: true }], { cells: [{ row: 1, col: 0, kind: 'aisle' }] })))).toBeNull();
  });
});

describe('auto-numbering a row', () => {
  it('numbers seats of row B left to right', () => {
    expect(autoNumberRow(1, [5, 0, 2])).toEqual([{ col: 0, label: 'B1' }, { col: 2, label: 'B2' }, { col: 5, label: 'B3' }]);
  });
});

describe('closures', () => {
  const tz = 'Asia/Shanghai';
  const closures = [{ starts_on: '2026-10-01', ends_on: '2026-10-03', reason: '国庆' }];
  it('covers a booking on any day of the range, in the store time zone', () => {
    expect(closureCovering(closures, { start: new Date('2026-10-02T10:00:00+08:00'), end: new Date('2026-10-02T12:00:00+08:00') }, tz)?.reason).toBe('国庆');
    // 30 Sept 23:00 UTC is already 1 Oct in Shanghai.
    expect(closureCovering(closures, { start: new Date('2026-09-30T17:00:00Z'), end: new Date('2026-09-30T18:00:00Z') }, tz)).not.toBeNull();
  });
  it('leaves the days around it bookable', () => {
    expect(closureCovering(closures, { start: new Date('2026-09-30T20:00:00+08:00'), end: new Date('2026-09-30T22:00:00+08:00') }, tz)).toBeNull();
    expect(closureCovering(closures, { start: new Date('2026-10-04T08:00:00+08:00'), end: new Date('2026-10-04T09:00:00+08:00') }, tz)).toBeNull();
  });
  it('refuses a range that ends before it starts', () => {
    expect(codeOf(() => checkClosures([{ starts_on: '2026-10-03', ends_on: '2026-10-01' }]))).toBe('VALIDATION');
  });
});
