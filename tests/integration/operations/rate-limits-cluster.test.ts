/**
 * Two CMS processes on one MariaDB and one Redis: a member's budget is one budget, whichever process
 * answers (the limiter counts in Redis, not in the process).
 */
import { useCms, usingMariaDb, spawnSibling, type CmsProcess, loginMember } from '../../support';

const LIMITS = {
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_READ: '6',
  RATE_LIMIT_WRITE: '100',
  RATE_LIMIT_SENSITIVE: '100',
  RATE_LIMIT_IP_READ: '1000',
  RATE_LIMIT_IP_WRITE: '1000',
  RATE_LIMIT_IP_SENSITIVE: '1000',
};

(usingMariaDb() ? describe : describe.skip)('rate limits across two CMS processes (MariaDB + Redis)', () => {
  const cms = useCms({ env: LIMITS });
  let sibling: CmsProcess;
  beforeAll(async () => {
    sibling = await spawnSibling(cms);
  }, 180_000);
  afterAll(async () => {
    await sibling?.stop();
  });

  it("shares a member's budget: 6 reads in all, alternating processes, then 429 on both", async () => {
    const m = await loginMember(cms);
    const urls = [cms.url, sibling.url];
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const res = await fetch(`${urls[i % 2]}/api/payments/wallet`, { headers: m.auth });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect((await res.json()).error.details.code).toBe('RATE_LIMITED');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);

    // A second member has a budget of their own on both processes.
    const other = await loginMember(cms);
    expect((await fetch(`${sibling.url}/api/payments/wallet`, { headers: other.auth })).status).toBe(200);
  });

  it('concurrent reads on both processes never exceed the shared budget', async () => {
    const m = await loginMember(cms);
    const urls = [cms.url, sibling.url];
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${urls[i % 2]}/api/payments/wallet`, { headers: m.auth }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(14);
  });
});
