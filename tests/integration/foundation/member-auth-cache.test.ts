/**
 * Member authentication from the in-process cache (issue 9, item 1), on two CMS processes sharing
 * MariaDB and Redis: a cached member costs no authentication statements, and a block or a logout on
 * one process is refused on the other within a second (Redis pub/sub invalidation).
 */
import path from 'path';
import { useCms, usingMariaDb, DIST_DIR, spawnSibling, type CmsProcess, loginMember } from '../../support';

const maybe = usingMariaDb() ? describe : describe.skip;

maybe('member auth cache across two processes', () => {
  const cms = useCms();
  let sibling: CmsProcess;
  beforeAll(async () => {
    sibling = await spawnSibling(cms);
  }, 300_000);
  afterAll(async () => {
    await sibling?.stop();
  });

  const onSibling = (path: string, auth: Record<string, string>) => fetch(`${sibling.url}${path}`, { headers: auth });

  /** Polls the sibling until it answers `status`; returns how long that took (ms), or -1. */
  async function untilSiblingSays(path: string, auth: Record<string, string>, status: number, limitMs = 5000) {
    const t0 = Date.now();
    while (Date.now() - t0 < limitMs) {
      if ((await onSibling(path, auth)).status === status) return Date.now() - t0;
      await new Promise((r) => setTimeout(r, 20));
    }
    return -1;
  }

  it('a member served from the cache costs no authentication statements', async () => {
    const m = await loginMember(cms);
    // This process trusts its cache once it hears its own heartbeat through Redis.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { runtime } = require(path.join(DIST_DIR, 'src', 'platform', 'runtime'));
    for (let i = 0; i < 100 && !runtime().memberAuth.trusted(); i += 1) await new Promise((r) => setTimeout(r, 50));
    let statements = 0;
    const count = () => (statements += 1);
    cms.strapi.db.connection.on('query', count);
    try {
      await cms.api.get('/api/payments/wallet').set(m.auth); // fills the cache
      statements = 0;
      const cached = await cms.api.get('/api/payments/wallet').set(m.auth);
      expect(cached.status).toBe(200);
      const warm = statements;
      // The same member on a token of a new session is a miss (its session is checked once).
      const again = await loginMember(cms, m.openid);
      statements = 0;
      await cms.api.get('/api/payments/wallet').set(again.auth);
      const miss = statements;
      console.log(`statements per wallet read: ${warm} with the member cached, ${miss} on a miss`);
      expect(warm).toBeLessThan(miss);
      expect(miss - warm).toBeGreaterThanOrEqual(4);
    } finally {
      cms.strapi.db.connection.off('query', count);
    }
  });

  it('a member blocked on one process is refused on the other within a second, and let in again when unblocked', async () => {
    const m = await loginMember(cms);
    expect((await onSibling('/api/payments/wallet', m.auth)).status).toBe(200);
    expect((await onSibling('/api/payments/wallet', m.auth)).status).toBe(200); // cached there now

    await cms.strapi.db.query('plugin::users-permissions.user').update({ where: { id: m.id }, data: { blocked: true } });
    const refusedAfter = await untilSiblingSays('/api/payments/wallet', m.auth, 401);
    console.log(`block seen by the other process after ${refusedAfter} ms`);
    expect(refusedAfter).toBeGreaterThanOrEqual(0);
    expect(refusedAfter).toBeLessThan(1000);

    await cms.strapi.db.query('plugin::users-permissions.user').update({ where: { id: m.id }, data: { blocked: false } });
    expect(await untilSiblingSays('/api/payments/wallet', m.auth, 200)).toBeGreaterThanOrEqual(0);
  });

  it('a logout on one process ends the access token on the other within a second', async () => {
    const m = await loginMember(cms);
    expect((await onSibling('/api/payments/wallet', m.auth)).status).toBe(200);
    expect((await onSibling('/api/payments/wallet', m.auth)).status).toBe(200);

    const out = await cms.api.post('/api/auth/logout').set(m.auth).send({});
    expect(out.status).toBe(200);
    const refusedAfter = await untilSiblingSays('/api/payments/wallet', m.auth, 401);
    console.log(`logout seen by the other process after ${refusedAfter} ms`);
    expect(refusedAfter).toBeGreaterThanOrEqual(0);
    expect(refusedAfter).toBeLessThan(1000);
    // And on this process.
    expect((await cms.api.get('/api/payments/wallet').set(m.auth)).status).toBe(401);
  });

  it('Strapi\u2019s sweep of expired sessions (every fifty logins) leaves cached members cached', async () => {
    const m = await loginMember(cms);
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { runtime } = require(path.join(DIST_DIR, 'src', 'platform', 'runtime'));
    for (let i = 0; i < 100 && !runtime().memberAuth.trusted(); i += 1) await new Promise((r) => setTimeout(r, 50));
    const memberRowReads = async () => {
      let reads = 0;
      const count = (q: any) => (reads += /from `up_users`/i.test(String(q.sql)) ? 1 : 0);
      cms.strapi.db.connection.on('query', count);
      try {
        expect((await cms.api.get('/api/payments/wallet').set(m.auth)).status).toBe(200);
      } finally {
        cms.strapi.db.connection.off('query', count);
      }
      return reads;
    };
    await memberRowReads(); // fills the cache
    expect(await memberRowReads()).toBe(0);

    // An expired session for the sweep to find, then enough logins for Strapi to run it.
    const lapsed = await loginMember(cms);
    const sessions = cms.strapi.db.query('admin::session');
    await sessions.updateMany({ where: { userId: String(lapsed.id) }, data: { absoluteExpiresAt: new Date(Date.now() - 60_000) } });
    for (let i = 0; i < 55; i += 1) await loginMember(cms);
    expect(await sessions.count({ where: { userId: String(lapsed.id) } })).toBe(0); // the sweep ran

    expect(await memberRowReads()).toBe(0); // still served from the cache
  });
});
