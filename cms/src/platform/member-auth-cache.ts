import type { CacheStamp, InvalidationBus } from './invalidation-bus';

/**
 * Who a member's access token stands for (the user row with its role, and the role's permission
 * ability), kept in this process so that an authenticated request needs no database round trip.
 *
 * Correctness comes from the invalidation bus (platform/invalidation-bus.ts): every change that can
 * refuse or re-scope a member (role or permissions, block, ban, logout, refresh rotation, session
 * revocation) drops the entries here and on every other process; while the bus cannot show that
 * messages flow (Redis down), entries are served only for its short offline lifetime, so a change on
 * another process is still honoured within a second. The TTL is a last safety net against a change
 * made outside the application.
 */
export interface CachedMemberAuth {
  user: Record<string, any>;
  ability: unknown;
}

export const AUTH_TOPIC = 'auth';

/** Taken before a member is loaded (`MemberAuthCache.stamp()`), handed back to `set`. */
export interface MemberAuthStamp {
  bus: CacheStamp;
  generation: number;
}

export class MemberAuthCache {
  private readonly entries = new Map<string, CachedMemberAuth & { stamp: CacheStamp }>();
  private readonly keysByUser = new Map<number, Set<string>>();
  /** Bumped by every invalidation: a member loaded meanwhile may have been read before the change. */
  private generation = 0;

  constructor(
    private readonly bus: InvalidationBus,
    private readonly opts: { ttlMs: number },
  ) {
    bus.on(AUTH_TOPIC, (key) => (key === null ? this.forgetAll() : this.forgetUser(Number(key))));
    bus.onGap(() => this.forgetAll());
  }

  /** Messages flow (the bus hears its own heartbeat): entries live their full TTL. */
  trusted(): boolean {
    return this.bus.trusted();
  }

  get(userId: number, sessionId: string | undefined): CachedMemberAuth | null {
    const key = `${userId}:${sessionId ?? ''}`;
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (!this.bus.fresh(entry.stamp, this.opts.ttlMs)) {
      this.entries.delete(key);
      return null;
    }
    return entry;
  }

  /** Take before loading a member; pass to `set`. */
  stamp(): MemberAuthStamp {
    return { bus: this.bus.stamp(), generation: this.generation };
  }

  /** Keeps what was loaded since `stamp`, unless a member changed meanwhile. */
  set(userId: number, sessionId: string | undefined, value: CachedMemberAuth, stamp: MemberAuthStamp) {
    if (stamp.generation !== this.generation) return;
    const key = `${userId}:${sessionId ?? ''}`;
    this.entries.set(key, { ...value, stamp: stamp.bus });
    const keys = this.keysByUser.get(userId) ?? new Set<string>();
    keys.add(key);
    this.keysByUser.set(userId, keys);
  }

  /** A member changed (block, ban, role, session): drop them here and on every other process. */
  async invalidateUser(userId: number) {
    await this.bus.invalidate(AUTH_TOPIC, String(userId));
  }

  /** Something that concerns every member changed (a role's permissions): drop everything everywhere. */
  async invalidateAll() {
    await this.bus.invalidate(AUTH_TOPIC, null);
  }

  get size() {
    return this.entries.size;
  }

  private forgetUser(userId: number) {
    this.generation += 1;
    for (const key of this.keysByUser.get(userId) ?? []) this.entries.delete(key);
    this.keysByUser.delete(userId);
  }

  private forgetAll() {
    this.generation += 1;
    this.entries.clear();
    this.keysByUser.clear();
  }
}
