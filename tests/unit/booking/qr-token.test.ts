import { issueCheckinToken, verifyCheckinToken } from '../../../cms/src/plugins/booking/server/src/domain';
import { refusal, sh } from './support';

const secret = 'test-secret-at-least-16-chars';
const now = sh('2025-03-14T13:50');
const issue = () => issueCheckinToken({ bookingId: 'bk_abc123', userId: 42, now, ttlSeconds: 60, secret });
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('check-in QR tokens', () => {
  it('a fresh token verifies and carries the booking, the user and the expiry', () => {
    const { token, expiresAt } = issue();
    expect(expiresAt).toEqual(new Date(now.getTime() + 60_000));
    expect(verifyCheckinToken(token, { secret, now })).toEqual({ bookingId: 'bk_abc123', userId: 42, expiresAt });
  });

  it('successive tokens for the same booking differ (they rotate)', () => {
    expect(issue().token).not.toBe(issue().token);
  });

  it('a token is URL and QR friendly: two base64url parts', () => {
    expect(issue().token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('one millisecond before expiry it is valid; at expiry it is VALIDATION expired', () => {
    const { token, expiresAt } = issue();
    expect(() => verifyCheckinToken(token, { secret, now: new Date(expiresAt.getTime() - 1) })).not.toThrow();
    const err = refusal(() => verifyCheckinToken(token, { secret, now: expiresAt }), 'VALIDATION');
    expect(err.details).toEqual({ reason: 'expired', expiredAt: expiresAt.toISOString() });
    expect(err.message).toMatch(/expired; refresh the QR code/);
  });

  it('a token signed with another secret is forged', () => {
    const other = issueCheckinToken({ bookingId: 'bk_abc123', userId: 42, now, ttlSeconds: 60, secret: 'another-secret-of-16-chars' });
    expect(refusal(() => verifyCheckinToken(other.token, { secret, now }), 'VALIDATION').details.reason).toBe('forged');
  });

  it('a tampered payload (someone else\'s booking, a later expiry) is forged', () => {
    const { token } = issue();
    const [payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    for (const change of [{ b: 'bk_other' }, { u: 7 }, { e: claims.e + 3_600_000 }]) {
      const tampered = `${b64({ ...claims, ...change })}.${sig}`;
      expect(refusal(() => verifyCheckinToken(tampered, { secret, now }), 'VALIDATION').details.reason).toBe('forged');
    }
  });

  it('changing any single character of the signature makes it forged', () => {
    const { token } = issue();
    const dot = token.indexOf('.');
    for (let i = dot + 1; i < token.length; i++) {
      const replacement = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + replacement + token.slice(i + 1);
      expect(refusal(() => verifyCheckinToken(tampered, { secret, now }), 'VALIDATION').details.reason).toBe('forged');
    }
  });

  it('a truncated signature is forged, not a crash', () => {
    const { token } = issue();
    expect(refusal(() => verifyCheckinToken(token.slice(0, -3), { secret, now }), 'VALIDATION').details.reason).toBe('forged');
  });

  it.each([
    ['an empty string', ''],
    ['no dot', 'abcdef'],
    ['three parts', 'a.b.c'],
    ['an empty signature', 'abc.'],
    ['characters outside base64url', 'ab+c/d.ef=='],
    ['a very long string', 'a'.repeat(2000) + '.b'],
  ])('%s is malformed', (_label, token) => {
    expect(refusal(() => verifyCheckinToken(token, { secret, now }), 'VALIDATION').details.reason).toBe('malformed');
  });

  it('a non-string token is malformed', () => {
    expect(refusal(() => verifyCheckinToken(undefined as unknown as string, { secret, now }), 'VALIDATION').details.reason).toBe('malformed');
  });

  it('a correctly signed but unreadable payload is malformed (defence in depth if the secret ever signed junk)', () => {
    const { createHmac } = jest.requireActual('node:crypto') as typeof import('node:crypto');
    const payload = b64({ b: 'bk', u: 'not-a-number', e: 1, n: 'x' });
    const sig = createHmac('sha256', secret).update(`checkin.v1.${payload}`).digest('base64url');
    expect(refusal(() => verifyCheckinToken(`${payload}.${sig}`, { secret, now }), 'VALIDATION').details.reason).toBe('malformed');
  });

  it('refuses to issue or verify with a secret too short to be safe', () => {
    expect(() => issueCheckinToken({ bookingId: 'b', userId: 1, now, ttlSeconds: 60, secret: 'short' })).toThrow(/at least 16/);
    expect(() => verifyCheckinToken('a.b', { secret: '', now })).toThrow(/at least 16/);
  });
});
