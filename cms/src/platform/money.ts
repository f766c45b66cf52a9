/**
 * The one money type: integer fen (分). Nothing in the product stores or computes money as a float.
 */
export type Fen = number;

export const isFen = (v: unknown): v is Fen => typeof v === 'number' && Number.isSafeInteger(v);

export function assertFen(v: unknown, field = 'amount'): Fen {
  if (!isFen(v)) throw new TypeError(`${field} must be an integer number of fen, got ${String(v)}`);
  return v;
}

/**
 * `percent`% of an amount, rounded half up to the fen. Percentages are integers 0..100
 * (a 12.5% rule would be written as a basis-point variant if ever needed).
 */
export function percentOf(amount: Fen, percent: number): Fen {
  assertFen(amount);
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError(`percent must be 0..100, got ${percent}`);
  // Integer arithmetic: (amount * percent + 50) / 100 floored == round half up for non-negative amounts.
  return Math.floor((amount * percent + 50) / 100);
}

/** Price of `minutes` at `perHour` fen per hour, rounded half up to the fen. */
export function prorate(perHour: Fen, minutes: number): Fen {
  assertFen(perHour, 'price per hour');
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`minutes must be a non-negative integer, got ${minutes}`);
  return Math.floor((perHour * minutes + 30) / 60);
}

/** ¥12.30 style rendering for messages shown to people. */
export const formatYuan = (amount: Fen): string => {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};
