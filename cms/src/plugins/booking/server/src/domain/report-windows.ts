import { DateTime } from 'luxon';

/**
 * The time windows of the back-office figures, in the store's time zone: today, the last 7 and 30 days
 * (each ending now and starting at a local midnight), and the day numbers a daily chart is keyed by.
 */
export interface ReportWindows {
  now: Date;
  todayStart: Date;
  todayEnd: Date;
  last7Start: Date;
  last30Start: Date;
  /** Offset of the zone from UTC in seconds at `now`. */
  offsetSeconds: number;
  /** Local day number (days since 1970-01-01 local) of today. */
  todayNumber: number;
}

export function reportWindows(now: Date, tz: string): ReportWindows {
  const local = DateTime.fromJSDate(now, { zone: tz });
  const start = local.startOf('day');
  const offsetSeconds = local.offset * 60;
  return {
    now,
    todayStart: start.toJSDate(),
    todayEnd: start.plus({ days: 1 }).toJSDate(),
    last7Start: start.minus({ days: 6 }).toJSDate(),
    last30Start: start.minus({ days: 29 }).toJSDate(),
    offsetSeconds,
    todayNumber: Math.floor((now.getTime() / 1000 + offsetSeconds) / 86400),
  };
}

/** The local calendar date (YYYY-MM-DD) of a local day number. */
export function dayNumberToDate(dayNumber: number): string {
  return new Date(dayNumber * 86400_000).toISOString().slice(0, 10);
}

/** Fills the days a query returned nothing for with zeros, oldest first. */
export function dailySeries<T extends Record<string, number>>(fromDay: number, toDay: number, rows: Map<number, T>, zero: T): ({ date: string } & T)[] {
  const out: ({ date: string } & T)[] = [];
  for (let d = fromDay; d <= toDay; d += 1) out.push({ date: dayNumberToDate(d), ...(rows.get(d) ?? zero) });
  return out;
}

/** Occupancy in percent (0..100, rounded) of `bookedMinutes` over `seats` seats during `minutes`. */
export function occupancyPercent(bookedMinutes: number, seats: number, minutes: number): number {
  if (seats <= 0 || minutes <= 0) return 0;
  return Math.min(100, Math.round((bookedMinutes / (seats * minutes)) * 100));
}
