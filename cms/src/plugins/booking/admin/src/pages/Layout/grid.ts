/**
 * The layout editor's model: a grid of cells, edited by pure functions so undo/redo is a stack of
 * grids and every edit is testable without a browser. Seats keep their server id through every edit
 * that keeps the seat (move, relabel, retype), so a saved move keeps the seat's bookings.
 */
export type SeatType = 'standard' | 'window' | 'power' | 'standing' | 'room';
export type Structural = 'aisle' | 'wall' | 'door';
export type Tool = SeatType | Structural | 'empty' | 'select';

export interface SeatCell {
  kind: 'seat';
  id: string | null;
  label: string;
  type: SeatType;
  code: string | null;
  enabled: boolean;
}
export type Cell = SeatCell | { kind: Structural } | null;
export type Grid = Cell[][];

export const SEAT_TOOLS: SeatType[] = ['standard', 'window', 'power', 'standing', 'room'];
export const CELL_TOOLS: (Structural | 'empty')[] = ['aisle', 'wall', 'door', 'empty'];
export const MAX_SIZE = 40;

export const isSeat = (c: Cell): c is SeatCell => !!c && c.kind === 'seat';
export const rowLetter = (row: number) => (row < 26 ? String.fromCharCode(65 + row) : `R${row + 1}-`);

export function emptyGrid(rows: number, cols: number): Grid {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => null));
}

export function fromServer(layout: { rows: number; cols: number; cells: { row: number; col: number; kind: Structural }[]; seats: { id?: string | null; label: string; type: SeatType; row: number; col: number; code?: string | null; enabled: boolean }[] }): Grid {
  const rows = Math.max(1, layout.rows, ...layout.seats.map((s) => s.row + 1));
  const cols = Math.max(1, layout.cols, ...layout.seats.map((s) => s.col + 1));
  const grid = emptyGrid(rows, cols);
  for (const c of layout.cells) if (c.row < rows && c.col < cols) grid[c.row][c.col] = { kind: c.kind };
  for (const s of layout.seats) grid[s.row][s.col] = { kind: 'seat', id: s.id ?? null, label: s.label, type: s.type, code: s.code ?? null, enabled: s.enabled };
  return grid;
}

export function toServer(grid: Grid) {
  const cells: { row: number; col: number; kind: Structural }[] = [];
  const seats: { id: string | null; label: string; type: SeatType; row: number; col: number; code: string | null; enabled: boolean }[] = [];
  grid.forEach((line, row) =>
    line.forEach((c, col) => {
      if (isSeat(c)) seats.push({ id: c.id, label: c.label, type: c.type, row, col, code: c.code, enabled: c.enabled });
      else if (c) cells.push({ row, col, kind: c.kind });
    }),
  );
  return { rows: grid.length, cols: grid[0]?.length ?? 0, cells, seats };
}

const labelsIn = (grid: Grid) => new Set(grid.flat().filter(isSeat).map((s) => s.label));

/** The next free label of a row: its letter and one more than the highest number used (A1, A2…). */
export function nextLabel(grid: Grid, row: number): string {
  const letter = rowLetter(row);
  const used = labelsIn(grid);
  let n = 1;
  for (const s of grid[row].filter(isSeat)) {
    const m = s.label.startsWith(letter) ? Number(s.label.slice(letter.length)) : NaN;
    if (Number.isInteger(m) && m >= n) n = m + 1;
  }
  while (used.has(`${letter}${n}`)) n += 1;
  return `${letter}${n}`;
}

const withCell = (grid: Grid, row: number, col: number, cell: Cell): Grid => grid.map((line, r) => (r === row ? line.map((c, k) => (k === col ? cell : c)) : line));

/** Paints one cell with a tool. A seat tool on a seat changes its type and keeps the seat. */
export function paint(grid: Grid, row: number, col: number, tool: Tool): Grid {
  if (tool === 'select') return grid;
  const current = grid[row]?.[col];
  if (current === undefined) return grid;
  if (tool === 'empty') return current === null ? grid : withCell(grid, row, col, null);
  if (tool === 'aisle' || tool === 'wall' || tool === 'door') return current?.kind === tool ? grid : withCell(grid, row, col, { kind: tool });
  if (isSeat(current)) return current.type === tool ? grid : withCell(grid, row, col, { ...current, type: tool });
  return withCell(grid, row, col, { kind: 'seat', id: null, label: nextLabel(grid, row), type: tool, code: null, enabled: true });
}

/** Moves a seat to an empty cell; it keeps its id, label and code. */
export function moveSeat(grid: Grid, from: { row: number; col: number }, to: { row: number; col: number }): Grid {
  const seat = grid[from.row]?.[from.col];
  if (!isSeat(seat) || grid[to.row]?.[to.col] !== null || grid[to.row]?.[to.col] === undefined) return grid;
  return withCell(withCell(grid, from.row, from.col, null), to.row, to.col, seat);
}

export function updateSeat(grid: Grid, row: number, col: number, patch: Partial<Omit<SeatCell, 'kind' | 'id'>>): Grid {
  const seat = grid[row]?.[col];
  if (!isSeat(seat)) return grid;
  return withCell(grid, row, col, { ...seat, ...patch });
}

/** Grows or shrinks the grid; cells outside the new size are dropped (seats among them are removed). */
export function resize(grid: Grid, rows: number, cols: number): Grid {
  const r = Math.min(MAX_SIZE, Math.max(1, rows));
  const c = Math.min(MAX_SIZE, Math.max(1, cols));
  return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, k) => grid[i]?.[k] ?? null));
}

/** Relabels every row A1…An, left to right (private rooms, type "room", keep their names). */
export function autoNumber(grid: Grid): Grid {
  return grid.map((line, row) => {
    let n = 0;
    return line.map((c) => {
      if (!isSeat(c) || c.type === 'room') return c;
      n += 1;
      return { ...c, label: `${rowLetter(row)}${n}` };
    });
  });
}

export const seatCount = (grid: Grid) => grid.flat().filter(isSeat).length;

/** Seats of the saved layout that the draft no longer has (they will be removed on save). */
export function removedSeats(saved: Grid, draft: Grid): SeatCell[] {
  const kept = new Set(draft.flat().filter(isSeat).map((s) => s.id));
  return saved.flat().filter(isSeat).filter((s) => s.id && !kept.has(s.id));
}
