/**
 * Member API rate limits, on one CMS with its limits turned on (the suite's other CMSs run without):
 * 429 RATE_LIMITED with Retry-After per member and class, per address for anonymous calls, and nothing
 * for WeChat's notifications, probes or the staff admin API.
 */
import { useCms, loginMember, type Member } from '../../support';

const LIMITS = {
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_READ: '5',
  RATE_LIMIT_WRITE: '3',
  RATE_LIMIT_SENSITIVE: '50',
  RATE_LIMIT_IP_READ: '1000',
  RATE_LIMIT_IP_WRITE: '1000',
  RATE_LIMIT_IP_SENSITIVE: '6',
};

const cms = useCms({ env: LIMITS });
let alice: Member;
let bob: Member;
beforeAll(async () => {
  alice = await loginMember(cms); // 2 of the address's 6 sensitive points (logins)
  bob = await loginMember(cms);
}, 120_000);
describe('member rate limits', () => {
  it("refuses a member's read over the budget with 429 RATE_LIMITED and Retry-After; another member is unaffected", async () => {
    for (let i = 0; i < 5; i += 1) expect((await cms.api.get('/api/payments/wallet').set(alice.auth)).status).toBe(200);
    const refused = await cms.api.get('/api/payments/wallet').set(alice.auth);
    expect(refused.status).toBe(429);
    expect(refused.body.error.details).toMatchObject({ code: 'RATE_LIMITED', class: 'read', scope: 'member' });
    expect(refused.body.error.message).toMatch(/wait \d+ seconds? and try again/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Same address, another member: their own budget.
    expect((await cms.api.get('/api/payments/wallet').set(bob.auth)).status).toBe(200);
    // Another class of the same member still has its budget.
    expect((await cms.api.put('/api/me/profile').set(alice.auth).send({ nickname: '小艾' })).status).toBe(200);
  });

  it('counts writes on their own budget, whatever the answer was', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await cms.api.post('/api/booking/quotes').set(bob.auth).send({})).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
  });

  it('does not limit WeChat notifications, probes or the staff admin API', async () => {
    for (let i = 0; i < 12; i += 1) {
      expect((await cms.api.post('/api/payments/wechat/notify').set('Content-Type', 'application/json').send('{}')).status).not.toBe(429);
      expect((await cms.api.get('/api/health')).status).toBe(200);
      expect((await cms.api.get('/booking/bookings')).status).not.toBe(429);
    }
  });

  it('limits anonymous sensitive calls (login) per address, and a forged X-Forwarded-For does not reset it without TRUST_PROXY', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const code = cms.emulator.issueCode({ openid: `o_rl_${i}_${Date.now()}` });
      statuses.push((await cms.api.post('/api/auth/wechat/login').set('X-Forwarded-For', `203.0.113.${i}`).send({ code })).status);
    }
    // Two logins were spent in beforeAll: 4 more pass, then the address is out of sensitive budget.
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    // A member's reads are not sensitive: unaffected.
    expect((await cms.api.get('/api/payments/wallet').set(bob.auth)).status).toBe(200);
  });
});
