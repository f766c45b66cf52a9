/** Seat codes are printed as `studyroom://seat/<code>` (or just the code). */
export function seatCodeFrom(scanned: string): string {
  const t = String(scanned || '').trim();
  const m = /^studyroom:\/\/seat\/(.+)$/.exec(t);
  return m ? decodeURIComponent(m[1]) : t;
}
