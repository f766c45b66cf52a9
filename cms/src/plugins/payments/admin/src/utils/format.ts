/** Money is integer fen; times are shown in the store's time zone. */
export const STORE_TIME_ZONE = 'Asia/Shanghai';

export const yuan = (fen: number | null | undefined) =>
  fen == null ? '—' : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const signedYuan = (fen: number) => `${fen > 0 ? '+' : fen < 0 ? '−' : ''}${yuan(Math.abs(fen))}`;

export function dateTime(iso: string | null | undefined, locale: string) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { timeZone: STORE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

export function date(iso: string | null | undefined, locale: string) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { timeZone: STORE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

