import Redis from 'ioredis';

/**
 * The one Redis client, behind the few operations the product needs (cache, counters, cluster locks,
 * rate limits). With REDIS_URL unset (zero-setup default only) an in-process store stands in; it is
 * correct for a single process and says so in the log and in /api/health ("none").
 */
export interface KeyValueStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Set only if absent; true when this caller set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Delete only if the value still equals `value` (lock release by its owner). */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Several values in one round trip (null where absent). */
  mget(keys: string[]): Promise<(string | null)[]>;
  /** Sets an integer value unless the stored one is already higher (versions written out of order). */
  setMax(key: string, value: number, ttlSeconds: number): Promise<void>;
  incr(key: string, ttlSeconds?: number): Promise<number>;
  ping(): Promise<'up' | 'down' | 'none'>;
  /** Cross-process messages (Redis pub/sub); in memory mode they reach this process only. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Listens on a channel. `onReady` runs each time the subscription is (re)established: messages sent
   * while it was down are lost, so a listener that caches must forget what it cached.
   */
  subscribe(channel: string, onMessage: (message: string) => void, onReady: () => void): void;
  close(): Promise<void>;
  /** The underlying ioredis client (rate limiter), null in memory mode. */
  readonly client: Redis | null;
}

const SET_MAX = `local c = tonumber(redis.call('get', KEYS[1]) or '-1') if tonumber(ARGV[1]) > c then redis.call('set', KEYS[1], ARGV[1], 'EX', ARGV[2]) end return 0`;
const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** How long one Redis command may take before the caller falls back (REDIS_COMMAND_TIMEOUT_MS). */
export const DEFAULT_COMMAND_TIMEOUT_MS = 300;
/** After a timeout or connection failure, commands fail at once for this long (REDIS_PAUSE_MS). */
export const DEFAULT_PAUSE_MS = 1000;

export class RedisUnavailable extends Error {
  constructor(why: string) {
    super(`redis unavailable: ${why}`);
  }
}

export class RedisStore implements KeyValueStore {
  readonly kind = 'redis' as const;
  readonly client: Redis;
  private readonly prefix: string;
  private readonly pauseMs: number;
  /** A Redis that just timed out is not asked again until then: callers fall back at once. */
  private pausedUntil = 0;

  constructor(url: string, prefix: string, opts: { commandTimeoutMs?: number; pauseMs?: number } = {}) {
    this.prefix = prefix;
    this.pauseMs = opts.pauseMs ?? DEFAULT_PAUSE_MS;
    this.client = new Redis(url, {
      // Fail fast when Redis is down: callers fall back to the database instead of queueing.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      // A Redis that accepts the connection but does not answer (paused, black-holed) must not hold a
      // member's request either: every command gives up after this long.
      commandTimeout: opts.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
      lazyConnect: false,
      // Commands issued in the same tick (the rate limiter's two, a booking's copies of its room's counters,
      // those of concurrent requests) leave in one socket write instead of one each.
      enableAutoPipelining: true,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Errors are reported through ping()/health; without a listener ioredis logs every reconnect.
    this.client.on('error', () => undefined);
    // A (re)established connection ends the pause at once: commands sent while the client was still
    // connecting at boot fail and would otherwise keep the caches off for a second after it connects.
    this.client.on('ready', () => (this.pausedUntil = 0));
  }

  private k(key: string) {
    return this.prefix + key;
  }

  /** Runs one command, unless Redis failed a moment ago; a timeout or lost connection pauses Redis use. */
  private async run<T>(command: () => Promise<T>): Promise<T> {
    if (Date.now() < this.pausedUntil) throw new RedisUnavailable('paused after a recent failure');
    try {
      return await command();
    } catch (e: any) {
      const message = String(e?.message ?? e);
      if (/timed out|Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|ETIMEDOUT|enableOfflineQueue/i.test(message)) {
        this.pausedUntil = Date.now() + this.pauseMs;
      }
      throw e;
    }
  }

  async get(key: string) {
    return this.run(() => this.client.get(this.k(key)));
  }
  async set(key: string, value: string, ttlSeconds?: number) {
    await this.run(() => (ttlSeconds ? this.client.set(this.k(key), value, 'EX', ttlSeconds) : this.client.set(this.k(key), value)));
  }
  async setIfAbsent(key: string, value: string, ttlMs: number) {
    return (await this.run(() => this.client.set(this.k(key), value, 'PX', ttlMs, 'NX'))) === 'OK';
  }
  async deleteIfEquals(key: string, value: string) {
    return (await this.run(() => this.client.eval(RELEASE_IF_OWNER, 1, this.k(key), value))) === 1;
  }
  async del(key: string) {
    await this.run(() => this.client.del(this.k(key)));
  }
  async mget(keys: string[]) {
    if (keys.length === 0) return [];
    return this.run(() => this.client.mget(keys.map((k) => this.k(k))));
  }
  async setMax(key: string, value: number, ttlSeconds: number) {
    await this.run(() => this.client.eval(SET_MAX, 1, this.k(key), String(value), String(ttlSeconds)));
  }
  async incr(key: string, ttlSeconds?: number) {
    const n = await this.run(() => this.client.incr(this.k(key)));
    if (ttlSeconds && n === 1) await this.run(() => this.client.expire(this.k(key), ttlSeconds));
    return n;
  }
  async ping() {
    // Health asks Redis itself (not the pause), so it sees a recovery as soon as it happens.
    try {
      await Promise.race([
        this.client.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000)),
      ]);
      return 'up' as const;
    } catch {
      return 'down' as const;
    }
  }
  async publish(channel: string, message: string) {
    await this.run(() => this.client.publish(this.k(channel), message));
  }
  private subscriber: Redis | null = null;
  subscribe(channel: string, onMessage: (message: string) => void, onReady: () => void) {
    // A subscribed connection can do nothing else: one more connection, subscribing anew on every
    // (re)connect so that onReady marks the moment messages flow again.
    const sub = this.client.duplicate({ autoResubscribe: false, commandTimeout: undefined });
    this.subscriber = sub;
    const name = this.k(channel);
    sub.on('error', () => undefined);
    sub.on('message', (ch: string, message: string) => {
      if (ch === name) onMessage(message);
    });
    sub.on('ready', () => {
      sub.subscribe(name).then(onReady, () => undefined);
    });
  }
  async close() {
    this.subscriber?.disconnect();
    this.client.disconnect();
  }
}

