import { clockLabel, durationLabel, formatRange, openingWindow, remainingLabel, storeDate, storeIso } from '../../../miniprogram/utils/time';
import { nextBookableRange, rangeProblem, slotGrid } from '../../../miniprogram/utils/slots';
import { formatFen, parseYuan } from '../../../miniprogram/utils/money';
import { cancelPreview } from '../../../miniprogram/utils/cancellation';
import { buildSeatMap, countFree, seatState } from '../../../miniprogram/utils/seat-map';

const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:00', closes: '23:00' }));
const rules = { slotMinutes: 30, openingHours: hours, horizonDays: 7, maxBookingMinutes: 720 };

describe('store time', () => {
  it('reads instants on the store clock (UTC+8) whatever the device zone', () => {
    expect(storeDate('2026-11-30T17:30:00Z')).toBe('2026-12-01');
    expect(storeIso('2026-12-01', 14 * 60)).toBe('2026-12-01T14:00:00+08:00');
    expect(storeIso('2026-12-01', 1440)).toBe('2026-12-02T00:00:00+08:00');
    expect(formatRange('2026-12-01T14:00:00+08:00', '2026-12-01T16:00:00+08:00')).toBe('12月1日 14:00–16:00');
    expect(clockLabel(1440)).toBe('24:00');
    expect(durationLabel(90)).toBe('1.5 小时');
    expect(remainingLabel(61_000)).toBe('01:01');
  });

  it('finds the opening window of a date, and none on a closed day', () => {
    expect(openingWindow(hours, '2026-12-01')).toEqual({ opens: 480, closes: 1380 });
    expect(openingWindow(hours.filter((h) => h.weekday !== 2), '2026-12-01')).toBeNull();
  });
});

describe('slot grid and range rules', () => {
  const now = Date.parse('2026-12-01T22:40:00+08:00');
  it('tonight only the slot under way is left; tomorrow is whole', () => {
    expect(slotGrid('2026-12-01', rules, now).filter((s) => !s.disabled).map((s) => s.label)).toEqual(['22:30']);
    expect(slotGrid('2026-12-02', rules, now).every((s) => !s.disabled)).toBe(true);
  });
  it('names the rule a range breaks, like the server would', () => {
    expect(rangeProblem('2026-12-02', 600, 720, rules, now)).toBe('');
    expect(rangeProblem('2026-12-02', 610, 720, rules, now)).toBe('MISALIGNED');
    expect(rangeProblem('2026-12-02', 420, 540, rules, now)).toBe('OUTSIDE_OPENING_HOURS');
    expect(rangeProblem('2026-12-01', 1290, 1350, rules, now)).toBe('PAST');
    expect(rangeProblem('2026-12-09', 600, 660, rules, now)).toBe('BEYOND_HORIZON');
    expect(rangeProblem('2026-12-02', 480, 1260, rules, now)).toBe('TOO_LONG');
  });
  it('"book again" picks the next range of the remembered length that fits the opening hours', () => {
    expect(nextBookableRange(rules, 120, Date.parse('2026-12-01T10:10:00+08:00'))).toEqual({ date: '2026-12-01', start: 600, end: 720 });
    expect(nextBookableRange(rules, 120, now)).toEqual({ date: '2026-12-02', start: 480, end: 600 });
  });
});

describe('money and cancellation', () => {
  it('shows fen as yuan and reads what the member typed', () => {
    expect(formatFen(1100)).toBe('¥11.00');
    expect(formatFen(-5)).toBe('-¥0.05');
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });
  it('cancelling is free until the free window closes, then costs the fee percentage (rounded half up)', () => {
    const b = { status: 'confirmed' as const, start: '2026-12-01T14:00:00+08:00', total_fen: 1111 };
    const policy = { freeCancelHours: 2, feePercent: 20 };
    expect(cancelPreview(b, policy, Date.parse('2026-12-01T11:59:00+08:00'))).toMatchObject({ allowed: true, feeFen: 0, refundFen: 1111 });
    expect(cancelPreview(b, policy, Date.parse('2026-12-01T13:00:00+08:00'))).toMatchObject({ allowed: true, feeFen: 222, refundFen: 889 });
    expect(cancelPreview(b, policy, Date.parse('2026-12-01T14:00:00+08:00')).allowed).toBe(false);
    expect(cancelPreview({ ...b, status: 'pending_payment' }, policy, Date.parse('2026-12-01T13:00:00+08:00')).feeFen).toBe(0);
  });
});

describe('seat states', () => {
  const range = { start: '2026-12-01T14:00:00+08:00', end: '2026-12-01T16:00:00+08:00' };
  it('a range touching another booking only at its edge is still free', () => {
    expect(seatState({ enabled: true, taken: [{ start: '2026-12-01T12:00:00+08:00', end: '2026-12-01T14:00:00+08:00', state: 'booked', mine: false }] }, range.start, range.end)).toBe('free');
  });
  it('the grid covers the whole layout and counts the free seats', () => {
    const rows = buildSeatMap({ rows: 1, cols: 3, cells: [{ row: 0, col: 0, kind: 'seat', seat: { id: 'a', label: 'A1', type: 'standard', enabled: true } }, { row: 0, col: 1, kind: 'aisle' }] }, [], range);
    expect(rows[0].map((c) => c.kind)).toEqual(['seat', 'aisle', 'empty']);
    expect(countFree(rows)).toBe(1);
  });
});
