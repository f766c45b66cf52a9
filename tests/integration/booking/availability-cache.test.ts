import { spawn, type ChildProcess } from 'child_process';
import path from 'path';
import { startCms, freePort, DIST_DIR, type TestCms, createRoom, loginMember, type Member, book, fund, iso, range } from '../../support';

/** A Redis of this test's own, so stopping it affects nobody else. */
async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 50; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    const ok = await new Promise<boolean>((resolve) => {
      const s = require('net').connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) break;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

describe('availability of a room for a day: cached, invalidated by every change, right without Redis', () => {
  let cms: TestCms;
  let redis: { url: string; stop(): Promise<void> };
  let room: any;
  let seats: any[];
  let viewer: Member;
  beforeAll(async () => {
    redis = await startRedis();
    cms = await startCms({ env: { REDIS_URL: redis.url, REDIS_PREFIX: 'avail-test:' } });
    ({ room, seats } = await createRoom(cms, { seats: 3 }));
    viewer = await loginMember(cms);
    // The client connects in the background while Strapi boots; wait until health sees it.
    for (let i = 0; i < 100 && (await cms.api.get('/api/health')).body.redis !== 'up'; i += 1) await new Promise((r) => setTimeout(r, 100));
    // In-process caches are trusted once this process hears its own heartbeat through Redis.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { runtime } = require(path.join(DIST_DIR, 'src', 'platform', 'runtime'));
    for (let i = 0; i < 100 && !runtime().bus.trusted(); i += 1) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    await cms?.close();
    await redis?.stop().catch(() => undefined);
  });

  const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const view = (date: string, who: Member = viewer) => cms.api.get(`/api/booking/rooms/${room.documentId}/availability?date=${date}`).set(who.auth);
  const takenOf = (res: any, seatIdx: number) => res.body.data.seats.find((s: any) => s.id === seats[seatIdx].documentId).taken;

  it('a second read comes from the cache; a booking invalidates it; "mine" marks my own ranges only', async () => {
    // 10:00–12:00 of the store's day after tomorrow: a day's view shows only that day's part of a range that
    // crosses midnight, so a range "26 hours from now" failed whenever the suite ran between 20:00 and 22:00 in Shanghai.
    const start = new Date(`${dayOf(range(48, 0).start)}T10:00:00+08:00`);
    const end = new Date(start.getTime() + 2 * 3600_000);
    const date = dayOf(start);
    const first = await view(date);
    expect(first.status).toBe(200);
    expect(first.headers['x-availability-source']).toBe('database');
    // The day is prepared in this process as it is answered: the very next read is served from it.
    expect((await view(date)).headers['x-availability-source']).toBe('cache');

    const m = await loginMember(cms);
    await fund(cms, m.id, 10_000);
    const b = await book(cms, m, { seat: seats[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
    expect(b.status).toBe(201);

    const after = await view(date);
    expect(after.headers['x-availability-source']).toBe('database');
    expect(takenOf(after, 0)).toEqual([{ start: b.body.data.start, end: b.body.data.end, state: 'booked', mine: false }]);
    const mine = await view(date, m);
    expect(takenOf(mine, 0)[0].mine).toBe(true);
    // The member's own ranges are listed once more under "mine"; another member's list is empty.
    expect(mine.body.data.mine).toEqual([{ seat: seats[0].documentId, start: b.body.data.start, end: b.body.data.end, state: 'booked' }]);
    expect(after.body.data.mine).toEqual([]);
    expect((await view(date, m)).headers['x-availability-source']).toBe('cache');

    await cms.api.post(`/api/booking/bookings/${b.body.data.id}/cancel`).set(m.auth).send({});
    const cancelled = await view(date);
    expect(cancelled.headers['x-availability-source']).toBe('database');
    expect(takenOf(cancelled, 0)).toEqual([]);
  });

  it('the room list counts a booked seat as taken at once, though its counts are cached, and free again after a cancel', async () => {
    const { start, end } = range(50, 2);
    const listed = async () => {
      const res = await cms.api.get(`/api/booking/rooms?from=${encodeURIComponent(iso(start))}&to=${encodeURIComponent(iso(end))}`).set(viewer.auth);
      expect(res.status).toBe(200);
      return res.body.data.find((r: any) => r.id === room.documentId).freeSeats;
    };
    const before = await listed();
    expect(await listed()).toBe(before); // served from the cache of this window

    const m = await loginMember(cms);
    await fund(cms, m.id, 10_000);
    const b = await book(cms, m, { seat: seats[2].documentId, start: iso(start), end: iso(new Date(start.getTime() + 3600_000)), payWith: 'wallet' });
    expect(b.status).toBe(201);
    expect(await listed()).toBe(before - 1);

    await cms.api.post(`/api/booking/bookings/${b.body.data.id}/cancel`).set(m.auth).send({});
    expect(await listed()).toBe(before);
  });

  it('a bad date is VALIDATION; an unknown room NOT_FOUND', async () => {
    expect((await cms.api.get(`/api/booking/rooms/${room.documentId}/availability?date=2026-13-40`).set(viewer.auth)).body.error.details.code).toBe('VALIDATION');
    expect((await cms.api.get(`/api/booking/rooms/nope/availability?date=2026-05-20`).set(viewer.auth)).status).toBe(404);
  });

  it('with Redis stopped, availability comes from the database and stays right; bookings go on', async () => {
    const { start, end } = range(30, 1);
    const date = dayOf(start);
    await view(date);
    await redis.stop();
    const m = await loginMember(cms);
    await fund(cms, m.id, 10_000);
    const b = await book(cms, m, { seat: seats[1].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
    expect(b.status).toBe(201);
    const res = await view(date);
    expect(res.status).toBe(200);
    expect(res.headers['x-availability-source']).toBe('database');
    expect(takenOf(res, 1)).toEqual([expect.objectContaining({ state: 'booked', start: b.body.data.start })]);
    const health = await cms.api.get('/api/health');
    expect(health.body.redis).toBe('down');
  });
});
