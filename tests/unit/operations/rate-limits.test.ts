import { RateLimits, rateClassOf, rateLimitConfig } from '../../../cms/src/platform/rate-limits';
import { VerifiedTokens, bearerToken } from '../../../cms/src/platform/access-tokens';
import { MemoryStore } from '../../../cms/src/platform/kv-store';

describe('rate classes', () => {
  it.each([
    ['GET', '/api/booking/rooms', 'read'],
    ['GET', '/api/payments/wallet', 'read'],
    ['PUT', '/api/me/profile', 'write'],
    ['POST', '/api/booking/bookings/abc/cancel', 'write'],
    ['POST', '/api/booking/quotes', 'write'],
    ['POST', '/api/auth/wechat/login', 'sensitive'],
    ['POST', '/api/auth/refresh', 'sensitive'],
    ['POST', '/api/booking/bookings', 'sensitive'],
    ['POST', '/api/booking/bookings/abc/payment', 'sensitive'],
    ['POST', '/api/booking/checkin', 'sensitive'],
    ['POST', '/api/booking/waitlist', 'sensitive'],
    ['GET', '/api/booking/waitlist', 'read'],
    ['DELETE', '/api/booking/waitlist/abc', 'write'],
    ['POST', '/api/payments/recharges', 'sensitive'],
    ['POST', '/api/payments/memberships/purchase', 'sensitive'],
  ])('%s %s is %s', (method, path, cls) => {
    expect(rateClassOf(method, path)).toBe(cls);
  });

  it.each([
    ['POST', '/api/payments/wechat/notify'],
    ['POST', '/api/payments/wechat/refund-notify'],
    ['GET', '/api/health'],
    ['GET', '/api/metrics'],
    ['GET', '/booking/bookings'], // staff admin API
    ['POST', '/admin/login'],
    ['OPTIONS', '/api/booking/bookings'],
  ])('%s %s is not limited as a member request', (method, path) => {
    expect(rateClassOf(method, path)).toBeNull();
  });
});

describe('rate limit configuration', () => {
  it('has sensible defaults and reads the environment', () => {
    const d = rateLimitConfig({});
    expect(d.enabled).toBe(true);
    expect(d.member.sensitive).toBeLessThan(d.member.write);
    expect(d.member.write).toBeLessThan(d.member.read);
    expect(d.ip.read).toBeGreaterThan(d.member.read);
    const c = rateLimitConfig({ RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_SENSITIVE: '3', RATE_LIMIT_WINDOW_SECONDS: '10' });
    expect(c).toMatchObject({ enabled: false, windowSeconds: 10, member: { sensitive: 3 } });
  });

  it('refuses a limit that is not a positive whole number, naming the variable', () => {
    expect(() => rateLimitConfig({ RATE_LIMIT_READ: '0' })).toThrow(/RATE_LIMIT_READ/);
    expect(() => rateLimitConfig({ RATE_LIMIT_IP_WRITE: 'lots' })).toThrow(/RATE_LIMIT_IP_WRITE/);
  });
});

describe('budgets (in-process store)', () => {
  const config = { ...rateLimitConfig({}), member: { read: 3, write: 2, sensitive: 1 }, ip: { read: 5, write: 5, sensitive: 5 } };

  it("a member's budget runs out per class, with the seconds to wait", async () => {
    const limits = new RateLimits(config, new MemoryStore(), 't1:');
    for (let i = 0; i < 3; i += 1) expect(await limits.consume('read', '10.0.0.1', '7')).toEqual({ allowed: true });
    const refused = await limits.consume('read', '10.0.0.1', '7');
    expect(refused).toMatchObject({ allowed: false, scope: 'member' });
    expect((refused as any).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused as any).retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another class, and another member on the same address, still have theirs.
    expect(await limits.consume('sensitive', '10.0.0.1', '7')).toEqual({ allowed: true });
    expect(await limits.consume('read', '10.0.0.1', '8')).toEqual({ allowed: true });
  });

  it('an address is limited across members and anonymous calls', async () => {
    const limits = new RateLimits(config, new MemoryStore(), 't2:');
    for (let i = 0; i < 5; i += 1) expect((await limits.consume('write', '10.0.0.2', i % 2 ? null : String(100 + i))).allowed).toBe(true);
    expect(await limits.consume('write', '10.0.0.2', '999')).toMatchObject({ allowed: false, scope: 'ip' });
    expect((await limits.consume('write', '10.0.0.3', '999')).allowed).toBe(true);
  });
});

describe('verified tokens', () => {
  type Checked = { userId: number; sessionId: string | undefined; expiresAt: number };
  it('checks a token once and remembers what the check said until the token expires', () => {
    const tokens = new VerifiedTokens<Checked>(2);
    const verify = jest.fn((t: string): Checked | null => (t.startsWith('good') ? { userId: Number(t.slice(5)), sessionId: 's', expiresAt: 1_000 } : null));
    expect(tokens.check('good-7', verify, 0)?.userId).toBe(7);
    expect(tokens.check('good-7', verify, 500)?.userId).toBe(7);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(tokens.check('forged', verify, 500)).toBeNull();
    expect(tokens.size).toBe(1); // refusals are not remembered
    // Expired: checked again (and refused by the check's own expiry).
    expect(tokens.check('good-7', verify, 1_000)).toBeNull();
    expect(verify).toHaveBeenCalledTimes(3);
  });

  it('keeps at most its capacity, forgetting the oldest first', () => {
    const tokens = new VerifiedTokens<Checked>(2);
    const verify = jest.fn((t: string): Checked => ({ userId: t.charCodeAt(0), sessionId: undefined, expiresAt: 10_000 }));
    for (const t of ['a', 'b', 'c']) tokens.check(t, verify, 0);
    expect(tokens.size).toBe(2);
    tokens.check('a', verify, 0);
    expect(verify).toHaveBeenCalledTimes(4); // 'a' had been forgotten
  });
});

describe('bearerToken', () => {
  const ctx = (authorization?: unknown) => ({ request: { header: authorization === undefined ? {} : { authorization } } });
  it('reads the token of a Bearer header in any case and spacing, and nothing else', () => {
    expect(bearerToken(ctx('Bearer abc.def.ghi'))).toBe('abc.def.ghi');
    expect(bearerToken(ctx('bearer   abc  '))).toBe('abc');
    expect(bearerToken(ctx('Basic abc'))).toBeNull();
    expect(bearerToken(ctx('Bearer'))).toBeNull();
    expect(bearerToken(ctx('Bearer a b'))).toBeNull();
    expect(bearerToken(ctx())).toBeNull();
    expect(bearerToken(ctx(['Bearer abc']))).toBeNull();
  });
});
