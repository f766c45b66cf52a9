/**
 * Live seat status on one CMS (/api/live, in-process bus without Redis; on MariaDB the same through
 * Redis): authentication, subscriptions, pushes of committed changes with the availability version,
 * caps, and the close on logout and ban.
 */
import { useCms, loginMember, banMember, type Member, createRoom, book, fund, range, iso, openLive, type LiveClient } from '../../support';

const cms = useCms({ env: { LIVE_MAX_SUBSCRIPTIONS: '3', LIVE_AUTH_TIMEOUT_MS: '1500', METRICS_TOKEN: 'live-metrics' } });
let watcher: Member;
let booker: Member;
let room: any;
let seats: any[];
const open: LiveClient[] = [];

beforeAll(async () => {
  watcher = await loginMember(cms);
  booker = await loginMember(cms);
  await fund(cms, booker.id, 500_00);
  ({ room, seats } = await createRoom(cms, { seats: 3 }));
}, 120_000);
afterAll(async () => {
  for (const c of open) c.close();
});

async function live() {
  const c = await openLive(cms.url);
  open.push(c);
  return c;
}
async function authed(member: Member) {
  const c = await live();
  c.send({ type: 'auth', token: member.jwt });
  await c.next((m) => m.type === 'ready');
  return c;
}
/** The store-local day of an instant (the store is in Asia/Shanghai, +08:00). */
const localDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

