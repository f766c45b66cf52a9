import { MemberAuthCache } from '../../../cms/src/platform/member-auth-cache';
import { MemoryStore } from '../../../cms/src/platform/kv-store';
import { InvalidationBus, INVALIDATION_CHANNEL } from '../../../cms/src/platform/invalidation-bus';

/** One "Redis" shared by several processes' caches, which the test can take down. */
function sharedBus() {
  const listeners: ((m: string) => void)[] = [];
  const readies: (() => void)[] = [];
  let up = true;
  const storeFor = () => {
    const store = new MemoryStore();
    (store as any).publish = async (_channel: string, message: string) => {
      if (!up) throw new Error('redis down');
      for (const fn of listeners) fn(message);
    };
    (store as any).subscribe = (_channel: string, onMessage: (m: string) => void, onReady: () => void) => {
      listeners.push(onMessage);
      readies.push(onReady);
      onReady();
    };
    return store;
  };
  return { storeFor, down: () => (up = false), back: () => (up = true) };
}

describe('member auth cache', () => {
  let now = 1_000_000;
  const clock = () => now;
  const user = (id: number) => ({ user: { id, blocked: false }, ability: { can: () => true } });

  function twoProcesses() {
    const bus = sharedBus();
    const busA = new InvalidationBus(bus.storeFor(), { heartbeatMs: 250, now: clock });
    const busB = new InvalidationBus(bus.storeFor(), { heartbeatMs: 250, now: clock });
    const a = new MemberAuthCache(busA, { ttlMs: 60_000 });
    const b = new MemberAuthCache(busB, { ttlMs: 60_000 });
    busA.start();
    busB.start();
    return { a, b, bus, busA, busB };
  }
  afterEach(() => (now = 1_000_000));

  it('given a member cached on two processes, when one invalidates them, then neither serves them', async () => {
    const { a, b, busA, busB } = twoProcesses();
    a.set(7, 's1', user(7), a.stamp());
    b.set(7, 's1', user(7), b.stamp());
    b.set(8, 's2', user(8), b.stamp());
    expect(b.get(7, 's1')).not.toBeNull();

    await a.invalidateUser(7);

    expect(a.get(7, 's1')).toBeNull();
    expect(b.get(7, 's1')).toBeNull();
    expect(b.get(8, 's2')).not.toBeNull();
    await a.invalidateAll();
    expect(b.get(8, 's2')).toBeNull();
    busA.stop();
    busB.stop();
  });

  it('given the heartbeat stops coming back (Redis down or frozen), then entries live less than a second, and none of them survives messages flowing again', async () => {
    const { a, bus, busA } = twoProcesses();
    a.set(7, 's1', user(7), a.stamp());
    expect(a.get(7, 's1')).not.toBeNull();

    bus.down();
    now += 1100; // more than four heartbeats missed
    (busA as any).beat(); // the next beat cannot be sent
    await new Promise((r) => setImmediate(r));
    expect(a.trusted()).toBe(false);
    expect(a.get(7, 's1')).toBeNull(); // cached 1.1 s ago: another process's ban may have gone unheard
    a.set(9, 's9', user(9), a.stamp()); // kept briefly while untrusted
    now += 700;
    expect(a.get(9, 's9')).not.toBeNull();
    now += 100;
    expect(a.get(9, 's9')).toBeNull();
    a.set(9, 's9', user(9), a.stamp());
    bus.back();
    await (busA as any).store.publish(INVALIDATION_CHANNEL, JSON.stringify({ t: 'beat', from: (busA as any).me }));
    expect(a.trusted()).toBe(true);
    expect(a.get(9, 's9')).toBeNull(); // forgotten: an invalidation may have been missed meanwhile
    busA.stop();
  });

  it('a member loaded while an invalidation arrives is not kept', async () => {
    const { a, b, busA, busB } = twoProcesses();
    const stamp = a.stamp();
    await b.invalidateUser(7); // heard by a while its load was under way
    a.set(7, 's1', user(7), stamp);
    expect(a.get(7, 's1')).toBeNull();
    a.set(7, 's1', user(7), a.stamp());
    expect(a.get(7, 's1')).not.toBeNull();
    busA.stop();
    busB.stop();
  });

  it('entries expire after the TTL even without any message', () => {
    const { a, busA } = twoProcesses();
    a.set(7, 's1', user(7), a.stamp());
    now += 60_001;
    (busA as any).lastHeardAt = now;
    expect(a.get(7, 's1')).toBeNull();
    busA.stop();
  });
});
