/**
 * Small helpers shared by the booking domain rules: input guards that turn bad values into VALIDATION
 * refusals (never a TypeError that would surface as a 500) and the formatting used in messages people read.
 */
import { DateTime, IANAZone } from 'luxon';
import { invalidInput } from '../../../../../platform/validation';
import { remembered } from '../../../../../platform/memo';

export { invalidInput };

// isValidZone builds an Intl.DateTimeFormat per call (measured as the top item of a booking's own CPU):
// the answer for a zone name never changes, so it is remembered.
const knownZones = new Set<string>();

export function assertZone(tz: string): void {
  if (typeof tz === 'string' && knownZones.has(tz)) return;
  if (typeof tz !== 'string' || !IANAZone.isValidZone(tz)) {
    throw invalidInput('timezone', `"${String(tz)}" is not a known IANA time zone; use a name such as Asia/Shanghai.`);
  }
  knownZones.add(tz);
}

export { remembered };

export function assertInstant(value: unknown, field: string): asserts value is Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw invalidInput(field, `${field} must be a valid date and time, e.g. 2025-03-14T14:00:00+08:00.`);
  }
}

/** Integers only: every business parameter here counts minutes, hours, days or items. */
export function assertInteger(value: unknown, field: string, min: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw invalidInput(field, `${field} must be a whole number of at least ${min}; got ${String(value)}.`);
  }
}

export const inZone = (at: Date, tz: string): DateTime => DateTime.fromJSDate(at, { zone: tz });

const QUARTER_HOUR_MS = 15 * 60_000;
/** A zone's offset in minutes over one quarter hour of UTC, by zone and quarter (null: see `zoneOffset`). */
const knownOffsets = new Map<string, number | null>();
const MAX_KNOWN_OFFSETS = 20_000;

/**
 * The zone's UTC offset in minutes at `ms`, or null where luxon must answer: an offset of 0 (luxon writes
 * "Z" for some zones and "+00:00" for others), an offset in seconds (local mean time before ~1900), or a
 * quarter hour in which the offset changes. Today's zones change offset only on UTC quarter hours, so
 * one luxon lookup per zone and quarter hour serves every instant in it: building a luxon DateTime per
 * formatted time was a twentieth of a booking's CPU.
 */
function zoneOffset(ms: number, tz: string): number | null {
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  return remembered(knownOffsets, `${tz}|${quarter}`, MAX_KNOWN_OFFSETS, () => {
    const first = DateTime.fromMillis(quarter * QUARTER_HOUR_MS, { zone: tz }).offset;
    const last = DateTime.fromMillis((quarter + 1) * QUARTER_HOUR_MS - 1, { zone: tz }).offset;
    return first === last && Number.isInteger(first) && first !== 0 ? first : null;
  });
}

/** Wall-clock fields of an instant in a zone, or null where luxon must answer (see `zoneOffset`). */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** minutes east of UTC */
  offset: number;
}

export function localTime(at: Date, tz: string): LocalTime | null {
  const ms = at.getTime();
  const offset = Number.isFinite(ms) ? zoneOffset(ms, tz) : null;
  if (offset === null) return null;
  const shifted = new Date(ms + offset * 60_000);
  const year = shifted.getUTCFullYear();
  if (year < 1000 || year > 9999) return null; // luxon writes other years in its own way
  return {
    year,
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    offset,
  };
}

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
/** "2025-03-14": the calendar day of wall-clock fields. */
export const localDate = (t: LocalTime) => `${t.year}-${two(t.month)}-${two(t.day)}`;
const minutesOf = (t: LocalTime) => `${two(t.hour)}:${two(t.minute)}`;
const offsetOf = (minutes: number) => `${minutes < 0 ? '-' : '+'}${two(Math.floor(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`;

/** ISO 8601 with the store's offset, the form API.md promises for every time we hand out. */
export const toLocalIso = (at: Date, tz: string): string => {
  const t = localTime(at, tz);
  if (!t) return inZone(at, tz).toISO({ suppressMilliseconds: true }) as string;
  return `${localDate(t)}T${minutesOf(t)}:${two(t.second)}${t.millisecond ? `.${three(t.millisecond)}` : ''}${offsetOf(t.offset)}`;
};

/** "14:30" – wall-clock time as a member sees it on the store's clock ("14:30:05" if seconds are set). */
export const formatClock = (at: Date, tz: string): string => {
  const t = localTime(at, tz);
  if (t) return t.second === 0 && t.millisecond === 0 ? minutesOf(t) : `${minutesOf(t)}:${two(t.second)}`;
  const local = inZone(at, tz);
  return local.toFormat(local.second === 0 && local.millisecond === 0 ? 'HH:mm' : 'HH:mm:ss');
};

/** "2025-03-14 14:30" */
export const formatLocal = (at: Date, tz: string): string => {
  const t = localTime(at, tz);
  return t ? `${localDate(t)} ${minutesOf(t)}` : inZone(at, tz).toFormat('yyyy-MM-dd HH:mm');
};

/** "2 h 30 min", "45 min", "3 h" – durations for quota and length messages. */
export function formatDuration(minutes: number): string {
  const whole = Math.round(minutes);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
