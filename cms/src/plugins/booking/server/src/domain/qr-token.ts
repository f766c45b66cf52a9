/**
 * Short-lived signed check-in tokens shown as a QR code. Format: base64url(JSON payload) "." base64url(MAC)
 * where MAC = HMAC-SHA256(secret, "checkin.v1." + encoded payload). The purpose prefix keeps a MAC made with
 * the same secret for anything else from ever passing as a check-in token. A random nonce makes every token
 * different, so a screenshot of an old code stops working as soon as it expires even for the same booking.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fail } from '../../../../../platform/errors';
import { assertInstant, assertInteger } from './support';

const PURPOSE = 'checkin.v1.';
// Longer input is never a token we issued; refusing it early bounds the work an attacker can cause.
const MAX_TOKEN_LENGTH = 1024;
const B64URL = /^[A-Za-z0-9_-]+$/;
const MIN_SECRET_LENGTH = 16;

interface Payload {
  b: string; // booking documentId
  u: number; // user id
  e: number; // expiry, epoch ms
  n: string; // nonce
}

export interface IssueCheckinTokenInput {
  bookingId: string;
  userId: number;
  now: Date;
  ttlSeconds: number;
  secret: string;
}

export interface CheckinTokenClaims {
  bookingId: string;
  userId: number;
  expiresAt: Date;
}

export type TokenRejection = 'malformed' | 'forged' | 'expired';

function assertSecret(secret: string): void {
  // A configuration error, not a member's: a plain Error so it is loud in logs and never looks like a 4xx.
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`The check-in token secret must be at least ${MIN_SECRET_LENGTH} characters long.`);
  }
}

const mac = (encodedPayload: string, secret: string): string =>
  createHmac('sha256', secret).update(PURPOSE + encodedPayload).digest('base64url');

export function issueCheckinToken({ bookingId, userId, now, ttlSeconds, secret }: IssueCheckinTokenInput): {
  token: string;
  expiresAt: Date;
} {
  assertSecret(secret);
  assertInstant(now, 'now');
  assertInteger(ttlSeconds, 'ttlSeconds', 1);
  assertInteger(userId, 'userId', 1);
  if (typeof bookingId !== 'string' || bookingId.length === 0) throw new TypeError('bookingId must be a non-empty string');
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  const payload: Payload = { b: bookingId, u: userId, e: expiresAt.getTime(), n: randomBytes(12).toString('base64url') };
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return { token: `${encoded}.${mac(encoded, secret)}`, expiresAt };
}

const MESSAGES: Record<TokenRejection, string> = {
  malformed: 'This check-in code could not be read; open your booking in the app and scan the QR code again.',
  forged: 'This check-in code is not valid; open your booking in the app to show a fresh QR code.',
  expired: 'This check-in code has expired; refresh the QR code in the app and scan again.',
};

const reject = (reason: TokenRejection, extra: Record<string, unknown> = {}) =>
  fail('VALIDATION', MESSAGES[reason], { reason, ...extra });

function parsePayload(encoded: string): Payload {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw reject('malformed');
  }
  const p = value as Partial<Payload> | null;
  const ok = !!p && typeof p === 'object' && typeof p.b === 'string' && p.b.length > 0 &&
    Number.isSafeInteger(p.u) && Number.isSafeInteger(p.e) && typeof p.n === 'string';
  if (!ok) throw reject('malformed');
  return p as Payload;
}

/**
 * Checks the MAC (constant time) before reading the payload, then the expiry. Throws VALIDATION with
 * details.reason 'malformed' | 'forged' | 'expired'. The caller still checks that the booking belongs to
 * the user, is in a state that can be checked in, and that the check-in window is open.
 */
export function verifyCheckinToken(token: string, { secret, now }: { secret: string; now: Date }): CheckinTokenClaims {
  assertSecret(secret);
  assertInstant(now, 'now');
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw reject('malformed');
  const parts = token.split('.');
  if (parts.length !== 2 || !B64URL.test(parts[0]) || !B64URL.test(parts[1])) throw reject('malformed');
  const [encoded, signature] = parts;
  // Comparing the canonical encodings (not decoded bytes) also refuses a signature whose last base64
  // character was altered in bits the decoder would ignore.
  const expected = Buffer.from(mac(encoded, secret), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw reject('forged');
  const payload = parsePayload(encoded);
  const expiresAt = new Date(payload.e);
  if (now.getTime() >= payload.e) throw reject('expired', { expiredAt: expiresAt.toISOString() });
  return { bookingId: payload.b, userId: payload.u, expiresAt };
}
