/**
 * The room's layout grid with every seat's state for the chosen range. Only free seats answer a tap
 * (tapping the selected seat again clears the choice); big halls can be pinch-zoomed and dragged.
 */
import type { MapCell } from '../../utils/seat-map';

const CELL_RPX = 56;
const GAP_RPX = 6;

Component({
  options: { styleIsolation: 'isolated' },
  properties: {
    rows: { type: Array, value: [] as MapCell[][] },
    /** Shown above the grid, e.g. "14:00–16:00 · 12 个空位". */
    caption: { type: String, value: '' },
  },
  data: { planeWidth: 0, planeHeight: 0, areaHeight: 0, scale: 1 },
  observers: {
    rows(rows: MapCell[][]) {
      const cols = rows.length ? rows[0].length : 0;
      const planeWidth = cols * (CELL_RPX + GAP_RPX) + GAP_RPX;
      const planeHeight = rows.length * (CELL_RPX + GAP_RPX) + GAP_RPX;
      // Start zoomed out enough that the whole room fits the 702rpx-wide frame.
      const scale = planeWidth > 702 ? Math.max(0.5, Math.floor((702 / planeWidth) * 100) / 100) : 1;
      this.setData({ planeWidth, planeHeight, areaHeight: Math.min(Math.max(planeHeight * scale, 240), 760), scale });
    },
  },
  methods: {
    onCellTap(e: WechatMiniprogram.TouchEvent) {
      const { seat, state, selected } = e.currentTarget.dataset as { seat: string; state: string; selected: boolean };
      if (!seat) return;
      if (selected) {
        this.triggerEvent('select', { seatId: '' });
        return;
      }
      if (state !== 'free') return;
      const cell = (this.data.rows as MapCell[][]).flat().find((c) => c.seatId === seat);
      this.triggerEvent('select', { seatId: seat, label: cell ? cell.label : '', seatType: cell ? cell.seatType : '' });
    },
  },
});
