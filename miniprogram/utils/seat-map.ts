/**
 * The seat map as the member sees it for one time range: every cell of the room's layout grid, each seat
 * in exactly one state. Pure, so the component and its tests share it.
 */
import type { RoomDetail, SeatAvailability, SeatType } from '../services/types';
import { overlaps } from './slots';

export type SeatState = 'free' | 'held' | 'booked' | 'mine' | 'disabled';
export type CellKind = 'seat' | 'aisle' | 'wall' | 'door' | 'empty';

export interface MapCell {
  key: string;
  row: number;
  col: number;
  kind: CellKind;
  seatId: string;
  label: string;
  seatType: SeatType | '';
  state: SeatState | '';
  selected: boolean;
}

export const SEAT_STATE_NAMES: Record<SeatState, string> = { free: '可选', held: '待支付', booked: '已约', mine: '我的', disabled: '停用' };
export const SEAT_TYPE_NAMES: Record<SeatType, string> = { standard: '普通座', window: '靠窗座', power: '电源座', standing: '站立位', room: '包间' };

/** A seat's state for [start, end): the member's own booking wins, then booked, then held. */
export function seatState(seat: Pick<SeatAvailability, 'enabled' | 'taken'>, start: string, end: string): SeatState {
  if (!seat.enabled) return 'disabled';
  const hits = seat.taken.filter((t) => overlaps(t.start, t.end, start, end));
  if (hits.some((t) => t.mine)) return 'mine';
  if (hits.some((t) => t.state === 'booked')) return 'booked';
  if (hits.length) return 'held';
  return 'free';
}

/** Rows of cells, row-major, covering the whole layout (cells the layout leaves out are `empty`). */
export function buildSeatMap(
  layout: RoomDetail['layout'],
  seats: SeatAvailability[],
  range: { start: string; end: string } | null,
  selectedSeatId = '',
): MapCell[][] {
  const byPos = new Map<string, RoomDetail['layout']['cells'][number]>();
  for (const cell of layout.cells) byPos.set(`${cell.row}:${cell.col}`, cell);
  const availability = new Map(seats.map((s) => [s.id, s]));
  const rows: MapCell[][] = [];
  for (let row = 0; row < layout.rows; row += 1) {
    const cells: MapCell[] = [];
    for (let col = 0; col < layout.cols; col += 1) {
      const cell = byPos.get(`${row}:${col}`);
      const base: MapCell = { key: `${row}-${col}`, row, col, kind: cell ? cell.kind : 'empty', seatId: '', label: '', seatType: '', state: '', selected: false };
      if (cell && cell.kind === 'seat' && cell.seat) {
        const a = availability.get(cell.seat.id);
        const enabled = cell.seat.enabled && (a ? a.enabled : true);
        base.seatId = cell.seat.id;
        base.label = cell.seat.label;
        base.seatType = cell.seat.type;
        base.state = range ? seatState({ enabled, taken: a ? a.taken : [] }, range.start, range.end) : enabled ? 'free' : 'disabled';
        base.selected = cell.seat.id === selectedSeatId;
      }
      cells.push(base);
    }
    rows.push(cells);
  }
  return rows;
}

/** How many seats are free in the map (shown above it). */
export function countFree(rows: MapCell[][]): number {
  return rows.reduce((n, r) => n + r.filter((c) => c.state === 'free').length, 0);
}
