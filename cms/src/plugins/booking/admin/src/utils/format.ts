/** Integer fen → "¥12.30" (money is fen everywhere; only the screen shows yuan). */
export const yuan = (fen: number) => {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}¥${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
};

/** "14:30" of an ISO time that carries the store's offset (the server sends local ISO times). */
export const clockOf = (iso: string | null | undefined) => (iso ? iso.slice(11, 16) : '');

/** "05-20 14:30" */
export const dayClockOf = (iso: string | null | undefined) => (iso ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : '');

/** Hours since local midnight of an ISO time with offset, e.g. "…T14:30:00+08:00" → 14.5. */
export const hourOf = (iso: string) => Number(iso.slice(11, 13)) + Number(iso.slice(14, 16)) / 60;

/** Today's date in the store's zone (Asia/Shanghai unless the server says otherwise). */
export const localToday = (tz = 'Asia/Shanghai') => new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date());

export const shiftDate = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * "05-20 14:30" of an instant (possibly UTC, e.g. history rows) shown at the offset of a reference time
 * of the store (e.g. the booking's start "…+08:00"), so every time on a page reads in the store's zone.
 */
export const dayClockAtOffsetOf = (iso: string, reference: string) => {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(reference);
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = new Date(Date.parse(iso) + offsetMin * 60_000).toISOString();
  return `${local.slice(5, 10)} ${local.slice(11, 16)}`;
};
