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
 *
 * While the bus is untrusted, an entry past that lifetime is not simply reloaded (about seven statements
 * per member): `getOrRevalidate` asks the database, for every such entry at once, whether what the entry
 * was loaded from is unchanged (its fingerprint: the member row, the permissions, the session), and
 * serves the unchanged ones for another offline lifetime. One check is shared by all requests waiting
 * for it, so a process with Redis down pays a few statements per lifetime, not per request.
 */
export interface CachedMemberAuth {
  user: Record<string, any>;
  ability: unknown;
  /** What the entry was loaded from (see `Revalidate`); entries without one are never revalidated. */
  fingerprint?: string;
  /** When the member's session ends (ms since the epoch): the entry is not served from then on. */
  validUntil?: number;
}

/** An entry past its offline lifetime, as handed to a `Revalidate` check. */
export interface RevalidationCandidate {
  key: string;
  userId: number;
  sessionId: string | undefined;
  fingerprint: string;
}

/** The keys of the candidates whose fingerprint the database still gives (and whose session is live). */
export type Revalidate = (candidates: RevalidationCandidate[]) => Promise<Set<string>>;

/** Entries checked by one revalidation at most (one `IN` list per table). */
const MAX_REVALIDATED = 2_000;

export const AUTH_TOPIC = 'auth';

/** A delete whose only condition is an absolute expiry before a moment not in the future. */
export function onlyExpiredSessions(where: unknown, now = Date.now()): boolean {
  if (!where || typeof where !== 'object') return false;
  const keys = Object.keys(where);
  if (keys.length !== 1 || keys[0] !== 'absoluteExpiresAt') return false;
  const condition = (where as any).absoluteExpiresAt;
  if (!condition || typeof condition !== 'object' || Object.keys(condition).length !== 1) return false;
  const before = condition.$lt ?? condition.$lte;
  return before !== undefined && new Date(before).getTime() <= now;
}

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
  /** The revalidation under way: requests that find their entry past its offline lifetime share it. */
  private revalidating: Promise<void> | null = null;

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
    const now = this.bus.stamp();
    if (entry.validUntil !== undefined && now.at >= entry.validUntil) {
      this.entries.delete(key);
      return null;
    }
    if (this.bus.fresh(entry.stamp, this.opts.ttlMs)) return entry;
    // Past its offline lifetime but still within the TTL and the epoch: `getOrRevalidate` may restore it.
    if (!this.restorable(entry, now)) this.entries.delete(key);
    return null;
  }

  /** `get`, and when the entry is only past its offline lifetime, the shared `revalidate` check first. */
  async getOrRevalidate(userId: number, sessionId: string | undefined, revalidate: Revalidate): Promise<(CachedMemberAuth & { revalidated?: true }) | null> {
    const hit = this.get(userId, sessionId);
    if (hit) return hit;
    const key = `${userId}:${sessionId ?? ''}`;
    if (!this.entries.has(key)) return null;
    await (this.revalidating ??= this.revalidate(revalidate, key).finally(() => (this.revalidating = null)));
    const checked = this.get(userId, sessionId);
    return checked && { ...checked, revalidated: true };
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

  /** Same epoch (no gap since its load), within the TTL, and loaded with a fingerprint. */
  private restorable(entry: CachedMemberAuth & { stamp: CacheStamp }, now: CacheStamp) {
    return entry.fingerprint !== undefined && entry.stamp.epoch === now.epoch && now.at - entry.stamp.at < this.opts.ttlMs;
  }

  /**
   * Checks the entries past (or halfway to) their offline lifetime, and stamps the unchanged ones with the
   * time the check began, as if they had been loaded then. Nothing is kept when an invalidation arrived
   * meanwhile, or when the check fails (the database is down: those members are loaded again).
   */
  private async revalidate(revalidate: Revalidate, requestedKey: string) {
    const stamp = this.bus.stamp();
    const generation = this.generation;
    const halfLife = this.bus.offlineTtlMs() / 2;
    const checked = new Map<string, CachedMemberAuth & { stamp: CacheStamp }>();
    const candidates: RevalidationCandidate[] = [];
    const consider = (key: string, entry: (CachedMemberAuth & { stamp: CacheStamp }) | undefined) => {
      if (!entry || checked.has(key) || candidates.length >= MAX_REVALIDATED) return;
      if (!this.restorable(entry, stamp) || stamp.at - entry.stamp.at < halfLife) return;
      checked.set(key, entry);
      const colon = key.indexOf(':');
      candidates.push({ key, userId: Number(key.slice(0, colon)), sessionId: key.slice(colon + 1) || undefined, fingerprint: entry.fingerprint! });
    };
    // The member asking first, then every other entry that would soon need the same check.
    consider(requestedKey, this.entries.get(requestedKey));
    for (const [key, entry] of this.entries) consider(key, entry);
    if (!candidates.length) return;
    let unchanged: Set<string>;
    try {
      unchanged = await revalidate(candidates);
    } catch {
      return;
    }
    if (generation !== this.generation) return;
    for (const key of unchanged) {
      const entry = this.entries.get(key);
      if (entry && entry === checked.get(key)) this.entries.set(key, { ...entry, stamp });
    }
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
