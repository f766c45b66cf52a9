import { EventEmitter } from 'events';
import { LiveHub, CLOSE, type LiveDeps } from '../../../cms/src/platform/live/hub';
import { localDaysOf, seatChangesOf, seatStateOf } from '../../../cms/src/plugins/booking/server/src/domain/seat-changes';

/** Just enough of a ws WebSocket: what the hub sends, closes and pings. */
class FakeSocket extends EventEmitter {
  OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: any[] = [];
  closedWith: number | null = null;
  terminated = false;
  pings = 0;
  send(frame: string) {
    this.sent.push(JSON.parse(frame));
  }
  close(code: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
  terminate() {
    this.terminated = true;
    this.readyState = 3;
  }
  ping() {
    this.pings += 1;
  }
  say(msg: unknown) {
    this.emit('message', Buffer.from(JSON.stringify(msg)), false);
  }
}

const deps: LiveDeps = {
  authenticate: async (token) => (token === 'good' ? { ok: true, userId: 7 } : { ok: false, code: 'UNAUTHORIZED', message: 'no' }),
  roomVersion: async (room) => (room === 'r1' ? { ok: true, version: 3 } : { ok: false }),
};
const tick = () => new Promise((r) => setImmediate(r));

async function connected(hub: LiveHub) {
  const ws = new FakeSocket();
  hub.accept(ws as any);
  ws.say({ type: 'auth', token: 'good' });
  await tick();
  ws.say({ type: 'subscribe', room: 'r1', date: '2030-01-01' });
  await tick();
  await tick();
  return ws;
}

describe('live hub', () => {
  const opts = { authTimeoutMs: 10_000, heartbeatMs: 60_000, maxSubscriptions: 2, maxBufferedBytes: 1000 };

  it('serialises a push once per room-day and sends it to its followers only', async () => {
    const hub = new LiveHub(deps, opts);
    const a = await connected(hub);
    expect(a.sent).toEqual([{ type: 'ready' }, { type: 'subscribed', room: 'r1', date: '2030-01-01', version: 3 }]);
    hub.publish({ room: 'r1', date: '2030-01-01', version: 4, changes: [{ seat: 's1', start: 'a', end: 'b', state: 'booked' }] });
    hub.publish({ room: 'r1', date: '2030-01-02', version: 5, changes: [{ seat: 's1', start: 'a', end: 'b', state: 'booked' }] });
    hub.publish({ room: 'r1', date: '2030-01-01', version: null, changes: [] });
    expect(a.sent.slice(2)).toEqual([
      { type: 'seats', room: 'r1', date: '2030-01-01', version: 4, changes: [{ seat: 's1', start: 'a', end: 'b', state: 'booked' }] },
      { type: 'resync', room: 'r1', date: '2030-01-01', version: null },
    ]);
    hub.close();
  });

  it("tells a member's own sockets only (a waiting-list offer), and answers the client's ping", async () => {
    const hub = new LiveHub(deps, opts);
    const mine = await connected(hub);
    const stranger = new FakeSocket();
    hub.accept(stranger as any); // never authenticated: not the member's
    hub.tell(7, { type: 'waitlist_offer', booking: 'b1' });
    hub.tell(8, { type: 'waitlist_offer', booking: 'b2' });
    expect(mine.sent.slice(2)).toEqual([{ type: 'waitlist_offer', booking: 'b1' }]);
    expect(stranger.sent).toEqual([]);
    mine.say({ type: 'ping' });
    await tick();
    expect(mine.sent[mine.sent.length - 1]).toEqual({ type: 'pong' });
    hub.close();
  });

  it('takes a subscribe sent right behind the auth, before the token is checked', async () => {
    const slowAuth: LiveDeps = { ...deps, authenticate: (t) => new Promise((ok) => setTimeout(() => ok(deps.authenticate(t)), 20)) };
    const hub = new LiveHub(slowAuth, opts);
    const ws = new FakeSocket();
    hub.accept(ws as any);
    ws.say({ type: 'auth', token: 'good' });
    ws.say({ type: 'subscribe', room: 'r1', date: '2030-01-01' });
    await new Promise((r) => setTimeout(r, 60));
    expect(ws.sent).toEqual([{ type: 'ready' }, { type: 'subscribed', room: 'r1', date: '2030-01-01', version: 3 }]);
    hub.close();
  });

  it('closes a slow consumer instead of queueing without bound', async () => {
    const hub = new LiveHub(deps, opts);
    const slow = await connected(hub);
    slow.bufferedAmount = 990;
    hub.publish({ room: 'r1', date: '2030-01-01', version: 4, changes: [{ seat: 's1', start: 'a', end: 'b', state: 'booked' }] });
    expect(slow.closedWith).toBe(CLOSE.SLOW_CONSUMER);
    expect(hub.size).toBe(0);
    hub.close();
  });

  it('drops a socket that does not answer a heartbeat', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const hub = new LiveHub(deps, { ...opts, heartbeatMs: 100 });
      const quiet = await connected(hub);
      const lively = await connected(hub);
      jest.advanceTimersByTime(100);
      expect(quiet.pings).toBe(1);
      lively.emit('pong');
      jest.advanceTimersByTime(100);
      expect(quiet.terminated).toBe(true);
      expect(lively.terminated).toBe(false);
      expect(hub.size).toBe(1);
      hub.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('ends all of a member’s sockets on logout or ban', async () => {
    const hub = new LiveHub(deps, opts);
    const a = await connected(hub);
    const b = await connected(hub);
    hub.endMember(7, 'ban');
    expect([a.closedWith, b.closedWith]).toEqual([CLOSE.BANNED, CLOSE.BANNED]);
    expect(a.sent.at(-1)).toMatchObject({ type: 'error', code: 'BANNED' });
    expect(hub.size).toBe(0);
    hub.close();
  });
});

describe('seat changes of a committed booking', () => {
  const start = new Date('2030-01-01T02:00:00Z');
  const end = new Date('2030-01-01T04:00:00Z');
  it('maps statuses to what the seat map shows', () => {
    expect(['pending_payment', 'confirmed', 'checked_in', 'completed', 'cancelled', 'expired', 'no_show'].map(seatStateOf)).toEqual(['held', 'booked', 'booked', 'free', 'free', 'free', 'free']);
  });
  it('frees only the released part of an early check-out', () => {
    const releasedFrom = new Date('2030-01-01T03:00:00Z');
    expect(seatChangesOf({ seat_id: 5, status: 'completed', start_at: start, end_at: end, released_at: releasedFrom })).toEqual([{ seatId: 5, start: releasedFrom, end, state: 'free' }]);
    expect(seatChangesOf({ seat_id: 5, status: 'confirmed', start_at: start, end_at: end })).toEqual([{ seatId: 5, start, end, state: 'booked' }]);
    expect(seatChangesOf({ seat_id: 5, status: 'completed', start_at: start, end_at: end, released_at: end })).toEqual([]);
  });
  it('lists every local day a range touches', () => {
    expect(localDaysOf(new Date('2030-01-01T15:00:00Z'), new Date('2030-01-01T17:00:00Z'), 'Asia/Shanghai')).toEqual(['2030-01-01', '2030-01-02']);
    expect(localDaysOf(new Date('2030-01-01T15:00:00Z'), new Date('2030-01-01T16:00:00Z'), 'Asia/Shanghai')).toEqual(['2030-01-01']);
  });
});