export class MemoryStore implements KeyValueStore {
  readonly kind = 'memory' as const;
  readonly client = null;
  private readonly data = new Map<string, { value: string; expiresAt: number | null }>();

  private live(key: string) {
    const entry = this.data.get(key);
    if (!entry) return null;
    if (entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      this.data.delete(key);
      return null;
    }
    return entry;
  }

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }
  async set(key: string, value: string, ttlSeconds?: number) {
    this.data.set(key, { value, expiresAt: ttlSeconds ? Date.now() + ttlSeconds * 1000 : null });
  }
  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (this.live(key)) return false;
    this.data.set(key, { value, expiresAt: Date.now() + ttlMs });
    return true;
  }
  async deleteIfEquals(key: string, value: string) {
    if (this.live(key)?.value !== value) return false;
    this.data.delete(key);
    return true;
  }
  async del(key: string) {
    this.data.delete(key);
  }
  async mget(keys: string[]) {
    return keys.map((k) => this.live(k)?.value ?? null);
  }
  async setMax(key: string, value: number, ttlSeconds: number) {
    const stored = this.live(key);
    if (stored && Number(stored.value) >= value) return;
    this.data.set(key, { value: String(value), expiresAt: Date.now() + ttlSeconds * 1000 });
  }
  async incr(key: string, ttlSeconds?: number) {
    const entry = this.live(key);
    const n = (entry ? Number(entry.value) : 0) + 1;
    this.data.set(key, { value: String(n), expiresAt: entry?.expiresAt ?? (ttlSeconds ? Date.now() + ttlSeconds * 1000 : null) });
    return n;
  }
  async ping() {
    return 'none' as const;
  }
  private readonly listeners = new Map<string, ((message: string) => void)[]>();
  async publish(channel: string, message: string) {
    for (const fn of this.listeners.get(channel) ?? []) fn(message);
  }
  subscribe(channel: string, onMessage: (message: string) => void, onReady: () => void) {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), onMessage]);
    onReady();
  }
  async close() {
    this.data.clear();
    this.listeners.clear();
  }
}

export function createKeyValueStore(opts: { url?: string; prefix?: string; commandTimeoutMs?: number; pauseMs?: number }): KeyValueStore {
  return opts.url ? new RedisStore(opts.url, opts.prefix ?? 'sr:', opts) : new MemoryStore();
}
