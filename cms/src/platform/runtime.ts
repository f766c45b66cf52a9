import { createKeyValueStore, type KeyValueStore } from './kv-store';
import { JobScheduler } from './scheduler';
import { MemberAuthCache } from './member-auth-cache';

/**
 * Process-wide services the app and both plugins share: the one key-value store (Redis) and the one
 * job scheduler. Created in the app's register(), closed in destroy().
 */
export interface Runtime {
  store: KeyValueStore;
  scheduler: JobScheduler;
  /** Members' identity and permissions, cached per process, invalidated across processes. */
  memberAuth: MemberAuthCache;
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
  const memberAuth = new MemberAuthCache(store, {
    ttlMs: Number(process.env.AUTH_CACHE_TTL_MS) || 60_000,
    heartbeatMs: Number(process.env.AUTH_CACHE_HEARTBEAT_MS) || 250,
    log: strapi.log,
  });
  current = { store, scheduler, memberAuth };
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
  r.memberAuth.stop();
  await r.scheduler.stop();
  await r.store.close();
}
