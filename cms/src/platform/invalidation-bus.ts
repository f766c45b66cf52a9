import type { KeyValueStore } from './kv-store';

/**
 * Cross-process invalidation of in-process caches over Redis pub/sub (one channel, topics inside).
 *
 * Correctness comes from invalidation while messages flow, and from a short lifetime while they do not:
 * - a change drops the affected entries on this process at once and is published, so every other
 *   process drops them too;
 * - messages demonstrably flow while each process hears its own heartbeat (`trusted()`). With Redis
 *   down or frozen, or a heartbeat late, another process's change may not be heard: cached entries are
 *   then served only while younger than `offlineTtlMs` (less than the one-second promise), counted from
 *   the start of the read that loaded them (`fresh()`, the one rule every cache asks). Changes made on
 *   this process still drop its entries at once;
 * - when messages flow again after a gap every cache forgets everything (some invalidations may have
 *   been missed meanwhile), and a value whose load began before the gap is not served: nothing cached
 *   during an outage outlives the short lifetime because Redis came back.
 * In memory mode (no Redis, one process) messages are delivered in-process and the bus is always trusted.
 */
type Message = { t: 'inv'; topic: string; key: string | null } | { t: 'beat'; from: string };

export const INVALIDATION_CHANNEL = 'cache:invalidate';

export type TopicHandler = (key: string | null) => void;

/** When a cached value's load began, and under which gap count (`InvalidationBus.stamp()`). */
export interface CacheStamp {
  at: number;
  epoch: number;
}

/** Default lifetime of cached entries while cross-process messages cannot be shown to flow. */
export const OFFLINE_TTL_MS = 750;

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
  /** Bumped by every gap: values loaded before it are not served after it. */
  private epoch = 0;

  constructor(
    private readonly store: KeyValueStore,
    private readonly opts: {
      heartbeatMs: number;
      offlineTtlMs?: number;
      now?: () => number;
      log?: { warn(m: string): void };
      /** Told of every invalidation applied here and every gap (the process's metrics count them). */
      observer?: { invalidated(topic: string, key: string | null): void; gap(): void };
    },
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

  /** How long cached entries are served while messages cannot be shown to flow. */
  offlineTtlMs(): number {
    return this.opts.offlineTtlMs ?? OFFLINE_TTL_MS;
  }

  /** Take before reading what a cache will keep; `fresh()` then says how long the value may be served. */
  stamp(): CacheStamp {
    return { at: this.now(), epoch: this.epoch };
  }

  /**
   * Whether a value loaded under `stamp` may still be served by a cache keeping values `ttlMs`: for the
   * TTL while messages flow; while they do not, only for the short offline lifetime (an entry cached
   * before the outage included); never across a gap.
   */
  fresh(stamp: CacheStamp, ttlMs: number): boolean {
    if (stamp.epoch !== this.epoch) return false;
    const age = this.now() - stamp.at;
    if (age >= ttlMs) return false;
    return age < this.offlineTtlMs() || this.trusted();
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
    this.opts.observer?.invalidated(topic, key);
    for (const fn of this.handlers.get(topic) ?? []) fn(key);
  }

  private gap() {
    this.opts.observer?.gap();
    this.epoch += 1;
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
 * One topic's values cached in this process (rooms, parameters, …), dropped by the bus, served for as
 * long as the bus says (`fresh()`). A value loaded while an invalidation of its key arrives is not
 * kept: it may have been read before the change.
 */
export class ProcessCache<V> {
  private readonly entries = new Map<string, { value: V; stamp: CacheStamp; storedAt: number; validUntil: number }>();
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

  /** The cached value while fresh, or the loaded one (kept unless its key changed meanwhile). */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    const now = this.now();
    // Fresh by the bus's rule, not past what expires inside it, and not stored under a clock since moved back.
    if (entry && this.bus.fresh(entry.stamp, this.opts.ttlMs) && entry.validUntil > now && entry.storedAt <= now) return entry.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const stamp = this.bus.stamp();
    const promise = load().then(
      (value) => {
        this.loading.delete(key);
        if (generation === this.generation) this.put(key, value, stamp);
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

  private put(key: string, value: V, stamp: CacheStamp) {
    const max = this.opts.maxEntries ?? 1000;
    if (!this.entries.has(key) && this.entries.size >= max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, stamp, storedAt: this.now(), validUntil: this.opts.validUntil?.(value) ?? Infinity });
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
