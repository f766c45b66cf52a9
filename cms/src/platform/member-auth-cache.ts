import type { KeyValueStore } from './kv-store';

/**
 * Who a member's access token stands for (the user row with its role, and the role's permission
 * ability), kept in this process so that an authenticated request needs no database round trip.
 *
 * Correctness comes from invalidation, not from the TTL:
 * - every change that can refuse or re-scope a member (role or permissions, block, ban, logout,
 *   refresh rotation, session revocation) drops the entries here and is published on Redis pub/sub,
 *   so every other process drops them too;
 * - the cache is only trusted while messages demonstrably flow: each process publishes a heartbeat
 *   and hears its own. With Redis down or frozen, or a heartbeat late, every request goes to the
 *   database, and everything cached before is forgotten once messages flow again (some may have been
 *   missed meanwhile).
 * The TTL is a last safety net against a change made outside the application.
 */
export interface CachedMemberAuth {
  user: Record<string, any>;
  ability: unknown;
}

type Message = { t: 'user'; id: number } | { t: 'all' } | { t: 'beat'; from: string };

export const AUTH_CHANNEL = 'auth:invalidate';

export class MemberAuthCache {
  private readonly entries = new Map<string, CachedMemberAuth & { expiresAt: number }>();
  private readonly keysByUser = new Map<number, Set<string>>();
  private readonly me = Math.random().toString(36).slice(2);
  private lastHeardAt = 0;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: KeyValueStore,
    private readonly opts: { ttlMs: number; heartbeatMs: number; now?: () => number; log?: { warn(m: string): void } },
  ) {}

  private now() {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  /** Subscribes and starts the heartbeat; until the first message is heard the cache is not used. */
  start() {
    this.store.subscribe(AUTH_CHANNEL, (raw) => this.receive(raw), () => this.forgetAll());
    const beat = () => void this.store.publish(AUTH_CHANNEL, JSON.stringify({ t: 'beat', from: this.me })).catch(() => undefined);
    beat();
    this.heartbeat = setInterval(beat, this.opts.heartbeatMs);
    this.heartbeat.unref();
  }

  stop() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.forgetAll();
  }

  /** Messages flow (our own heartbeat came back recently): cached entries can be trusted. */
  trusted(): boolean {
    // Four beats of slack: a busy event loop delays a beat without anything being missed.
    return this.now() - this.lastHeardAt <= this.opts.heartbeatMs * 4;
  }

  get(userId: number, sessionId: string | undefined): CachedMemberAuth | null {
    if (!this.trusted()) return null;
    const key = `${userId}:${sessionId ?? ''}`;
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry;
  }

  set(userId: number, sessionId: string | undefined, value: CachedMemberAuth) {
    if (!this.trusted()) return;
    const key = `${userId}:${sessionId ?? ''}`;
    this.entries.set(key, { ...value, expiresAt: this.now() + this.opts.ttlMs });
    const keys = this.keysByUser.get(userId) ?? new Set<string>();
    keys.add(key);
    this.keysByUser.set(userId, keys);
  }

  /** A member changed (block, ban, role, session): drop them here and on every other process. */
  async invalidateUser(userId: number) {
    this.forgetUser(userId);
    await this.send({ t: 'user', id: userId });
  }

  /** Something that concerns every member changed (a role's permissions): drop everything everywhere. */
  async invalidateAll() {
    this.forgetAll();
    await this.send({ t: 'all' });
  }

  get size() {
    return this.entries.size;
  }

  private async send(message: Message) {
    try {
      await this.store.publish(AUTH_CHANNEL, JSON.stringify(message));
    } catch {
      // Not heard by the others: their heartbeats fail the same way, so they stop trusting their caches.
      this.opts.log?.warn('[auth-cache] could not publish an invalidation (Redis unreachable); other processes fall back to the database');
    }
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
        if (!this.trusted()) this.forgetAll();
        this.lastHeardAt = this.now();
      }
      return;
    }
    if (message.t === 'user') this.forgetUser(Number(message.id));
    else if (message.t === 'all') this.forgetAll();
  }

  private forgetUser(userId: number) {
    for (const key of this.keysByUser.get(userId) ?? []) this.entries.delete(key);
    this.keysByUser.delete(userId);
  }

  private forgetAll() {
    this.entries.clear();
    this.keysByUser.clear();
  }
}
