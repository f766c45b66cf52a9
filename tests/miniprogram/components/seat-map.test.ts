import { load, render, sleep } from '../support/simulate';
import { buildSeatMap } from '../../../miniprogram/utils/seat-map';
import type { RoomDetail, SeatAvailability } from '../../../miniprogram/services/types';

// Rendering whole pages in jsdom is slow on a busy 2-core machine; the waits themselves are event-based.
jest.setTimeout(30_000);

const layout: RoomDetail['layout'] = {
  rows: 2,
  cols: 4,
  cells: [
    { row: 0, col: 0, kind: 'seat', seat: { id: 's-free', label: 'A1', type: 'window', enabled: true } },
    { row: 0, col: 1, kind: 'seat', seat: { id: 's-held', label: 'A2', type: 'window', enabled: true } },
    { row: 0, col: 2, kind: 'seat', seat: { id: 's-booked', label: 'A3', type: 'standard', enabled: true } },
    { row: 0, col: 3, kind: 'seat', seat: { id: 's-mine', label: 'A4', type: 'power', enabled: true } },
    { row: 1, col: 0, kind: 'seat', seat: { id: 's-off', label: 'B1', type: 'standard', enabled: false } },
    { row: 1, col: 1, kind: 'aisle' },
    { row: 1, col: 3, kind: 'door' },
  ],
};
const range = { start: '2026-12-01T14:00:00+08:00', end: '2026-12-01T16:00:00+08:00' };
const seat = (id: string, taken: SeatAvailability['taken'] = [], enabled = true): SeatAvailability => ({ id, label: id, type: 'standard', enabled, row: 0, col: 0, taken });
const availability = [
  seat('s-free', [{ start: '2026-12-01T10:00:00+08:00', end: '2026-12-01T12:00:00+08:00', state: 'booked', mine: false }]),
  seat('s-held', [{ start: '2026-12-01T15:00:00+08:00', end: '2026-12-01T17:00:00+08:00', state: 'held', mine: false }]),
  seat('s-booked', [{ start: '2026-12-01T13:00:00+08:00', end: '2026-12-01T14:30:00+08:00', state: 'booked', mine: false }]),
  seat('s-mine', [{ start: '2026-12-01T14:00:00+08:00', end: '2026-12-01T16:00:00+08:00', state: 'booked', mine: true }]),
  seat('s-off', [], false),
];

const cellOf = (comp: any, seatId: string) => comp.querySelectorAll('.cell').find((c: any) => c.dom.getAttribute('data-seat') === seatId);
const classOf = (comp: any, seatId: string): string => cellOf(comp, seatId).dom.className;
async function tap(comp: any, seatId: string) {
  cellOf(comp, seatId).dispatchEvent('tap');
  await sleep();
}

describe('seat map', () => {
  const id = load('components/seat-map/seat-map');

  it('draws every seat in its state for the chosen range: free, held, booked, mine, disabled', async () => {
    const comp = render(id, { rows: buildSeatMap(layout, availability, range) });
    await sleep();
    expect(classOf(comp, 's-free')).toMatch(/--free\b/);
    expect(classOf(comp, 's-held')).toMatch(/--held\b/);
    expect(classOf(comp, 's-booked')).toMatch(/--booked\b/);
    expect(classOf(comp, 's-mine')).toMatch(/--mine\b/);
    expect(classOf(comp, 's-off')).toMatch(/--disabled\b/);
    expect(cellOf(comp, 's-free').dom.textContent).toBe('A1');
    expect(comp.dom.textContent).toContain('门');
    expect(comp.querySelectorAll('.cell').length).toBe(8);
  });

  it('answers a tap on a free seat, and ignores taps on held, booked, mine and disabled seats', async () => {
    const comp = render(id, { rows: buildSeatMap(layout, availability, range) });
    await sleep();
    const picked: any[] = [];
    comp.addEventListener('select', (e: any) => picked.push(e.detail));
    for (const seatId of ['s-held', 's-booked', 's-mine', 's-off']) await tap(comp, seatId);
    expect(picked).toEqual([]);
    await tap(comp, 's-free');
    expect(picked).toEqual([{ seatId: 's-free', label: 'A1', seatType: 'window' }]);
  });

  it('tapping the selected seat again clears the choice', async () => {
    const comp = render(id, { rows: buildSeatMap(layout, availability, range, 's-free') });
    await sleep();
    const picked: any[] = [];
    comp.addEventListener('select', (e: any) => picked.push(e.detail));
    expect(classOf(comp, 's-free')).toMatch(/--selected\b/);
    await tap(comp, 's-free');
    expect(picked).toEqual([{ seatId: '' }]);
  });
});
