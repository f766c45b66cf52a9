import { applyChange, applySeatsPush, backoffDelay, decidePush } from '../../../miniprogram/utils/live-seats';
import { LiveSeats, liveUrl, type LiveDeps, type SocketLike } from '../../../miniprogram/services/live';
import type { Availability } from '../../../miniprogram/services/types';

const T = (hhmm: string) => `2026-12-02T${hhmm}:00+08:00`;
const day = (taken: Availability['seats'][number]['taken'] = []): Availability => ({
  room: { id: 'r1', name: 'Hall', kind: 'hall', status: 'open' },
  date: '2026-12-02',
  timezone: 'Asia/Shanghai',
  slotMinutes: 30,
  seats: [
    { id: 's1', label: 'A1', type: 'standard', enabled: true, row: 0, col: 0, taken },
    { id: 's2', label: 'A2', type: 'window', enabled: true, row: 0, col: 1, taken: [] },
  ],
});

describe('reconnect backoff', () => {
  it('doubles from one second up to the cap, with half of each delay random', () => {
    const low = [0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, { baseMs: 1000, maxMs: 30_000 }, () => 0));
    const high = [0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, { baseMs: 1000, maxMs: 30_000 }, () => 1));
    expect(low).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
    expect(high).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });
  it('spreads phones dropped together over the window (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, (_, i) => backoffDelay(3, undefined, () => i / 50)));
    expect(delays.size).toBe(50);
  });
});

describe('push versions', () => {
  it('applies the next version, ignores what was seen, refetches on a gap or an unknown version', () => {
    expect(decidePush(7, 8)).toEqual({ action: 'apply', version: 8 });
    expect(decidePush(7, 7)).toEqual({ action: 'ignore' });
    expect(decidePush(7, 5)).toEqual({ action: 'ignore' });
    expect(decidePush(7, 10)).toEqual({ action: 'refetch', version: 10 });
    expect(decidePush(7, null)).toEqual({ action: 'refetch', version: null });
    expect(decidePush(null, 3)).toEqual({ action: 'refetch', version: 3 });
  });
});

describe('applying seat changes', () => {
  it('a booking marks the range; a release frees part of a range and keeps the rest', () => {
    const booked = applyChange([], { seat: 's1', start: T('10:00'), end: T('12:00'), state: 'booked' });
    expect(booked).toEqual([{ start: T('10:00'), end: T('12:00'), state: 'booked', mine: false }]);
    // Early check-out at 11:00: only the rest is freed.
    expect(applyChange(booked, { seat: 's1', start: T('11:00'), end: T('12:00'), state: 'free' })).toEqual([{ start: T('10:00'), end: T('11:00'), state: 'booked', mine: false }]);
    // A hold paid: the same range turns from held to booked (applied twice: same result).
    const held = applyChange([], { seat: 's1', start: T('14:00'), end: T('15:00'), state: 'held' });
    const paid = { seat: 's1', start: T('14:00'), end: T('15:00'), state: 'booked' as const };
    expect(applyChange(applyChange(held, paid), paid)).toEqual([{ start: T('14:00'), end: T('15:00'), state: 'booked', mine: false }]);
  });

  it('a push changes only the seats it names and keeps my own mark', () => {
    const before = day([{ start: T('08:00'), end: T('09:00'), state: 'held', mine: true }]);
    const after = applySeatsPush(before, {
      changes: [
        { seat: 's1', start: T('08:00'), end: T('09:00'), state: 'booked' },
        { seat: 's1', start: T('10:00'), end: T('11:00'), state: 'held' },
      ],
    });
    expect(after.seats[0].taken).toEqual([
      { start: T('08:00'), end: T('09:00'), state: 'booked', mine: true },
      { start: T('10:00'), end: T('11:00'), state: 'held', mine: false },
    ]);
    expect(after.seats[1]).toBe(before.seats[1]);
    expect(before.seats[0].taken).toHaveLength(1); // the page's copy is not mutated
  });
});

