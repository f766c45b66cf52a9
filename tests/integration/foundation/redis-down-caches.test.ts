/**
 * The in-process caches with Redis unreachable (issue 9, items 1 and 2), on MariaDB with two CMS
 * processes whose Redis is a closed port: no process can hear another's invalidations, so cached
 * members, parameters and rooms live under a second. A ban, a block, a logout or a staff edit made on
 * one process is honoured by the other within a second, and while nothing changes the seat map is
 * served without authenticating or reading the room again (one statement: the day's version).
 */
import { useCms, usingMariaDb, spawnSibling, type CmsProcess, createRoom, loginMember, banMember, range, iso, setParameters, within, getFrom, postTo } from '../../support';

const maybe = usingMariaDb() ? describe : describe.skip;

maybe('caches with Redis unreachable on two processes', () => {
  // Nothing listens on port 1: Redis is down for both processes from the start.
  const cms = useCms({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  let sibling: CmsProcess;
  let room: any;
  let seats: any[];
  beforeAll(async () => {
    sibling = await spawnSibling(cms);
    ({ room, seats } = await createRoom(cms, { seats: 2 }));
  }, 300_000);
  afterAll(async () => {
    await sibling?.stop();
  });

  const slot = range(30, 2);
  const date = new Date(slot.start.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const seatMap = () => `/api/booking/rooms/${room.documentId}/availability?date=${date}`;

  it('a repeated seat map costs one statement (the day\u2019s version), and both processes keep answering', async () => {
    const m = await loginMember(cms);
    await cms.api.get(seatMap()).set(m.auth); // fills the member, parameters, room and the prepared day
    let statements = 0;
    const count = () => (statements += 1);
    cms.strapi.db.connection.on('query', count);
    try {
      statements = 0;
      const res = await cms.api.get(seatMap()).set(m.auth);
      expect(res.status).toBe(200);
      expect(res.headers['x-availability-source']).toBe('database');
      console.log(`statements per seat map with Redis unreachable, nothing changed: ${statements}`);
      expect(statements).toBe(1);
    } finally {
      cms.strapi.db.connection.off('query', count);
    }
    for (let i = 0; i < 5; i += 1) expect((await getFrom(sibling.url, seatMap(), m.auth)).status).toBe(200);
  });

  it('members seen a second ago are checked together in a few statements, not each authenticated again', async () => {
    const members = await Promise.all(Array.from({ length: 6 }, () => loginMember(cms)));
    for (const m of members) expect((await cms.api.get(seatMap()).set(m.auth)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 900)); // past the offline lifetime of every cached entry
    const statements: string[] = [];
    const count = (q: any) => statements.push(String(q.sql));
    cms.strapi.db.connection.on('query', count);
    try {
      const answers = await Promise.all(members.map((m) => cms.api.get(seatMap()).set(m.auth)));
      for (const res of answers) expect(res.status).toBe(200);
    } finally {
      cms.strapi.db.connection.off('query', count);
    }
    const memberReads = statements.filter((q) => /from `up_users`/i.test(q));
    console.log(`${members.length} members after a second with Redis down: ${statements.length} statements, ${memberReads.length} reading member rows`);
    expect(memberReads).toHaveLength(1); // one check for all six (a reload reads each member's row)
    expect(statements.filter((q) => /from `strapi_sessions`/i.test(q))).toHaveLength(1);
  });

  it('a role’s permission taken away on one process is refused on the other within a second, and given back', async () => {
    const m = await loginMember(cms);
    // Long enough that the other process has revalidated this member at least once.
    for (let i = 0; i < 12; i += 1) {
      expect((await getFrom(sibling.url, '/api/users/me', m.auth)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
    }
    const permissions = cms.strapi.db.query('plugin::users-permissions.permission');
    const granted = await permissions.findOne({ where: { action: 'plugin::users-permissions.user.me', role: { type: 'authenticated' } }, populate: ['role'] });
    await permissions.delete({ where: { id: granted.id } });
    try {
      const refusedAfter = await within(() => getFrom(sibling.url, '/api/users/me', m.auth), (r) => r.status === 403);
      console.log(`permission change seen by the other process after ${refusedAfter} ms (Redis down)`);
      expect(refusedAfter).toBeGreaterThanOrEqual(0);
      expect(refusedAfter).toBeLessThan(1000);
    } finally {
      await permissions.create({ data: { action: granted.action, role: granted.role.id } });
    }
    expect(await within(() => getFrom(sibling.url, '/api/users/me', m.auth), (r) => r.status === 200)).toBeGreaterThanOrEqual(0);
  });

  it('a member blocked on one process is refused on the other within a second, and let in again when unblocked', async () => {
    const m = await loginMember(cms);
    for (let i = 0; i < 3; i += 1) expect((await getFrom(sibling.url, '/api/payments/wallet', m.auth)).status).toBe(200);

    await cms.strapi.db.query('plugin::users-permissions.user').update({ where: { id: m.id }, data: { blocked: true } });
    const refusedAfter = await within(() => getFrom(sibling.url, '/api/payments/wallet', m.auth), (r) => r.status === 401);
    console.log(`block seen by the other process after ${refusedAfter} ms (Redis down)`);
    expect(refusedAfter).toBeGreaterThanOrEqual(0);
    expect(refusedAfter).toBeLessThan(1000);

    await cms.strapi.db.query('plugin::users-permissions.user').update({ where: { id: m.id }, data: { blocked: false } });
    expect(await within(() => getFrom(sibling.url, '/api/payments/wallet', m.auth), (r) => r.status === 200)).toBeGreaterThanOrEqual(0);
  });

  it('a member banned on one process cannot book on the other within a second', async () => {
    const m = await loginMember(cms);
    // A slot in the past: refused by the rules before the ban, by the ban after it; never booked.
    const past = range(-5, 1);
    const attempt = () => postTo(sibling.url, '/api/booking/bookings', m.auth, { seat: seats[0].documentId, start: iso(past.start), end: iso(past.end), payWith: 'wallet' });
    const before = await attempt();
    expect(before.status).toBeGreaterThanOrEqual(400);
    expect(before.body.error.details.code).not.toBe('BANNED');

    await banMember(cms, m.id, new Date(Date.now() + 24 * 3600_000), 'no-show streak');
    const bannedAfter = await within(attempt, (r) => r.body?.error?.details?.code === 'BANNED');
    console.log(`ban seen by the other process after ${bannedAfter} ms (Redis down)`);
    expect(bannedAfter).toBeGreaterThanOrEqual(0);
    expect(bannedAfter).toBeLessThan(1000);
  });

  it('a logout on one process ends the access token on the other within a second', async () => {
    const m = await loginMember(cms);
    for (let i = 0; i < 3; i += 1) expect((await getFrom(sibling.url, '/api/payments/wallet', m.auth)).status).toBe(200);

    expect((await cms.api.post('/api/auth/logout').set(m.auth).send({})).status).toBe(200);
    expect((await cms.api.get('/api/payments/wallet').set(m.auth)).status).toBe(401); // at once on this process
    const refusedAfter = await within(() => getFrom(sibling.url, '/api/payments/wallet', m.auth), (r) => r.status === 401);
    console.log(`logout seen by the other process after ${refusedAfter} ms (Redis down)`);
    expect(refusedAfter).toBeGreaterThanOrEqual(0);
    expect(refusedAfter).toBeLessThan(1000);
  });

  it('a parameter edit and a renamed room reach the other process\u2019s settings and seat map within a second', async () => {
    const m = await loginMember(cms);
    for (let i = 0; i < 3; i += 1) {
      await getFrom(sibling.url, '/api/settings/public');
      await getFrom(sibling.url, seatMap(), m.auth);
    }

    await setParameters(cms, { customer_service_contact: 'call 400-OFFLINE' });
    expect((await getFrom(cms.url, '/api/settings/public')).body.data.customerServiceContact).toBe('call 400-OFFLINE');
    const param = await within(() => getFrom(sibling.url, '/api/settings/public'), (r) => r.body.data.customerServiceContact === 'call 400-OFFLINE');

    await cms.strapi.documents('api::room.room').update({ documentId: room.documentId, data: { name: 'Renamed offline' } as any });
    expect((await getFrom(cms.url, seatMap(), m.auth)).body.data.room.name).toBe('Renamed offline');
    const renamed = await within(() => getFrom(sibling.url, seatMap(), m.auth), (r) => r.body.data.room.name === 'Renamed offline');
    console.log(`with Redis down, the other process saw the parameter after ${param} ms and the room after ${renamed} ms`);
    for (const ms of [param, renamed]) {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(1000);
    }
  });
});
