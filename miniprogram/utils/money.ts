/** Money is integer fen everywhere; yuan exist only on screen and in what the member types. */

export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `¥12` for whole yuan, `¥12.50` otherwise (prices and packages). */
export function formatFenShort(fen: number): string {
  return fen % 100 === 0 ? `¥${fen / 100}` : formatFen(fen);
}

/** What the member typed (`12`, `12.5`, `12.50`) in fen, or null when it is not an amount. */
export function parseYuan(text: string): number | null {
  const t = String(text).trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}