/** A fake wx.connectSocket: records what the client sent; the test plays the server. */
function fakeLive() {
  const sockets: Array<SocketLike & { sent: any[]; open(): void; receive(m: unknown): void; drop(code?: number): void; closedByClient: boolean; url: string }> = [];
  const timers: Array<{ fn: () => void; ms: number; live: boolean }> = [];
  const deps: LiveDeps = {
    connect(url) {
      const h: any = {};
      const s: any = {
        url,
        sent: [],
        closedByClient: false,
        send: (o: { data: string }) => s.sent.push(JSON.parse(o.data)),
        close: () => {
          s.closedByClient = true;
        },
        onOpen: (cb: any) => (h.open = cb),
        onMessage: (cb: any) => (h.message = cb),
        onClose: (cb: any) => (h.close = cb),
        onError: (cb: any) => (h.error = cb),
        open: () => h.open(),
        receive: (m: unknown) => h.message({ data: JSON.stringify(m) }),
        drop: (code = 1006) => h.close({ code, reason: '' }),
      };
      sockets.push(s);
      return s;
    },
    token: () => 'jwt-1',
    setTimer: (fn, ms) => {
      const t = { fn, ms, live: true };
      timers.push(t);
      return t;
    },
    clearTimer: (t: any) => {
      if (t) t.live = false;
    },
    random: () => 0.5,
  };
  /** Runs the pending timers (one round), returning their delays. */
  const tick = () => {
    const due = timers.filter((t) => t.live);
    for (const t of due) t.live = false;
    for (const t of due) t.fn();
    return due.map((t) => t.ms);
  };
  return { deps, sockets, timers, tick };
}

