import { randomUUID } from 'crypto';
import type { KeyValueStore } from './kv-store';

/**
 * The one lock helper: a Redis lease so that a cron job runs on one process of the cluster at a time.
 * It only decides *who runs* a job; correctness never depends on it (every job is an idempotent,
 * conditional update in the database), so a lease that lapses mid-run costs duplicate work, not data.
 */
export async function withClusterLock<T>(
  store: KeyValueStore,
  name: string,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false; reason: 'held' | 'store_down' }> {
  const token = randomUUID();
  const key = `lock:${name}`;
  let acquired: boolean;
  try {
    acquired = await store.setIfAbsent(key, token, ttlMs);
  } catch {
    return { ran: false, reason: 'store_down' };
  }
  if (!acquired) return { ran: false, reason: 'held' };
  try {
    return { ran: true, result: await work() };
  } finally {
    await store.deleteIfEquals(key, token).catch(() => undefined);
  }
}
