import { MemberAuthCache, onlyExpiredSessions } from '../../../cms/src/platform/member-auth-cache';
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

  describe('with Redis down, entries past their offline lifetime are checked against the database', () => {
    function untrusted() {
      const { a, b, bus, busA, busB } = twoProcesses();
      bus.down();
      now += 1100;
      (busA as any).beat();
      return { a, b, busA, busB };
    }
    const settle = () => new Promise((r) => setImmediate(r));
    const withPrint = (id: number, fingerprint = `fp${id}`) => ({ ...user(id), fingerprint });

    it('given unchanged members, when several ask at once, then one shared check serves them all for another lifetime', async () => {
      const { a, busA, busB } = untrusted();
      await settle();
      a.set(7, 's1', withPrint(7), a.stamp());
      a.set(8, 's2', withPrint(8), a.stamp());
      a.set(9, 's3', user(9), a.stamp()); // loaded while trusted: no fingerprint
      now += 800;
      expect(a.get(7, 's1')).toBeNull();
      const asked: string[][] = [];
      const check = async (candidates: any[]) => {
        asked.push(candidates.map((c) => `${c.userId}/${c.sessionId}/${c.fingerprint}`));
        return new Set<string>(candidates.map((c) => c.key));
      };
      const [seven, eight, nine] = await Promise.all([a.getOrRevalidate(7, 's1', check), a.getOrRevalidate(8, 's2', check), a.getOrRevalidate(9, 's3', check)]);
      expect(asked).toEqual([['7/s1/fp7', '8/s2/fp8']]);
      expect(seven?.user.id).toBe(7);
      expect(eight?.user.id).toBe(8);
      expect(nine).toBeNull(); // reloaded by the caller
      now += 700;
      expect(a.get(7, 's1')).not.toBeNull(); // stamped when the check began
      now += 100;
      expect(a.get(7, 's1')).toBeNull();
      busA.stop();
      busB.stop();
    });

    it('given a member whose row, permissions or session changed, then the check drops them and the caller loads them again', async () => {
      const { a, busA, busB } = untrusted();
      await settle();
      a.set(7, 's1', withPrint(7), a.stamp());
      a.set(8, 's2', withPrint(8), a.stamp());
      now += 800;
      const onlyEight = async () => new Set<string>(['8:s2']);
      expect(await a.getOrRevalidate(7, 's1', onlyEight)).toBeNull();
      expect(a.get(8, 's2')).not.toBeNull();
      busA.stop();
      busB.stop();
    });

    it('given an invalidation while the check runs, or a failed check, then nothing is restored', async () => {
      const { a, busA, busB } = untrusted();
      await settle();
      a.set(7, 's1', withPrint(7), a.stamp());
      now += 800;
      const racing = async (candidates: any[]) => {
        await a.invalidateUser(99); // another member, changed on this process meanwhile
        return new Set<string>(candidates.map((c) => c.key));
      };
      expect(await a.getOrRevalidate(7, 's1', racing)).toBeNull();
      a.set(7, 's1', withPrint(7), a.stamp());
      now += 800;
      expect(await a.getOrRevalidate(7, 's1', async () => Promise.reject(new Error('database down')))).toBeNull();
      busA.stop();
      busB.stop();
    });

    it('given an entry older than the TTL, then it is not checked at all', async () => {
      const { a, busA, busB } = untrusted();
      await settle();
      a.set(7, 's1', withPrint(7), a.stamp());
      now += 60_001;
      const check = jest.fn(async () => new Set<string>(['7:s1']));
      expect(await a.getOrRevalidate(7, 's1', check)).toBeNull();
      expect(check).not.toHaveBeenCalled();
      busA.stop();
      busB.stop();
    });
  });

  it('an entry is not served once its session has ended', () => {
    const { a, busA, busB } = twoProcesses();
    a.set(7, 's1', { ...user(7), validUntil: now + 5_000 }, a.stamp());
    now += 4_999;
    expect(a.get(7, 's1')).not.toBeNull();
    now += 1;
    expect(a.get(7, 's1')).toBeNull();
    busA.stop();
    busB.stop();
  });

  it('Strapi\u2019s sweep of expired sessions is told apart from a logout or a revocation', () => {
    const t = 1_700_000_000_000;
    expect(onlyExpiredSessions({ absoluteExpiresAt: { $lt: new Date(t) } }, t)).toBe(true);
    expect(onlyExpiredSessions({ absoluteExpiresAt: { $lt: new Date(t + 60_000) } }, t)).toBe(false); // not yet expired
    expect(onlyExpiredSessions({ absoluteExpiresAt: { $lt: new Date(t) }, userId: '7' }, t)).toBe(false);
    expect(onlyExpiredSessions({ userId: '7' }, t)).toBe(false);
    expect(onlyExpiredSessions({ absoluteExpiresAt: { $gt: new Date(t) } }, t)).toBe(false);
    expect(onlyExpiredSessions(undefined, t)).toBe(false);
  });
});
