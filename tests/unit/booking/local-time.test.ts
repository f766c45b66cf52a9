import { DateTime } from 'luxon';
import { formatClock, formatLocal, isOnSlotGrid, localDay, toLocalIso } from '../../../cms/src/plugins/booking/server/src/domain';

// The fast wall-clock path must write exactly what luxon writes, in zones with DST, half- and
// quarter-hour offsets, negative offsets, a 30-minute DST shift and offset 0 (luxon's "Z" question).
const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/London', 'UTC', 'Etc/UTC', 'Pacific/Apia'];

/** Instants every 67 min 13.5 s over a year (both DST changes of the northern and southern zones), and odd ones. */
function* instants(): Generator<Date> {
  const from = Date.parse('2025-01-01T00:00:00Z');
  for (let t = from; t < from + 366 * 86_400_000; t += 4_033_500) yield new Date(t);
  for (const iso of ['2025-03-30T01:00:00Z', '2025-03-30T00:59:59.999Z', '2025-10-26T01:00:00Z', '2025-04-06T02:30:00+11:00', '1890-06-01T12:00:00Z', '0900-01-01T00:00:00Z', '2025-03-14T06:00:00.007Z']) yield new Date(iso);
}

describe('wall-clock formatting without a luxon DateTime per call', () => {
  // Mismatches are collected and compared once: an expect() per instant would cost more than the check.
  it.each(ZONES)('toLocalIso, formatLocal, formatClock and localDay match luxon in %s', (tz) => {
    const mismatches: string[] = [];
    let n = 0;
    for (const at of instants()) {
      const local = DateTime.fromJSDate(at, { zone: tz });
      const want = [local.toISO({ suppressMilliseconds: true }), local.toFormat('yyyy-MM-dd HH:mm'), local.toFormat(local.second === 0 && local.millisecond === 0 ? 'HH:mm' : 'HH:mm:ss'), local.toISODate()];
      const got = [toLocalIso(at, tz), formatLocal(at, tz), formatClock(at, tz), localDay(at, tz)];
      if (got.join('|') !== want.join('|')) mismatches.push(`${at.toISOString()}: ${got.join(' ')} (luxon: ${want.join(' ')})`);
      n += 1;
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(n).toBeGreaterThan(7_800);
  });

  it.each(ZONES)('isOnSlotGrid agrees with the wall clock luxon reads in %s', (tz) => {
    const mismatches: string[] = [];
    // Every quarter hour of the weeks around both DST changes of the northern and southern zones.
    const weeks = ['2025-03-27', '2025-04-03', '2025-10-02', '2025-10-23', '2025-11-01'].map((d) => Date.parse(`${d}T00:00:00Z`));
    for (const from of weeks) for (let t = from; t < from + 7 * 86_400_000; t += 15 * 60_000) {
      const local = DateTime.fromMillis(t, { zone: tz });
      for (const slot of [30, 60, 90]) {
        const want = local.second === 0 && (local.hour * 60 + local.minute) % slot === 0;
        if (isOnSlotGrid(new Date(t), slot, tz) !== want) mismatches.push(`${new Date(t).toISOString()} on a ${slot}-minute grid: luxon says ${want}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('writes the offset the member expects: +08:00 in Shanghai, -03:30 in St John\'s, Z nowhere but luxon\'s UTC', () => {
    const at = new Date('2025-03-14T06:00:00Z');
    expect(toLocalIso(at, 'Asia/Shanghai')).toBe('2025-03-14T14:00:00+08:00');
    expect(toLocalIso(at, 'America/St_Johns')).toBe('2025-03-14T03:30:00-02:30');
    expect(toLocalIso(new Date('2025-01-14T06:00:00Z'), 'America/St_Johns')).toBe('2025-01-14T02:30:00-03:30');
    expect(toLocalIso(at, 'UTC')).toBe('2025-03-14T06:00:00Z');
  });
});
