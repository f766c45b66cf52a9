import { load, render, sleep } from '../support/simulate';
import type { OpeningHours } from '../../../miniprogram/services/types';

// Rendering whole pages in jsdom is slow on a busy 2-core machine; the waits themselves are event-based.
jest.setTimeout(30_000);

// Tuesday 1 December 2026, 10:10 in Shanghai.
const NOW = Date.parse('2026-12-01T10:10:00+08:00');
const hours: OpeningHours[] = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '08:00', closes: '23:00' })); // closed on Sundays

function picker(props: Record<string, unknown> = {}) {
  const comp = render(load('components/time-range-picker/time-range-picker'), {
    openingHours: hours,
    slotMinutes: 30,
    horizonDays: 6,
    maxBookingMinutes: 240,
    now: NOW,
    ...props,
  });
  const changes: any[] = [];
  // The page feeds the choice back, as the booking page does.
  comp.addEventListener('change', (e: any) => {
    changes.push(e.detail);
    comp.setData({ date: e.detail.date, start: e.detail.start, end: e.detail.end });
  });
  return { comp, changes };
}
const slotLabels = (comp: any) => comp.querySelectorAll('.slot').map((s: any) => s.dom.textContent);
const slot = (comp: any, label: string) => comp.querySelectorAll('.slot').find((s: any) => s.dom.textContent === label);
async function tap(comp: any, label: string) {
  slot(comp, label).dispatchEvent('tap');
  await sleep();
}

describe('time-range picker', () => {
  it('offers only slots on the 30-minute grid inside the opening hours, and none already past', async () => {
    const { comp } = picker();
    await sleep();
    // The slot under way may still be booked (walk-ins), as on the server; earlier ones are not offered.
    const labels = slotLabels(comp);
    expect(labels[0]).toBe('10:00');
    expect(labels[labels.length - 1]).toBe('22:30');
    expect(labels).toHaveLength(26);
    expect(labels.every((l: string) => /:(00|30)$/.test(l))).toBe(true);
    expect(slot(comp, '10:00').dom.className).not.toMatch(/--disabled/);
  });

  it('on a later day the grid runs from opening to closing time', async () => {
    const { comp } = picker({ date: '2026-12-02' });
    await sleep();
    const labels = slotLabels(comp);
    expect(labels[0]).toBe('08:00');
    expect(labels[labels.length - 1]).toBe('22:30');
    expect(labels).toHaveLength(30);
  });

  it('a first tap starts a range and a later tap stretches it; the emitted instants carry the store offset', async () => {
    const { comp, changes } = picker();
    await sleep();
    await tap(comp, '10:00');
    await tap(comp, '11:30');
    expect(changes[changes.length - 1]).toEqual({ date: '2026-12-01', start: 600, end: 720, startIso: '2026-12-01T10:00:00+08:00', endIso: '2026-12-01T12:00:00+08:00' });
    expect(comp.dom.textContent).toContain('10:00–12:00 · 2 小时');
  });

  it('never stretches across a taken slot or beyond the maximum length: the tap starts a new range instead', async () => {
    const taken = [{ start: '2026-12-01T13:00:00+08:00', end: '2026-12-01T14:00:00+08:00', state: 'booked', mine: false }];
    const { comp, changes } = picker({ taken });
    await sleep();
    expect(slot(comp, '13:30').dom.className).toMatch(/--disabled/);
    await tap(comp, '12:00');
    await tap(comp, '14:30');
    expect(changes.pop()).toMatchObject({ start: 870, end: 900 });
    await tap(comp, '15:00');
    await tap(comp, '20:00'); // 5 hours > 4 hours maximum
    expect(changes.pop()).toMatchObject({ start: 1200, end: 1230 });
  });

  it('shows the dates of the booking horizon, and a closed day cannot be chosen', async () => {
    const { comp, changes } = picker();
    await sleep();
    const dates = comp.querySelectorAll('.date');
    expect(dates).toHaveLength(7);
    expect(dates[0].dom.textContent).toContain('今天');
    const sunday = dates.find((d: any) => d.dom.textContent.includes('休息'));
    expect(sunday.dom.textContent).toContain('周日');
    sunday.dispatchEvent('tap');
    await sleep();
    expect(changes).toEqual([]);
    dates[1].dispatchEvent('tap');
    await sleep();
    expect(changes).toEqual([{ date: '2026-12-02', start: -1, end: -1, startIso: '', endIso: '' }]);
    expect(slot(comp, '08:00').dom.className).not.toMatch(/--disabled/);
  });
});
