/**
 * Redis faults (issue 9, item 11), on MariaDB + Redis with two CMS processes that reach Redis through a
 * TCP proxy this test controls:
 * - a Redis outage: bookings made while it is down are on every seat map once it is back with its old
 *   data (the cache version lives in the database, so Redis cannot miss a bump);
 * - a frozen Redis (connections open, nothing answered): seat maps and bookings are answered while it is
 *   still frozen, from the database, and the cache catches up after the thaw.
 */
import { startCms, usingMariaDb, type TestCms, spawnSibling, type CmsProcess, createRoom, loginMember, type Member, book, fund, iso, range, startTcpProxy, type TcpProxy } from '../../support';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const dbConfig = require('../../support/db-config');

const maybe = usingMariaDb() ? describe : describe.skip;

maybe('Redis down or frozen under two CMS processes', () => {
  let proxy: TcpProxy;
  let cms: TestCms;
  let sibling: CmsProcess;
  let room: any;
  let seats: any[];
  let member: Member;

  beforeAll(async () => {
    const redis = new URL(dbConfig.redisUrl());
    proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    cms = await startCms({ env: { REDIS_URL: proxy.url('redis'), REDIS_COMMAND_TIMEOUT_MS: '300' } });
    sibling = await spawnSibling(cms);
    ({ room, seats } = await createRoom(cms, { seats: 4 }));
    member = await loginMember(cms);
    await fund(cms, member.id, 100_000);
    await redisUpEverywhere();
  }, 300_000);
  afterAll(async () => {
    proxy?.restore();
    await sibling?.stop();
    await cms?.close();
    await proxy?.close();
  });

  const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  async function view(base: string, date: string) {
    const res = await fetch(`${base}/api/booking/rooms/${room.documentId}/availability?date=${date}`, { headers: member.auth });
    return { status: res.status, source: res.headers.get('x-availability-source'), body: (await res.json()) as any };
  }
  const takenOf = (v: { body: any }, seat: any) => v.body.data.seats.find((s: any) => s.id === seat.documentId).taken.map((t: any) => t.start);
  async function redisUpEverywhere() {
    for (const base of [cms.url, sibling.url]) {
      for (let i = 0; i < 100; i += 1) {
        const h = (await (await fetch(`${base}/api/health`)).json()) as any;
        if (h.redis === 'up') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // Past the short pause a failed command puts on Redis use.
    await new Promise((r) => setTimeout(r, 1100));
  }
  /** Resolves with the answer and whether it came while Redis was still frozen. */
  async function whileFrozen<T>(request: Promise<T>): Promise<{ answer: T; stillFrozen: boolean; ms: number }> {
    const t0 = Date.now();
    const answer = await request;
    return { answer, stillFrozen: proxy.state === 'frozen', ms: Date.now() - t0 };
  }

  it('a booking made while Redis is down is on both processes\u2019 seat maps once Redis is back with its old data', async () => {
    const slot = range(30, 2);
    const date = dayOf(slot.start);
    // Both processes have the day cached.
    for (const base of [cms.url, sibling.url]) await view(base, date);
    expect((await view(cms.url, date)).source).toBe('cache');
    expect((await view(sibling.url, date)).source).toBe('cache');

    proxy.cut();
    const booked = await book(cms, member, { seat: seats[0].documentId, start: iso(slot.start), end: iso(slot.end), payWith: 'wallet' }, 'redis-down-1');
    expect(booked.status).toBe(201);
    // While it is down both processes answer from the database, with the booking.
    for (const base of [cms.url, sibling.url]) {
      const v = await view(base, date);
      expect(v.status).toBe(200);
      expect(v.source).toBe('database');
      expect(takenOf(v, seats[0])).toHaveLength(1);
    }
    // Each process now keeps that day prepared under the database's version: a second booking during the
    // outage moves the version, so neither serves the day it prepared a moment ago.
    const again = await book(cms, member, { seat: seats[1].documentId, start: iso(slot.start), end: iso(slot.end), payWith: 'wallet' }, 'redis-down-2');
    expect(again.status).toBe(201);
    for (const base of [cms.url, sibling.url]) {
      const v = await view(base, date);
      expect(v.source).toBe('database');
      expect(takenOf(v, seats[0])).toHaveLength(1);
      expect(takenOf(v, seats[1])).toHaveLength(1);
    }

    // Redis returns with everything it had before the outage, the pre-booking day included.
    proxy.restore();
    await redisUpEverywhere();
    for (const base of [cms.url, sibling.url]) {
      const first = await view(base, date);
      const second = await view(base, date);
      expect(takenOf(first, seats[0])).toHaveLength(1);
      expect(takenOf(second, seats[0])).toHaveLength(1);
      expect(takenOf(second, seats[1])).toHaveLength(1);
      expect(second.source).toBe('cache');
    }
  }, 60_000);

  it('a frozen Redis holds neither seat maps nor bookings, and the cache catches up after the thaw', async () => {
    const slot = range(36, 1);
    const date = dayOf(slot.start);
    await view(cms.url, date);
    expect((await view(cms.url, date)).source).toBe('cache');

    proxy.freeze();
    // A watchdog thaws Redis after a while, so a request that waits for Redis shows up as an answer
    // that came too late (stillFrozen false) instead of a hung test.
    const watchdog = setTimeout(() => proxy.restore(), 10_000);
    // Without a command timeout each of these would wait for as long as Redis stays frozen.
    const reads = await Promise.all([whileFrozen(view(cms.url, date)), whileFrozen(view(sibling.url, date))]);
    for (const r of reads) {
      expect(r.stillFrozen).toBe(true);
      expect(r.answer.status).toBe(200);
      expect(r.answer.source).toBe('database');
    }
    // Its own seat: at some hours of the day this slot falls on the same store day as the first test's.
    const booking = await whileFrozen(book(cms, member, { seat: seats[2].documentId, start: iso(slot.start), end: iso(slot.end), payWith: 'wallet' }, 'redis-frozen-1'));
    expect(booking.stillFrozen).toBe(true);
    expect(booking.answer.status).toBe(201);
    const after = await whileFrozen(view(sibling.url, date));
    expect(after.stillFrozen).toBe(true);
    expect(takenOf(after.answer, seats[2])).toHaveLength(1);
    console.log(`frozen Redis: seat maps in ${reads.map((r) => r.ms).join(' / ')} ms, booking in ${booking.ms} ms, map after booking in ${after.ms} ms`);

    clearTimeout(watchdog);
    proxy.restore();
    await redisUpEverywhere();
    for (const base of [cms.url, sibling.url]) {
      await view(base, date);
      const cached = await view(base, date);
      expect(cached.source).toBe('cache');
      expect(takenOf(cached, seats[2])).toHaveLength(1);
    }
  }, 60_000);
});
