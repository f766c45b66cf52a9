import { MemoryStore } from '../../../cms/src/platform/kv-store';
import { InvalidationBus, ProcessCache } from '../../../cms/src/platform/invalidation-bus';

/** Two "processes" sharing one pub/sub, which the test can take down. */
function twoProcesses(clock: () => number) {
  const listeners: ((m: string) => void)[] = [];
  let up = true;
  const storeFor = () => {
    const store = new MemoryStore();
    (store as any).publish = async (_c: string, message: string) => {
      if (!up) throw new Error('redis down');
      for (const fn of listeners) fn(message);
    };
    (store as any).subscribe = (_c: string, onMessage: (m: string) => void, onReady: () => void) => {
      listeners.push(onMessage);
      onReady();
    };
    return store;
  };
  const a = new InvalidationBus(storeFor(), { heartbeatMs: 250, now: clock });
  const b = new InvalidationBus(storeFor(), { heartbeatMs: 250, now: clock });
  a.start();
  b.start();
  return { a, b, down: () => (up = false) };
}

describe('process cache invalidated over the bus', () => {
  let now = 1_000_000;
  const clock = () => now;
  afterEach(() => (now = 1_000_000));

  it('given a room cached on two processes, when one invalidates it, then both load it again', async () => {
    const { a, b } = twoProcesses(clock);
    const onA = new ProcessCache<string>(a, 'rooms', { ttlMs: 60_000 });
    const onB = new ProcessCache<string>(b, 'rooms', { ttlMs: 60_000 });
    let loads = 0;
    const load = async () => `v${(loads += 1)}`;
    expect(await onA.get('r1', load)).toBe('v1');
    expect(await onB.get('r1', load)).toBe('v2');
    expect(await onB.get('r1', load)).toBe('v2');

    await onA.invalidate('r1');

    expect(await onB.get('r1', load)).toBe('v3');
    expect(await onA.get('r1', load)).toBe('v4');
    a.stop();
    b.stop();
  });

  it('a value holding something that expires is not served past that instant, nor after the clock moved back', async () => {
    const { a, b } = twoProcesses(clock);
    const cache = new ProcessCache<{ tagExpiresAt: number }>(a, 'member-profile', { ttlMs: 60_000, now: clock, validUntil: (v) => v.tagExpiresAt });
    let loads = 0;
    const load = async () => ((loads += 1), { tagExpiresAt: now + 5_000 });
    await cache.get('m1', load);
    now += 4_999;
    await cache.get('m1', load);
    expect(loads).toBe(1);
    now += 1;
    await cache.get('m1', load);
    expect(loads).toBe(2);
    // Stored at this instant: with the clock put back before it, the value is read again.
    now -= 10;
    await cache.get('m1', load);
    expect(loads).toBe(3);
    a.stop();
    b.stop();
  });

  it('a value loaded while its key is invalidated is answered but not kept', async () => {
    const { a, b } = twoProcesses(clock);
    const cache = new ProcessCache<string>(a, 'parameters', { ttlMs: 60_000 });
    let release!: () => void;
    const slow = cache.get('all', () => new Promise<string>((r) => (release = () => r('old'))));
    await cache.invalidate(null);
    release();
    expect(await slow).toBe('old');
    expect(await cache.get('all', async () => 'new')).toBe('new');
    a.stop();
    b.stop();
  });

  it('with messages not flowing, entries are served for the short offline lifetime only, an entry from before the outage included', async () => {
    const { a, b, down } = twoProcesses(clock);
    const cache = new ProcessCache<number>(a, 'rooms', { ttlMs: 60_000 });
    let n = 0;
    const load = async () => (n += 1);
    expect(await cache.get('x', load)).toBe(1);
    now += 600; // younger than the offline lifetime: still served once the outage is noticed
    down();
    (a as any).beat(); // this beat cannot be sent
    await new Promise((r) => setImmediate(r));
    expect(a.trusted()).toBe(false);
    expect(await cache.get('x', load)).toBe(1);
    now += 200; // 800 ms old: past the offline lifetime
    expect(await cache.get('x', load)).toBe(2);
    now += 700;
    expect(await cache.get('x', load)).toBe(2);
    now += 100;
    expect(await cache.get('x', load)).toBe(3);
    // A change on this process still drops the entry at once.
    await cache.invalidate('x');
    expect(await cache.get('x', load)).toBe(4);
    a.stop();
    b.stop();
  });

  it('when messages flow again, nothing cached during the outage is served, nor a value whose load began before', async () => {
    const { a, b, down } = twoProcesses(clock);
    const cache = new ProcessCache<string>(a, 'rooms', { ttlMs: 60_000 });
    down();
    (a as any).beat();
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('x', async () => 'outage')).toBe('outage');
    let release!: () => void;
    const slow = cache.get('y', () => new Promise<string>((r) => (release = () => r('outage-y'))));
    // Redis is back: our own beat is heard again.
    (a as any).receive(JSON.stringify({ t: 'beat', from: (a as any).me }));
    expect(a.trusted()).toBe(true);
    release();
    expect(await slow).toBe('outage-y');
    expect(await cache.get('x', async () => 'after')).toBe('after');
    expect(await cache.get('y', async () => 'after-y')).toBe('after-y');
    a.stop();
    b.stop();
  });

  it('a busy event loop (beats sent and heard late) keeps the caches on; two unanswered beats and a second of silence turn them off', async () => {
    const { a, b } = twoProcesses(clock);
    const cache = new ProcessCache<number>(a, 'rooms', { ttlMs: 60_000 });
    await cache.get('x', async () => 1);
    now += 5000; // no beat went out meanwhile: the loop was busy, nothing was missed
    expect(a.trusted()).toBe(true);
    expect(await cache.get('x', async () => 2)).toBe(1);
    // Beats go out but are not heard back (the subscription is broken).
    (a as any).store.subscribe = () => undefined;
    (a as any).sentSinceHeard = 2;
    expect(a.trusted()).toBe(false);
    a.stop();
    b.stop();
  });
});
