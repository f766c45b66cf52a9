import type { KeyValueStore } from './kv-store';

/**
 * Cross-process invalidation of in-process caches over Redis pub/sub (one channel, topics inside).
 *
 * Correctness comes from invalidation, not from TTLs:
 * - a change drops the affected entries on this process at once and is published, so every other
 *   process drops them too;
 * - caches are only trusted while messages demonstrably flow: each process publishes a heartbeat and
 *   hears its own. With Redis down or frozen, or a heartbeat late, `trusted()` is false and callers go
 *   to the database; when messages flow again after a gap every cache forgets everything (some
 *   invalidations may have been missed meanwhile) before it is trusted again.
 * In memory mode (no Redis, one process) messages are delivered in-process and the bus is always trusted.
 */
type Message = { t: 'inv'; topic: string; key: string | null } | { t: 'beat'; from: string };

export const INVALIDATION_CHANNEL = 'cache:invalidate';

export type TopicHandler = (key: string | null) => void;

export class InvalidationBus {
  private readonly me = Math.random().toString(36).slice(2);
  private readonly handlers = new Map<string, TopicHandler[]>();
  private readonly gapHandlers: (() => void)[] = [];
  private lastHeardAt = 0;
  /** Beats sent since our last beat came back, and whether one of them could not be sent at all. */
  private sentSinceHeard = 0;
  private failedSinceHeard = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private started = false;

  constructor(
    private readonly store: KeyValueStore,
    private readonly opts: { heartbeatMs: number; now?: () => number; log?: { warn(m: string): void } },
  ) {}

  private now() {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  /** Subscribes and starts the heartbeat; until the first heartbeat is heard nothing is trusted. */
  start() {
    if (this.started) return;
    this.started = true;
    const beat = () => this.beat();
    // A beat as soon as the subscription is up: trust starts then, not one heartbeat later (at boot the
    // first beat is usually sent before Redis is connected, and is lost).
    this.store.subscribe(INVALIDATION_CHANNEL, (raw) => this.receive(raw), () => {
      this.gap();
      beat();
    });
    beat();
    this.heartbeat = setInterval(beat, this.opts.heartbeatMs);
    this.heartbeat.unref();
  }

  private beat() {
    this.sentSinceHeard += 1;
    void this.store.publish(INVALIDATION_CHANNEL, JSON.stringify({ t: 'beat', from: this.me })).catch(() => {
      // Redis refused or timed out: messages may be lost from now on.
      this.failedSinceHeard = true;
    });
  }

  stop() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.started = false;
    this.gap();
  }

  /** Messages flow (our own heartbeat came back recently): cached entries can be trusted. */
  trusted(): boolean {
    if (this.lastHeardAt === 0 || this.failedSinceHeard) return false;
    // Four beats of slack. An overloaded event loop sends its beats late as well as hearing them late:
    // silence counts only once at least two beats went out unanswered, so load alone never turns the
    // caches off (which would add database work exactly when the process is busiest).
    return this.now() - this.lastHeardAt <= this.opts.heartbeatMs * 4 || this.sentSinceHeard < 2;
  }

