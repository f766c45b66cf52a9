import { createKeyValueStore, type KeyValueStore } from './kv-store';
import { JobScheduler } from './scheduler';
import { MemberAuthCache } from './member-auth-cache';
import { InvalidationBus, ProcessCache, type ProcessCacheOptions } from './invalidation-bus';
import { cacheGaps, cacheInvalidations } from './metrics';

/**
 * Process-wide services the app and both plugins share: the one key-value store (Redis) and the one
 * job scheduler. Created in the app's register(), closed in destroy().
 */
export interface Runtime {
  store: KeyValueStore;
  scheduler: JobScheduler;
  /** Drops in-process caches on every process (Redis pub/sub); says whether caches can be trusted. */
  bus: InvalidationBus;
  /** Members' identity and permissions, cached per process, invalidated across processes. */
  memberAuth: MemberAuthCache;
  /** The in-process cache of one topic (rooms, parameters, …), created on first use, dropped by the bus. */
  cache<V>(topic: string, opts?: Partial<ProcessCacheOptions<V>>): ProcessCache<V>;
}

let current: Runtime | null = null;

export function initRuntime(strapi: any): Runtime {
  const redisUrl = process.env.REDIS_URL || '';
  const store = createKeyValueStore({
    url: redisUrl || undefined,
    prefix: process.env.REDIS_PREFIX || 'sr:',
    commandTimeoutMs: Number(process.env.REDIS_COMMAND_TIMEOUT_MS) || undefined,
    pauseMs: Number(process.env.REDIS_PAUSE_MS) || undefined,
  });
  if (store.kind === 'memory') {
    strapi.log.warn('[redis] REDIS_URL is not set: using the in-process store (fine for one process on SQLite; set REDIS_URL in production)');
  }
  const scheduler = new JobScheduler(store, strapi.log, (process.env.JOBS_ENABLED ?? 'true') !== 'false');
  const bus = new InvalidationBus(store, {
    heartbeatMs: Number(process.env.CACHE_HEARTBEAT_MS) || 250,
    // With Redis unreachable no process hears another's changes: entries live this long (under a second).
    offlineTtlMs: Number(process.env.CACHE_OFFLINE_TTL_MS) || undefined,
    log: strapi.log,
    observer: {
      invalidated: (topic, key) => cacheInvalidations.inc({ topic, scope: key === null ? 'all' : 'one' }),
      gap: () => cacheGaps.inc(),
    },
  });
  const memberAuth = new MemberAuthCache(bus, { ttlMs: Number(process.env.AUTH_CACHE_TTL_MS) || 60_000 });
  const caches = new Map<string, ProcessCache<any>>();
  const cache = <V>(topic: string, opts: Partial<ProcessCacheOptions<V>> = {}): ProcessCache<V> => {
    let found = caches.get(topic);
    // The TTL is a safety net against a change made outside the application (straight SQL).
    if (!found) caches.set(topic, (found = new ProcessCache<V>(bus, topic, { ...opts, ttlMs: opts.ttlMs ?? 300_000 })));
    return found;
  };
  current = { store, scheduler, bus, memberAuth, cache };
  return current;
}

export function runtime(): Runtime {
  if (!current) throw new Error('platform runtime used before initRuntime()');
  return current;
}

export async function closeRuntime() {
  if (!current) return;
  const r = current;
  current = null;
  r.bus.stop();
  await r.scheduler.stop();
  await r.store.close();
}
