/**
 * Live seat status across two CMS processes on one MariaDB and one Redis: a booking committed on one
 * process reaches a socket subscribed on the other within a second, with the next availability version;
 * a ban applied through one closes the member's socket on the other.
 */
import { useCms, usingMariaDb, spawnSibling, type CmsProcess, loginMember, banMember, createRoom, book, fund, range, iso, openLive, type LiveClient } from '../../support';

(usingMariaDb() ? describe : describe.skip)('live seat status across two CMS processes (MariaDB + Redis)', () => {
  const cms = useCms();
  let sibling: CmsProcess;
  const sockets: LiveClient[] = [];
  beforeAll(async () => {
    sibling = await spawnSibling(cms);
  }, 180_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await sibling?.stop();
  });

  it('a booking on one process reaches a socket on the other within a second, with the next version', async () => {
    const watcher = await loginMember(cms);
    const booker = await loginMember(cms);
    await fund(cms, booker.id, 500_00);
    const { room, seats } = await createRoom(cms, { seats: 2 });
    const r = range(30, 2);
    const date = new Date(r.start.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

    const c = await openLive(sibling.url);
    sockets.push(c);
    c.send({ type: 'auth', token: watcher.jwt });
    await c.next((m) => m.type === 'ready');
    c.send({ type: 'subscribe', room: room.documentId, date });
    const { version } = await c.next((m) => m.type === 'subscribed');
    expect(typeof version).toBe('number');

    const res = await book(cms, booker, { seat: seats[0].documentId, start: iso(r.start), end: iso(r.end), payWith: 'wallet' });
    expect(res.status).toBe(201);
    const committedAt = Date.now(); // the answer comes after the commit
    const push = await c.next((m) => m.type === 'seats', 1000);
    expect(Date.now() - committedAt).toBeLessThan(1000);
    expect(push).toEqual({
      type: 'seats',
      room: room.documentId,
      date,
      version: version + 1,
      changes: [{ seat: seats[0].documentId, start: res.body.data.start, end: res.body.data.end, state: 'booked' }],
    });
  });

  it('a ban written through one process closes the member on the other', async () => {
    const m = await loginMember(cms);
    const c = await openLive(sibling.url);
    sockets.push(c);
    c.send({ type: 'auth', token: m.jwt });
    await c.next((x) => x.type === 'ready');
    await banMember(cms, m.id, new Date(Date.now() + 86_400_000), 'repeated no-shows');
    expect(await c.next((x) => x.type === 'error', 2000)).toMatchObject({ code: 'BANNED' });
    expect((await c.closed).code).toBe(4403);
  });
});