describe('/api/live', () => {
  it('asks for authentication first, and refuses a bad token with a code and a close', async () => {
    const a = await live();
    a.send({ type: 'subscribe', room: room.documentId, date: '2030-01-01' });
    expect(await a.next((m) => m.type === 'error')).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await a.closed).code).toBe(4401);

    const b = await live();
    b.send({ type: 'auth', token: 'not.a.jwt' });
    expect(await b.next((m) => m.type === 'error')).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await b.closed).code).toBe(4401);

    const c = await live(); // says nothing
    expect((await c.closed).code).toBe(4408);
  });

  it('pushes a booking and its cancellation to a subscriber within a second, each with the next version', async () => {
    const r = range(30, 1);
    const date = localDay(r.start);
    const c = await authed(watcher);
    c.send({ type: 'subscribe', room: room.documentId, date });
    const subscribed = await c.next((m) => m.type === 'subscribed');
    expect(subscribed).toMatchObject({ room: room.documentId, date });
    const v0 = subscribed.version ?? 0;

    const t0 = Date.now();
    const res = await book(cms, booker, { seat: seats[1].documentId, start: iso(r.start), end: iso(r.end), payWith: 'wallet' });
    expect(res.status).toBe(201);
    const booked = await c.next((m) => m.type === 'seats', 1000);
    expect(Date.now() - t0).toBeLessThan(1000 + 2000); // the request itself included
    expect(Object.keys(booked).sort()).toEqual(['changes', 'date', 'room', 'type', 'version']);
    expect(booked).toMatchObject({ type: 'seats', room: room.documentId, date, version: v0 + 1 });
    expect(booked.changes).toEqual([{ seat: seats[1].documentId, start: res.body.data.start, end: res.body.data.end, state: 'booked' }]);

    // The day as the REST API shows it agrees with the push.
    const day = await cms.api.get(`/api/booking/rooms/${room.documentId}/availability?date=${date}`).set(watcher.auth);
    expect(day.body.data.seats.find((s: any) => s.id === seats[1].documentId).taken).toEqual([expect.objectContaining({ start: res.body.data.start, end: res.body.data.end, state: 'booked', mine: false })]);

    expect((await cms.api.post(`/api/booking/bookings/${res.body.data.id}/cancel`).set(booker.auth).send({})).status).toBe(200);
    const freed = await c.next((m) => m.type === 'seats', 1000);
    expect(freed).toMatchObject({ version: v0 + 2, changes: [{ seat: seats[1].documentId, state: 'free', end: res.body.data.end }] });
  });

  it('does not push other room-days, and stops after unsubscribe', async () => {
    const r = range(54, 1);
    const c = await authed(watcher);
    c.send({ type: 'subscribe', room: room.documentId, date: '2031-02-03' });
    await c.next((m) => m.type === 'subscribed');
    expect((await book(cms, booker, { seat: seats[0].documentId, start: iso(r.start), end: iso(r.end), payWith: 'wallet' })).status).toBe(201);
    await new Promise((done) => setTimeout(done, 400));
    expect(c.messages.filter((m) => m.type === 'seats')).toEqual([]);

    c.send({ type: 'subscribe', room: room.documentId, date: localDay(r.start) });
    await c.next((m) => m.type === 'subscribed' && m.date === localDay(r.start));
    c.send({ type: 'unsubscribe', room: room.documentId, date: localDay(r.start) });
    await c.next((m) => m.type === 'unsubscribed');
    const r2 = { start: new Date(r.start.getTime() + 3600_000), end: new Date(r.end.getTime() + 3600_000) };
    expect((await book(cms, booker, { seat: seats[0].documentId, start: iso(r2.start), end: iso(r2.end), payWith: 'wallet' })).status).toBe(201);
    await new Promise((done) => setTimeout(done, 400));
    expect(c.messages.filter((m) => m.type === 'seats')).toEqual([]);
  });

  it('caps subscriptions per socket, checks the room and the message', async () => {
    const c = await authed(watcher);
    for (const date of ['2031-01-01', '2031-01-02', '2031-01-03']) {
      c.send({ type: 'subscribe', room: room.documentId, date });
      await c.next((m) => m.type === 'subscribed' && m.date === date);
    }
    c.send({ type: 'subscribe', room: room.documentId, date: '2031-01-04' });
    expect(await c.next((m) => m.type === 'error')).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    c.send({ type: 'unsubscribe', room: room.documentId, date: '2031-01-03' });
    await c.next((m) => m.type === 'unsubscribed');
    c.send({ type: 'subscribe', room: 'no-such-room', date: '2031-01-04' });
    expect(await c.next((m) => m.type === 'error')).toMatchObject({ code: 'NOT_FOUND' });
    c.send({ type: 'subscribe', room: room.documentId, date: 'tomorrow' });
    expect(await c.next((m) => m.type === 'error')).toMatchObject({ code: 'VALIDATION' });
    c.ws.send('not json');
    expect(await c.next((m) => m.type === 'error')).toMatchObject({ code: 'VALIDATION' });
    expect(c.ws.readyState).toBe(c.ws.OPEN);
  });

  it('counts open sockets in the metrics', async () => {
    const c = await authed(watcher);
    const text = (await cms.api.get('/api/metrics').set('Authorization', 'Bearer live-metrics')).text;
    const n = Number(/^live_sockets_open (\d+)$/m.exec(text)?.[1]);
    expect(n).toBeGreaterThanOrEqual(1);
    c.close();
  });

  it("closes a member's sockets when they log out, and refuses and closes a banned member's", async () => {
    const m = await loginMember(cms);
    const c = await authed(m);
    expect((await cms.api.post('/api/auth/logout').set(m.auth).send({})).status).toBe(200);
    expect(await c.next((x) => x.type === 'error', 2000)).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await c.closed).code).toBe(4401);

    const banned = await loginMember(cms);
    const d = await authed(banned);
    await banMember(cms, banned.id, new Date(Date.now() + 86_400_000), 'no-shows');
    expect(await d.next((x) => x.type === 'error', 2000)).toMatchObject({ code: 'BANNED' });
    expect((await d.closed).code).toBe(4403);

    const again = await live();
    again.send({ type: 'auth', token: banned.jwt });
    expect(await again.next((x) => x.type === 'error')).toMatchObject({ code: 'BANNED' });
    expect((await again.closed).code).toBe(4403);
  });
});
