/**
 * Picks a time range on the store's slot grid: a date within the member's booking horizon, then a first
 * slot and a last slot inside the opening hours. Past slots and slots taken on the chosen seat can't be
 * picked; the range never crosses one and never exceeds the maximum booking length.
 */
import type { OpeningHours, TakenRange } from '../../services/types';
import { bookableDates, extendSelection, rangeInstants, slotGrid, type GridRules, type Slot } from '../../utils/slots';
import { WEEKDAY_NAMES, addDays, clockLabel, durationLabel, openingWindow, storeDate, weekdayOf } from '../../utils/time';

interface DateChip {
  date: string;
  title: string;
  sub: string;
  closed: boolean;
}
interface SlotView extends Slot {
  inRange: boolean;
  edge: '' | 'start' | 'end' | 'single';
}

function dateChips(now: number, rules: GridRules): DateChip[] {
  const today = storeDate(now);
  return bookableDates(now, rules.horizonDays).map((date) => ({
    date,
    title: date === today ? '今天' : date === addDays(today, 1) ? '明天' : WEEKDAY_NAMES[weekdayOf(date)],
    sub: `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`,
    closed: !openingWindow(rules.openingHours, date),
  }));
}

Component({
  options: { styleIsolation: 'isolated' },
  properties: {
    openingHours: { type: Array, value: [] as OpeningHours[] },
    slotMinutes: { type: Number, value: 30 },
    horizonDays: { type: Number, value: 7 },
    maxBookingMinutes: { type: Number, value: 720 },
    /** Taken ranges of the chosen seat (its slots are greyed out). */
    taken: { type: Array, value: [] as TakenRange[] },
    /** Epoch ms of "now" (0 = the device clock); tests and screenshots pass a fixed one. */
    now: { type: Number, value: 0 },
    date: { type: String, value: '' },
    start: { type: Number, value: -1 },
    end: { type: Number, value: -1 },
  },
  data: {
    dates: [] as DateChip[],
    slots: [] as SlotView[],
    activeDate: '',
    summary: '',
    closedToday: false,
  },
  observers: {
    'openingHours, slotMinutes, horizonDays, maxBookingMinutes, taken, now, date, start, end'() {
      this.redraw();
    },
  },
  methods: {
    rules(): GridRules {
      return { slotMinutes: this.data.slotMinutes, openingHours: this.data.openingHours, horizonDays: this.data.horizonDays, maxBookingMinutes: this.data.maxBookingMinutes };
    },
    nowMs(): number {
      return this.data.now || Date.now();
    },
    redraw() {
      const rules = this.rules();
      const now = this.nowMs();
      const dates = dateChips(now, rules);
      const activeDate = this.data.date && dates.some((d) => d.date === this.data.date) ? this.data.date : dates.length ? dates[0].date : '';
      const grid = activeDate ? slotGrid(activeDate, rules, now, this.data.taken) : [];
      const { start, end } = this.data;
      const has = start >= 0 && end > start;
      // Slots already past are left out (the grid of a 24-hour room would otherwise open on a wall of grey).
      const slots: SlotView[] = grid.filter((s) => s.reason !== 'past').map((s) => {
        const inRange = has && s.start >= start && s.start < end;
        const last = s.start + rules.slotMinutes === end;
        const edge = !inRange ? '' : s.start === start && last ? 'single' : s.start === start ? 'start' : last ? 'end' : '';
        return { ...s, inRange, edge };
      });
      const summary = has ? `${clockLabel(start)}–${clockLabel(end)} · ${durationLabel(end - start)}` : '点选开始时段，再点结束时段';
      this.setData({ dates, slots, activeDate, summary, closedToday: !grid.length });
    },
    onDateTap(e: WechatMiniprogram.TouchEvent) {
      const { date, closed } = e.currentTarget.dataset as { date: string; closed: boolean };
      if (closed || date === this.data.activeDate) return;
      this.triggerEvent('change', { date, start: -1, end: -1, startIso: '', endIso: '' });
    },
    onSlotTap(e: WechatMiniprogram.TouchEvent) {
      const minute = Number(e.currentTarget.dataset.start);
      const { start, end } = this.data;
      const current = start >= 0 && end > start ? { start, end } : null;
      const next = extendSelection(current, minute, this.data.slots, this.rules());
      if (next === current) return;
      const date = this.data.activeDate;
      const iso = next ? rangeInstants(date, next.start, next.end) : { start: '', end: '' };
      this.triggerEvent('change', { date, start: next ? next.start : -1, end: next ? next.end : -1, startIso: iso.start, endIso: iso.end });
    },
  },
});
