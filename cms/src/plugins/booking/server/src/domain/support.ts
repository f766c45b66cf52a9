/**
 * Small helpers shared by the booking domain rules: input guards that turn bad values into VALIDATION
 * refusals (never a TypeError that would surface as a 500) and the formatting used in messages people read.
 */
import { DateTime, IANAZone } from 'luxon';
import { invalidInput } from '../../../../../platform/validation';

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

/**
 * `compute()` once per key, kept in `memo` (which starts over once it holds `max` answers): for answers that
 * depend on their key alone, such as a zone's day bounds, which do not change while a process runs.
 */
export function remembered<V>(memo: Map<string, V>, key: string, max: number, compute: () => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    if (memo.size >= max) memo.clear();
    memo.set(key, value);
  }
  return value;
}

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

/** ISO 8601 with the store's offset, the form API.md promises for every time we hand out. */
export const toLocalIso = (at: Date, tz: string): string =>
  inZone(at, tz).toISO({ suppressMilliseconds: true }) as string;

/** "14:30" – wall-clock time as a member sees it on the store's clock ("14:30:05" if seconds are set). */
export const formatClock = (at: Date, tz: string): string => {
  const local = inZone(at, tz);
  return local.toFormat(local.second === 0 && local.millisecond === 0 ? 'HH:mm' : 'HH:mm:ss');
};

/** "2025-03-14 14:30" */
export const formatLocal = (at: Date, tz: string): string => inZone(at, tz).toFormat('yyyy-MM-dd HH:mm');

/** "2 h 30 min", "45 min", "3 h" – durations for quota and length messages. */
export function formatDuration(minutes: number): string {
  const whole = Math.round(minutes);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
