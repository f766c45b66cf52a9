/**
 * Opening hours: a weekly list of open intervals on the store's wall clock. Several intervals per weekday
 * are allowed (a lunch break), a weekday without any is closed, and "24:00" closes at the next midnight so
 * a night that continues with a 00:00 opening of the next day forms one uninterrupted stretch.
 */
import { z } from 'zod';
import { dayBounds, isoWeekday, localDay, shiftDay, type TimeRange } from './slots';
import { inZone, invalidInput, remembered } from './support';

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface OpeningInterval {
  /** ISO weekday: Monday = 1 … Sunday = 7. */
  weekday: Weekday;
  /** "HH:mm" on the store's wall clock. */
  opens: string;
  /** "HH:mm" or "24:00" (the following midnight); always later than `opens`. */
  closes: string;
}

export type OpeningHours = OpeningInterval[];

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const CLOSING_CLOCK = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
// Guards the loop over days a range touches; no booking comes near this.
const MAX_DAYS_SPANNED = 62;

const toMinutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

const intervalSchema = z.object({
  weekday: z.number().int().min(1, 'weekday must be 1 (Monday) to 7 (Sunday)').max(7, 'weekday must be 1 (Monday) to 7 (Sunday)'),
  opens: z.string().regex(CLOCK, 'opens must be a time like 08:00'),
  closes: z.string().regex(CLOSING_CLOCK, 'closes must be a time like 22:00, or 24:00 for midnight'),
});

const hoursSchema = z.array(intervalSchema).superRefine((items, ctx) => {
  items.forEach((item, i) => {
    if (toMinutes(item.closes) <= toMinutes(item.opens)) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'closes'],
        message: `closes (${item.closes}) must be later than opens (${item.opens}); split a night into 22:00–24:00 and 00:00–02:00 of the next day`,
      });
    }
  });
  // Overlaps are almost always a typing mistake in the admin panel, so they are refused, not merged.
  items.forEach((a, i) => {
    items.slice(i + 1).forEach((b, k) => {
      const overlap = a.weekday === b.weekday &&
        toMinutes(a.opens) < toMinutes(b.closes) && toMinutes(b.opens) < toMinutes(a.closes);
      if (overlap) {
        ctx.addIssue({
          code: 'custom',
          path: [i + 1 + k],
          message: `${WEEKDAY_NAMES[a.weekday - 1]} ${b.opens}–${b.closes} overlaps ${a.opens}–${a.closes}`,
        });
      }
    });
  });
});

/** Validates opening hours as stored by staff (a JSON value, or its text); refuses with VALIDATION. */
export function parseOpeningHours(raw: unknown): OpeningHours {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw invalidInput('openingHours', 'Opening hours must be a list like [{"weekday":1,"opens":"08:00","closes":"22:00"}].');
    }
  }
  const result = hoursSchema.safeParse(value);
  if (result.success) return result.data as OpeningHours;
  const errors = result.error.issues.map((issue) => ({
    path: ['openingHours', ...issue.path.map(String)],
    message: issue.message,
    name: 'ValidationError',
  }));
  const first = result.error.issues[0];
  const where = typeof first.path[0] === 'number' ? ` (entry ${first.path[0] + 1})` : '';
  throw invalidInput('openingHours', `Opening hours are not valid${where}: ${first.message}.`, { errors });
}

function atWallClock(date: string, clock: string, tz: string): Date {
  return inZone(dayBounds(date, tz).start, tz)
    .set({ hour: Number(clock.slice(0, 2)), minute: Number(clock.slice(3, 5)) })
    .toJSDate();
}

/** Sorts and joins intervals that touch or overlap, so 22:00–24:00 + 00:00–02:00 becomes one stretch. */
function mergeRanges(ranges: TimeRange[]): TimeRange[] {
  const sorted = [...ranges].sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: TimeRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start.getTime() <= last.end.getTime()) {
      if (r.end.getTime() > last.end.getTime()) last.end = r.end;
    } else {
      merged.push({ start: r.start, end: r.end });
    }
  }
  return merged;
}

const entriesOn = (date: string, hours: OpeningHours, tz: string): OpeningInterval[] => {
  const weekday = isoWeekday(date, tz);
  return hours.filter((h) => h.weekday === weekday).sort((a, b) => toMinutes(a.opens) - toMinutes(b.opens));
};

/** Open intervals already computed, by zone, day and that day's entries (every booking asks for them). */
const knownIntervals = new Map<string, readonly TimeRange[]>();
const MAX_KNOWN_INTERVALS = 5_000;

/** The open intervals of one local calendar day as instants, sorted and merged. */
export function openIntervalsOn(date: string, hours: OpeningHours, tz: string): TimeRange[] {
  const entries = entriesOn(date, hours, tz);
  const key = `${tz}|${date}|${entries.map((h) => `${h.opens}-${h.closes}`).join(',')}`;
  const known = remembered(knownIntervals, key, MAX_KNOWN_INTERVALS, () => {
    const dayEnd = dayBounds(date, tz).end;
    return mergeRanges(
      entries.map((h) => ({
        start: atWallClock(date, h.opens, tz),
        end: h.closes === '24:00' ? dayEnd : atWallClock(date, h.closes, tz),
      })),
    );
  });
  // Fresh objects: callers may keep or change what they get.
  return known.map((r) => ({ start: new Date(r.start), end: new Date(r.end) }));
}

/** "08:00–12:00, 13:00–22:00" or "closed" – for messages. */
export function describeOpeningHoursOn(date: string, hours: OpeningHours, tz: string): string {
  const entries = entriesOn(date, hours, tz);
  return entries.length === 0 ? 'closed' : entries.map((h) => `${h.opens}–${h.closes}`).join(', ');
}

/** The local days a range touches (its end is exclusive, so a range ending at midnight stays on one day). */
export function localDaysTouched(range: TimeRange, tz: string): string[] {
  const first = localDay(range.start, tz);
  const last = localDay(new Date(range.end.getTime() - 1), tz);
  const days = [first];
  while (days[days.length - 1] < last && days.length < MAX_DAYS_SPANNED) days.push(shiftDay(days[days.length - 1], 1));
  return days;
}

/**
 * The whole range must lie inside one uninterrupted open stretch. A range may cross midnight only when the
 * evening interval closes at 24:00 and the next day opens at 00:00.
 */
export function isWithinOpeningHours(range: TimeRange, hours: OpeningHours, tz: string): boolean {
  if (range.end.getTime() <= range.start.getTime()) return false;
  const days = localDaysTouched(range, tz);
  if (days.length >= MAX_DAYS_SPANNED) return false;
  const stretches = mergeRanges(days.flatMap((day) => openIntervalsOn(day, hours, tz)));
  return stretches.some(
    (s) => s.start.getTime() <= range.start.getTime() && range.end.getTime() <= s.end.getTime(),
  );
}
