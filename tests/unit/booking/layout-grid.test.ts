import { autoNumber, fromServer, moveSeat, paint, removedSeats, resize, toServer } from '../../../cms/src/plugins/booking/admin/src/pages/Layout/grid';

const saved = fromServer({
  rows: 2,
  cols: 4,
  cells: [{ row: 1, col: 0, kind: 'door' }],
  seats: [
    { id: 'seat-1', label: 'A1', type: 'standard', row: 0, col: 0, code: 'S-1', enabled: true },
    { id: 'seat-2', label: 'A2', type: 'window', row: 0, col: 1, code: null, enabled: false },
  ],
});

describe('the layout editor model', () => {
  it('round-trips a layout from and to the server shape', () => {
    expect(toServer(saved)).toEqual({
      rows: 2,
      cols: 4,
      cells: [{ row: 1, col: 0, kind: 'door' }],
      seats: [
        { id: 'seat-1', label: 'A1', type: 'standard', row: 0, col: 0, code: 'S-1', enabled: true },
        { id: 'seat-2', label: 'A2', type: 'window', row: 0, col: 1, code: null, enabled: false },
      ],
    });
  });

  it('painting a seat on an empty cell numbers it after the row; on a seat it only changes the type', () => {
    const g = paint(saved, 0, 3, 'power');
    expect(toServer(g).seats.find((s) => s.col === 3)).toMatchObject({ id: null, label: 'A3', type: 'power' });
    const retyped = paint(saved, 0, 0, 'window');
    expect(toServer(retyped).seats[0]).toMatchObject({ id: 'seat-1', label: 'A1', type: 'window' });
  });

  it('painting the same thing twice returns the same grid (no empty undo steps)', () => {
    expect(paint(saved, 1, 0, 'door')).toBe(saved);
    expect(paint(saved, 0, 0, 'standard')).toBe(saved);
  });

  it('moving a seat keeps its id; a seat painted over is reported as removed', () => {
    const moved = moveSeat(saved, { row: 0, col: 0 }, { row: 1, col: 3 });
    expect(toServer(moved).seats.find((s) => s.id === 'seat-1')).toMatchObject({ row: 1, col: 3, label: 'A1' });
    expect(removedSeats(saved, moved)).toEqual([]);
    expect(moveSeat(saved, { row: 0, col: 0 }, { row: 1, col: 0 })).toBe(saved); // the door is in the way
    expect(removedSeats(saved, paint(saved, 0, 1, 'wall')).map((s) => s.label)).toEqual(['A2']);
  });

  it('shrinking drops what falls outside; auto-numbering relabels each row left to right', () => {
    expect(toServer(resize(saved, 1, 1)).seats.map((s) => s.label)).toEqual(['A1']);
    const g = autoNumber(paint(paint(saved, 1, 2, 'standard'), 1, 1, 'standard'));
    expect(toServer(g).seats.map((s) => `${s.label}@${s.row}-${s.col}`)).toEqual(['A1@0-0', 'A2@0-1', 'B1@1-1', 'B2@1-2']);
  });
});