  /** `handler(key)` runs for every invalidation of `topic`, from this process or another; key null = all. */
  on(topic: string, handler: TopicHandler) {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  /** `handler()` runs whenever messages may have been missed: forget everything cached. */
  onGap(handler: () => void) {
    this.gapHandlers.push(handler);
  }

  /** Drops `key` of `topic` (null: the whole topic) here at once, then on every other process. */
  async invalidate(topic: string, key: string | null = null) {
    this.dispatch(topic, key);
    try {
      await this.store.publish(INVALIDATION_CHANNEL, JSON.stringify({ t: 'inv', topic, key }));
    } catch {
      // Not heard by the others: their heartbeats fail the same way, so they stop trusting their caches.
      // (Quiet while this process boots and has not reached Redis yet.)
      if (this.lastHeardAt > 0) this.opts.log?.warn(`[cache] could not publish an invalidation of ${topic} (Redis unreachable); other processes fall back to the database`);
    }
  }

  private dispatch(topic: string, key: string | null) {
    for (const fn of this.handlers.get(topic) ?? []) fn(key);
  }

  private gap() {
    for (const fn of this.gapHandlers) fn();
  }

  private receive(raw: string) {
    let message: Message;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (message.t === 'beat') {
      if (message.from === this.me) {
        // Trust resumes only after a gap has been healed by forgetting what might be stale.
        if (!this.trusted()) this.gap();
        this.lastHeardAt = this.now();
        this.sentSinceHeard = 0;
        this.failedSinceHeard = false;
      }
      return;
    }
    // Our own invalidations were applied when sent; applying them again is harmless.
    if (message.t === 'inv' && typeof message.topic === 'string') this.dispatch(message.topic, message.key ?? null);
  }
}

export interface ProcessCacheOptions<V> {
  /** A safety net against a change made outside the application (straight SQL). */
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
  /** The instant (ms, on `now`'s scale) after which a value is wrong by itself (something in it expires). */
  validUntil?: (value: V) => number | null;
}

/**
 * One topic's values cached in this process (rooms, parameters, …), dropped by the bus. A value loaded
 * while an invalidation of its key arrives is not kept: it may have been read before the change.
 */
export class ProcessCache<V> {
  private readonly entries = new Map<string, { value: V; storedAt: number; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<V>>();
  /** Bumped by every invalidation: a load that started under an older generation is not kept. */
  private generation = 0;

  constructor(
    private readonly bus: InvalidationBus,
    readonly topic: string,
    private readonly opts: ProcessCacheOptions<V>,
  ) {
    bus.on(topic, (key) => this.forget(key));
    bus.onGap(() => this.forget(null));
  }

  private now() {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  /** The cached value, or the loaded one (kept only when the bus is trusted and nothing changed meanwhile). */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (!this.bus.trusted()) return load();
    const entry = this.entries.get(key);
    const now = this.now();
    // A value stored at a later instant than now was read under a clock since moved back: not kept.
    if (entry && entry.expiresAt > now && entry.storedAt <= now) return entry.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const promise = load().then(
      (value) => {
        this.loading.delete(key);
        if (generation === this.generation && this.bus.trusted()) this.put(key, value);
        return value;
      },
      (err) => {
        this.loading.delete(key);
        throw err;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }

  /** After a change is committed: drop the key (or the whole topic) here and on every process. */
  invalidate(key: string | null = null) {
    return this.bus.invalidate(this.topic, key);
  }

  get size() {
    return this.entries.size;
  }

  private put(key: string, value: V) {
    const max = this.opts.maxEntries ?? 1000;
    if (this.entries.size >= max) this.entries.delete(this.entries.keys().next().value as string);
    const now = this.now();
    const until = this.opts.validUntil?.(value) ?? Infinity;
    this.entries.set(key, { value, storedAt: now, expiresAt: Math.min(now + this.opts.ttlMs, until) });
  }

  private forget(key: string | null) {
    this.generation += 1;
    this.loading.clear();
    if (key === null) this.entries.clear();
    else this.entries.delete(key);
  }
}

const WRITE_EVENTS = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'] as const;

/**
 * After a write: drops `key` of `cache` (null: all of it) here and on every process at once, and again
 * after the surrounding transaction commits, so no process keeps a value it re-read before the commit.
 */
export function invalidateAfterCommit(strapi: any, cache: ProcessCache<unknown>, key: string | null = null) {
  void cache.invalidate(key);
  if (strapi.db.inTransaction()) {
    void strapi.db.transaction(async ({ onCommit }: { onCommit: (fn: () => void) => void }) => onCommit(() => void cache.invalidate(key)));
  }
}

/**
 * Drops `cache` on every process whenever one of `models` is written, by any code path (content
 * manager, staff pages, scripts through the query layer): the key `keyOf(event)` names, or the whole
 * cache when it names none.
 */
export function invalidateOnWrites(strapi: any, models: string[], cache: () => ProcessCache<unknown>, keyOf?: (event: any) => string | null) {
  const drop = (event: any) => invalidateAfterCommit(strapi, cache(), keyOf?.(event) ?? null);
  strapi.db.lifecycles.subscribe({ models, ...Object.fromEntries(WRITE_EVENTS.map((e) => [e, drop])) });
}