describe('the live seat client', () => {
  const connected = (f: ReturnType<typeof fakeLive>, handlers: any) => {
    const live = new LiveSeats(handlers, f.deps, { heartbeatMs: 25_000, silenceMs: 60_000, backoff: { baseMs: 1000, maxMs: 30_000 } });
    live.follow('r1', '2026-12-02');
    const s = f.sockets[f.sockets.length - 1];
    s.open();
    s.receive({ type: 'ready' });
    s.receive({ type: 'subscribed', room: 'r1', date: '2026-12-02', version: 4 });
    return { live, s };
  };

  it('authenticates, subscribes, asks for a refetch, then applies pushes in order and refetches on a gap', () => {
    const f = fakeLive();
    const shown: Availability[] = [];
    const handlers = { onAvailability: (d: Availability) => shown.push(d), onRefetch: jest.fn() };
    const { live, s } = connected(f, handlers);
    expect(s.url).toBe(liveUrl('http://127.0.0.1:1337'));
    expect(s.sent.slice(0, 2)).toEqual([{ type: 'auth', token: 'jwt-1' }, { type: 'subscribe', room: 'r1', date: '2026-12-02' }]);
    expect(handlers.onRefetch).toHaveBeenCalledTimes(1);
    live.refetched(day());

    s.receive({ type: 'seats', room: 'r1', date: '2026-12-02', version: 5, changes: [{ seat: 's2', start: T('10:00'), end: T('11:00'), state: 'booked' }] });
    expect(shown).toHaveLength(1);
    expect(shown[0].seats[1].taken).toEqual([{ start: T('10:00'), end: T('11:00'), state: 'booked', mine: false }]);
    s.receive({ type: 'seats', room: 'r1', date: '2026-12-02', version: 5, changes: [] }); // seen: ignored
    s.receive({ type: 'seats', room: 'r2', date: '2026-12-02', version: 6, changes: [] }); // another room
    expect(shown).toHaveLength(1);
    s.receive({ type: 'seats', room: 'r1', date: '2026-12-02', version: 8, changes: [{ seat: 's1', start: T('12:00'), end: T('13:00'), state: 'held' }] });
    expect(handlers.onRefetch).toHaveBeenCalledTimes(2);
    expect(shown).toHaveLength(1);
    expect(live.knownVersion).toBe(8);
    s.receive({ type: 'resync', room: 'r1', date: '2026-12-02', version: 12 });
    expect(handlers.onRefetch).toHaveBeenCalledTimes(3);
    expect(live.knownVersion).toBe(12);
  });

  it('reconnects with growing delays after drops, starts over once following again, and refetches', () => {
    const f = fakeLive();
    const handlers = { onAvailability: jest.fn(), onRefetch: jest.fn(), onStatus: jest.fn() };
    const { s } = connected(f, handlers);
    s.drop();
    expect(f.tick()).toEqual([750]); // attempt 0: 1 s window, jitter 0.5
    f.sockets[1].drop();
    expect(f.tick()).toEqual([1500]);
    f.sockets[2].drop();
    expect(f.tick()).toEqual([3000]);
    const back = f.sockets[3];
    back.open();
    back.receive({ type: 'ready' });
    back.receive({ type: 'subscribed', room: 'r1', date: '2026-12-02', version: 9 });
    expect(handlers.onRefetch).toHaveBeenCalledTimes(2);
    expect(handlers.onStatus).toHaveBeenLastCalledWith('live');
    back.drop();
    expect(f.tick().filter((ms) => ms !== 25_000)).toEqual([750]); // the backoff started over
  });

  it('sends heartbeats and reconnects when the server falls silent', () => {
    const f = fakeLive();
    const { s } = connected(f, { onAvailability: jest.fn(), onRefetch: jest.fn() });
    f.tick(); // 25 s
    expect(s.sent[s.sent.length - 1]).toEqual({ type: 'ping' });
    s.receive({ type: 'pong' });
    f.tick(); // 50 s
    f.tick(); // 75 s: nothing heard since the pong at 25 s... still within 60 s of it
    expect(f.sockets).toHaveLength(1);
    f.tick(); // 100 s: silent for 75 s
    expect(s.closedByClient).toBe(true);
    expect(f.tick()).toContain(750);
    expect(f.sockets).toHaveLength(2);
  });

  it('follows the latest room-day chosen before the socket was ready, and switches days with unsubscribe', () => {
    const f = fakeLive();
    const live = new LiveSeats({ onAvailability: jest.fn(), onRefetch: jest.fn() }, f.deps);
    live.follow('r1', '2026-12-02');
    live.follow('r1', '2026-12-03'); // the member changed the date while connecting
    const s = f.sockets[0];
    s.open();
    s.receive({ type: 'ready' });
    expect(s.sent).toEqual([{ type: 'auth', token: 'jwt-1' }, { type: 'subscribe', room: 'r1', date: '2026-12-03' }]);
    live.follow('r1', '2026-12-04');
    expect(s.sent.slice(2)).toEqual([{ type: 'unsubscribe', room: 'r1', date: '2026-12-03' }, { type: 'subscribe', room: 'r1', date: '2026-12-04' }]);
    s.receive({ type: 'subscribed', room: 'r1', date: '2026-12-03', version: 1 }); // an answer for the old day
    expect(live.knownVersion).toBeNull();
    expect(f.sockets).toHaveLength(1);
  });

  it('listens for the member\'s own messages without following a room-day', () => {
    const f = fakeLive();
    const onOffer = jest.fn();
    const live = new LiveSeats({ onAvailability: jest.fn(), onRefetch: jest.fn(), onOffer }, f.deps);
    live.listen();
    live.listen(); // already connected: nothing more
    expect(f.sockets).toHaveLength(1);
    const s = f.sockets[0];
    s.open();
    s.receive({ type: 'ready' });
    expect(s.sent).toEqual([{ type: 'auth', token: 'jwt-1' }]);
    s.receive({ type: 'waitlist_offer', entry: 'e1', booking: 'b1' });
    expect(onOffer).toHaveBeenCalledTimes(1);
    live.stop();
  });

  it('stops for good on a ban or logout close, and on stop(); passes offers on', () => {
    const f = fakeLive();
    const onOffer = jest.fn();
    const onStatus = jest.fn();
    const { live, s } = connected(f, { onAvailability: jest.fn(), onRefetch: jest.fn(), onOffer, onStatus });
    s.receive({ type: 'waitlist_offer', entry: 'e1', booking: 'b1', seatLabel: 'A1', expiresAt: T('10:10') });
    expect(onOffer).toHaveBeenCalledWith(expect.objectContaining({ booking: 'b1' }));
    s.drop(4403);
    expect(onStatus).toHaveBeenLastCalledWith('stopped');
    expect(f.tick()).toEqual([]);
    expect(f.sockets).toHaveLength(1);

    live.follow('r1', '2026-12-03');
    const again = f.sockets[1];
    again.open();
    live.stop();
    expect(again.closedByClient).toBe(true);
    again.drop(1000);
    expect(f.tick()).toEqual([]);
    expect(f.sockets).toHaveLength(2);
  });
});
