/**
 * Database down (issue 9, item 11): while MariaDB is unreachable every request answers
 * 503 SERVICE_UNAVAILABLE with a Retry-After hint – never a bare 500, and never 401 for a valid token –
 * and when it is back the same process serves again, with no partial write left by the outage.
 *
 * The CMS reaches MariaDB through a TCP proxy this test cuts and restores, so the shared MariaDB keeps
 * running. MariaDB only: SQLite is a file, it does not go down.
 */
import { startCms, usingMariaDb, type TestCms, loginMember, type Member, createRoom, fund, range, iso, balance, startTcpProxy, type TcpProxy } from '../../support';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const dbConfig = require('../../support/db-config');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { checkLedger } = require('../../../scripts/check-ledger');

const maybe = usingMariaDb() ? describe : describe.skip;

maybe('the database goes down and comes back', () => {
  let cms: TestCms;
  let proxy: TcpProxy;
  let member: Member;
  let seats: any[];
  let room: any;

  beforeAll(async () => {
    const db = dbConfig.adminConnection();
    proxy = await startTcpProxy({ host: db.host, port: db.port });
    cms = await startCms({ env: { DATABASE_PORT: String(proxy.port), DATABASE_CONNECTION_TIMEOUT: '3000' } });
    member = await loginMember(cms);
    await fund(cms, member.id, 10_000);
    ({ room, seats } = await createRoom(cms, { seats: 3 }));
  }, 300_000);
  afterAll(async () => {
    proxy?.restore();
    await cms?.close();
    await proxy?.close();
  });

  const expect503 = (res: any) => {
    expect({ status: res.status, code: res.body?.error?.details?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.error.message).toMatch(/try again/);
  };

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After while it is down, 200 again once it is back', async () => {
    const slot = range(3, 1);
    const ok = await cms.api.get('/api/users/me').set(member.auth);
    expect(ok.status).toBe(200);

    proxy.cut();

    // The member's token and profile are kept in memory (member-auth and profile caches): still answered.
    const me = await cms.api.get('/api/users/me').set(member.auth);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(member.id);
    // A member with a valid token is not told to log in again.
    expect503(await cms.api.get('/api/payments/wallet').set(member.auth));
    expect503(await cms.api.get('/api/booking/bookings').set(member.auth));
    expect503(
      await cms.api
        .post('/api/booking/bookings')
        .set(member.auth)
        .set('Idempotency-Key', 'during-outage')
        .send({ seat: seats[0].documentId, start: iso(slot.start), end: iso(slot.end), payWith: 'wallet' }),
    );
    // The store's settings are kept in memory (parameters cache): still answered while the database is away.
    const settings = await cms.api.get('/api/settings/public');
    expect(settings.status).toBe(200);
    expect(settings.body.data.storeTimezone).toBe('Asia/Shanghai');
    // Other reads of the database, and logging in.
    expect503(await cms.api.get('/api/announcements').set(member.auth));
    expect503(await cms.api.post('/api/auth/wechat/login').send({ code: cms.emulator.issueCode({ openid: 'o_outage' }) }));
    const health = await cms.api.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.db).toBe('down');

    proxy.restore();

    // The same process recovers without a restart.
    let back = 0;
    for (let i = 0; i < 50 && back !== 200; i += 1) {
      back = (await cms.api.get('/api/health')).status;
      if (back !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(back).toBe(200);
    expect((await cms.api.get('/api/users/me').set(member.auth)).status).toBe(200);

    // No partial write: the booking tried during the outage does not exist, the seat is free, the money untouched.
    expect(await balance(cms, member)).toBe(10_000);
    const mine = await cms.api.get('/api/booking/bookings').set(member.auth);
    expect(mine.body.data).toEqual([]);
    const retried = await cms.api
      .post('/api/booking/bookings')
      .set(member.auth)
      .set('Idempotency-Key', 'during-outage')
      .send({ seat: seats[0].documentId, start: iso(slot.start), end: iso(slot.end), payWith: 'wallet' });
    expect(retried.status).toBe(201);
    expect(await balance(cms, member)).toBe(10_000 - retried.body.data.total_fen);
    const report = await checkLedger(cms.strapi.db.connection);
    expect(report.problems).toEqual([]);
    void room;
  }, 90_000);
});
