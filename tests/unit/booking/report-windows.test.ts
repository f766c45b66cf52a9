import { dailySeries, dayNumberToDate, occupancyPercent, reportWindows } from '../../../cms/src/plugins/booking/server/src/domain/report-windows';

describe('back-office report windows (store time zone)', () => {
  it('today starts at local midnight, 7 and 30 days start 6 and 29 local midnights earlier', () => {
    const w = reportWindows(new Date('2026-05-20T01:30:00Z'), 'Asia/Shanghai'); // 09:30 in Shanghai
    expect(w.todayStart.toISOString()).toBe('2026-05-19T16:00:00.000Z');
    expect(w.todayEnd.toISOString()).toBe('2026-05-20T16:00:00.000Z');
    expect(w.last7Start.toISOString()).toBe('2026-05-13T16:00:00.000Z');
    expect(w.last30Start.toISOString()).toBe('2026-04-20T16:00:00.000Z');
    expect(w.offsetSeconds).toBe(8 * 3600);
    expect(dayNumberToDate(w.todayNumber)).toBe('2026-05-20');
  });

  it('just after local midnight is already the next day, though UTC still says the day before', () => {
    const w = reportWindows(new Date('2026-05-19T16:05:00Z'), 'Asia/Shanghai');
    expect(dayNumberToDate(w.todayNumber)).toBe('2026-05-20');
  });

  it('a daily series fills the days without money with zero, oldest first', () => {
    const series = dailySeries(20593, 20595, new Map([[20594, { inFen: 1200 }]]), { inFen: 0 });
    expect(series).toEqual([
      { date: dayNumberToDate(20593), inFen: 0 },
      { date: dayNumberToDate(20594), inFen: 1200 },
      { date: dayNumberToDate(20595), inFen: 0 },
    ]);
  });

  it('occupancy is booked seat-minutes over available seat-minutes, capped at 100 %', () => {
    expect(occupancyPercent(150, 4, 7 * 60)).toBe(9);
    expect(occupancyPercent(10_000, 1, 60)).toBe(100);
    expect(occupancyPercent(30, 0, 60)).toBe(0);
  });
});
