import type { InvalidationBus } from './invalidation-bus';

/**
 * Who a member's access token stands for (the user row with its role, and the role's permission
 * ability), kept in this process so that an authenticated request needs no database round trip.
 *
 * Correctness comes from the invalidation bus (platform/invalidation-bus.ts): every change that can
 * refuse or re-scope a member (role or permissions, block, ban, logout, refresh rotation, session
 * revocation) drops the entries here and on every other process, and nothing is served while the bus
 * cannot show that messages flow. The TTL is a last safety net against a change made outside the
 * application.
 */
export interface CachedMemberAuth {
  user: Record<string, any>;
  ability: unknown;
}

export const AUTH_TOPIC = 'auth';

export class MemberAuthCache {
  private readonly entries = new Map<string, CachedMemberAuth & { expiresAt: number }>();
  private readonly keysByUser = new Map<number, Set<string>>();

  constructor(
    private readonly bus: InvalidationBus,
    private readonly opts: { ttlMs: number; now?: () => number },
  ) {
    bus.on(AUTH_TOPIC, (key) => (key === null ? this.forgetAll() : this.forgetUser(Number(key))));
    bus.onGap(() => this.forgetAll());
  }

  private now() {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  /** Messages flow (the bus hears its own heartbeat): cached entries can be trusted. */
  trusted(): boolean {
    return this.bus.trusted();
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
    for (const key of this.keysByUser.get(userId) ?? []) this.entries.delete(key);
    this.keysByUser.delete(userId);
  }

  private forgetAll() {
    this.entries.clear();
    this.keysByUser.clear();
  }
}
