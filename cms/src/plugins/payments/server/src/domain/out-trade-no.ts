/**
 * WeChat Pay out_trade_no: 6–32 characters of [A-Za-z0-9_-], unique per merchant.
 *
 * Format: `<prefix><UTC yyyyMMddHHmmssSSS><10 random chars>` = 29 characters, e.g.
 * `RC20250131160000123K7Q2M9XW4D`. The prefix tells the notification handler what was paid
 * (RC recharge, BK booking, MB membership); the fixed-width UTC timestamp makes numbers of one kind sort
 * by creation time as plain strings (UTC so that the order never depends on the store's zone); the 50
 * random bits keep two numbers made in the same millisecond, on any process, apart.
 */
import * as nodeCrypto from 'node:crypto';

export const OUT_TRADE_NO_PREFIXES = ['RC', 'BK', 'MB'] as const;
export type OutTradeNoPrefix = (typeof OUT_TRADE_NO_PREFIXES)[number];

/** WeChat's rule for merchant order numbers. */
export const OUT_TRADE_NO_PATTERN = /^[A-Za-z0-9_-]{6,32}$/;

/** Crockford base32: no I, L, O, U, so a number read aloud at the front desk is unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 10;

export interface RandomSource {
  randomBytes(size: number): Uint8Array;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function utcStamp(now: Date): string {
  if (Number.isNaN(now.getTime()) || now.getUTCFullYear() < 1000 || now.getUTCFullYear() > 9999) {
    throw new RangeError(`cannot stamp an order number with ${String(now)}`);
  }
  return (
    pad(now.getUTCFullYear(), 4) + pad(now.getUTCMonth() + 1, 2) + pad(now.getUTCDate(), 2) +
    pad(now.getUTCHours(), 2) + pad(now.getUTCMinutes(), 2) + pad(now.getUTCSeconds(), 2) + pad(now.getUTCMilliseconds(), 3)
  );
}

export function newOutTradeNo(prefix: OutTradeNoPrefix, now: Date, random: RandomSource = nodeCrypto): string {
  if (!OUT_TRADE_NO_PREFIXES.includes(prefix)) throw new RangeError(`unknown out_trade_no prefix "${prefix}"`);
  const bytes = random.randomBytes(RANDOM_CHARS);
  let tail = '';
  // 256 is a multiple of 32, so taking the low 5 bits of each byte is unbiased.
  for (let i = 0; i < RANDOM_CHARS; i++) tail += ALPHABET[bytes[i] & 31];
  return `${prefix}${utcStamp(now)}${tail}`;
}

/** The kind of payment an out_trade_no was made for, or null if it is not one of ours. */
export function outTradeNoKind(outTradeNo: string): OutTradeNoPrefix | null {
  if (typeof outTradeNo !== 'string' || !OUT_TRADE_NO_PATTERN.test(outTradeNo)) return null;
  const prefix = outTradeNo.slice(0, 2) as OutTradeNoPrefix;
  return OUT_TRADE_NO_PREFIXES.includes(prefix) ? prefix : null;
}
