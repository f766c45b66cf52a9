/** Store-time helpers of the announcements pages (the store runs on Asia/Shanghai, UTC+8, no DST). */
const TZ = 'Asia/Shanghai';
const OFFSET = '+08:00';

/** "2026-05-20T14:00" for a datetime-local input, in store time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The input's store time as ISO 8601 with the store's offset (what the server expects). */
export const fromLocalInput = (v: string): string | null => (v ? `${v.length === 16 ? `${v}:00` : v}${OFFSET}` : null);

/** "2026-05-20 14:00" in store time. */
export const showTime = (iso: string | null) => (iso ? toLocalInput(iso).replace('T', ' ') : '');
