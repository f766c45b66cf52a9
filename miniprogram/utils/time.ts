/**
 * Time on the store's clock. Business rules (opening hours, "today", the slot grid) use the store's time
 * zone; the mini program carries no tz database (package size), so zones are fixed offsets – true for
 * Asia/Shanghai and every zone China uses (no daylight saving).
 */
import type { OpeningHours } from '../services/types';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const ZONE_OFFSETS: Record<string, number> = { 'Asia/Shanghai': 480, 'Asia/Chongqing': 480, 'Asia/Hong_Kong': 480, 'Asia/Taipei': 480, 'Asia/Urumqi': 360, UTC: 0 };

let storeOffsetMinutes = 480;

/** Sets the store's zone from `settings.storeTimezone` (unknown names keep China Standard Time). */
export function setStoreTimezone(zone: string | undefined): void {
  storeOffsetMinutes = zone && zone in ZONE_OFFSETS ? ZONE_OFFSETS[zone] : 480;
}
export const storeOffset = (): number => storeOffsetMinutes;

const pad = (n: number) => String(n).padStart(2, '0');

export interface StoreParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since the store's midnight. */
  minuteOfDay: number;
}

export function storeParts(at: string | number | Date, offset = storeOffsetMinutes): StoreParts {
  const ms = new Date(at).getTime() + offset * MINUTE;
  const d = new Date(ms);
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday,
    minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(),
  };
}

/** `YYYY-MM-DD` of an instant on the store's calendar. */
export function storeDate(at: string | number | Date, offset = storeOffsetMinutes): string {
  const p = storeParts(at, offset);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** ISO 8601 with the store's offset for a store date and a minute of that day (1440 = next midnight). */
export function storeIso(date: string, minuteOfDay: number, offset = storeOffsetMinutes): string {
  const [y, m, d] = date.split('-').map(Number);
  const ms = Date.UTC(y, m - 1, d) + minuteOfDay * MINUTE - offset * MINUTE;
  const local = new Date(ms + offset * MINUTE);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** `08:30` → 510; `24:00` → 1440. */
export function parseClock(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + (m || 0);
}

export function clockLabel(minuteOfDay: number): string {
  if (minuteOfDay >= DAY_MINUTES) return '24:00';
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

/** Opening window of a store date in minutes of the day, or null when the room is closed that day. */
export function openingWindow(hours: OpeningHours[], date: string): { opens: number; closes: number } | null {
  const day = hours.find((h) => h.weekday === weekdayOf(date));
  if (!day) return null;
  const opens = parseClock(day.opens);
  const closes = parseClock(day.closes);
  return closes > opens ? { opens, closes } : null;
}

export const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export function formatTime(at: string | number | Date): string {
  const p = storeParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}
export function formatDate(at: string | number | Date): string {
  const p = storeParts(at);
  return `${p.month}月${p.day}日`;
}
export function formatDateTime(at: string | number | Date): string {
  return `${formatDate(at)} ${formatTime(at)}`;
}
/** `12月1日 14:00–16:00` (the end's date is shown only when it differs). */
export function formatRange(start: string, end: string): string {
  const sameDay = storeDate(start) === storeDate(new Date(new Date(end).getTime() - 1));
  return sameDay ? `${formatDateTime(start)}–${formatTime(end)}` : `${formatDateTime(start)} – ${formatDateTime(end)}`;
}
/** 90 → `1.5 小时`, 30 → `30 分钟`. */
export function durationLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`;
  const h = minutes / 60;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} 小时`;
}
/** `01:05:09` style remaining time, for countdowns. */
export function remainingLabel(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}
