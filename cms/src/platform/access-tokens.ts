/**
 * Members' access tokens, checked once per process and remembered until they expire. Checking an HS256
 * signature with jsonwebtoken costs this machine about 0.5 ms of CPU (bench/rate-limit.js) – more than the
 * rest of a cached member request – and a member sends the same token with every request until it
 * expires. The rate limiter and member authentication share the one memo. Logout and revocation are not
 * this module's concern: they end the session, which authentication checks through its own cache.
 */

/** Remembers what `verify` said of a token until the token's own expiry; bounded, the oldest go first. */
export class VerifiedTokens<T extends { expiresAt: number }> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity = 10_000) {}

  /** What `verify` says of `token`, asking it only when the token is not remembered (or has expired). */
  check(token: string, verify: (token: string) => T | null, now = Date.now()): T | null {
    const known = this.entries.get(token);
    if (known && known.expiresAt > now) return known;
    if (known) this.entries.delete(token);
    const checked = verify(token);
    if (!checked || checked.expiresAt <= now) return null;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, checked);
    return checked;
  }

  get size() {
    return this.entries.size;
  }
}

export interface AccessToken {
  userId: number;
  sessionId: string | undefined;
  expiresAt: number;
}

const memo = new VerifiedTokens<AccessToken>();

/** The member's access token (signature, expiry and type checked by users-permissions), or null. */
export function verifiedAccessToken(strapi: any, token: string, now = Date.now()): AccessToken | null {
  return memo.check(
    token,
    (t) => {
      try {
        const result = strapi.sessionManager('users-permissions').validateAccessToken(t);
        if (!result?.isValid || result.payload?.type !== 'access') return null;
        const exp = Number(result.payload.exp);
        return { userId: Number(result.payload.userId), sessionId: result.payload.sessionId, expiresAt: Number.isFinite(exp) ? exp * 1000 : now + 60_000 };
      } catch {
        return null;
      }
    },
    now,
  );
}

/** The token of an `Authorization: Bearer <token>` header (any case, any spacing), or null. */
export function bearerToken(ctx: any): string | null {
  const header: unknown = ctx.request?.header?.authorization;
  if (typeof header !== 'string') return null;
  const match = /^bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}
