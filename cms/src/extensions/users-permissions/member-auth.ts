import { runtime } from '../../platform/runtime';
import { bearerToken, verifiedAccessToken } from '../../platform/access-tokens';
import { memberAccountsRepository } from '../../repositories/members';
import { onlyExpiredSessions, type Revalidate } from '../../platform/member-auth-cache';
import { memberAuthLookups } from '../../platform/metrics';

/**
 * Member authentication from the in-process cache (platform/member-auth-cache.ts).
 *
 * users-permissions' own strategy verifies the JWT, then reads the user (twice in refresh mode), the
 * advanced settings, the role's permissions and builds an ability: about seven statements per request.
 * Wrapped here: the JWT is verified as before (signature and expiry, no I/O; once per token and process,
 * platform/access-tokens.ts), and the rest comes from
 * the cache when it holds this user and session; on a miss the original strategy runs, the session is
 * checked to be still live (logout and revocation delete it), and the answer is cached.
 *
 * While Redis is unreachable, a member is loaded with a fingerprint (the permissions' stamp, read first,
 * and the member row's block, ban, role and last change), and `stillCurrent` checks every cached member
 * past its short offline lifetime in four statements, whoever is asking.
 */
type Strategy = { name: string; authenticate(ctx: any): Promise<any>; verify?: (...args: any[]) => unknown };

const SESSION_UID = 'admin::session';

const time = (v: unknown) => (v === null || v === undefined ? '' : String(new Date(v as any).getTime()));

/** What a member's authentication was loaded from, as the member row gives it (see `authStandings`). */
export function memberFingerprint(permissionsStamp: string, user: any): string {
  return [permissionsStamp, user.blocked ? 1 : 0, user.confirmed ? 1 : 0, time(user.ban_until), time(user.updatedAt), user.role?.id ?? ''].join('#');
}

export function withMemberAuthCache(strategy: Strategy, strapi: any): Strategy {
  const original = strategy.authenticate.bind(strategy);
  const refreshMode = () => strapi.config.get('plugin::users-permissions.jwtManagement', 'legacy-support') === 'refresh';

  const accounts = memberAccountsRepository(strapi);
  const stillCurrent: Revalidate = async (candidates) => {
    const permissions = await accounts.permissionsStamp();
    const users = await accounts.authStandings([...new Set(candidates.map((c) => c.userId))]);
    const sessions = await accounts.liveSessions([...new Set(candidates.flatMap((c) => (c.sessionId ? [c.sessionId] : [])))], new Date());
    return new Set(
      candidates
        .filter((c) => users.has(c.userId) && c.fingerprint === memberFingerprint(permissions, users.get(c.userId)) && (!c.sessionId || sessions.has(c.sessionId)))
        .map((c) => c.key),
    );
  };

  return {
    ...strategy,
    async authenticate(ctx: any) {
      const bearer = bearerToken(ctx);
      if (!refreshMode() || !bearer) return original(ctx);

      const verified = verifiedAccessToken(strapi, bearer);
      if (!verified) return { authenticated: false };
      const { userId, sessionId } = verified;

      const cache = runtime().memberAuth;
      const hit = await cache.getOrRevalidate(userId, sessionId, stillCurrent);
      memberAuthLookups.inc({ result: hit ? (hit.revalidated ? 'revalidated' : 'cache') : 'loaded' });
      if (hit) {
        // A copy: nothing a request does to its user object reaches the next request.
        const user = { ...hit.user };
        ctx.state.user = user;
        if (sessionId) ctx.state.session = { id: sessionId };
        return { authenticated: true, credentials: user, ability: hit.ability };
      }

      const stamp = cache.stamp();
      // Only needed to revalidate the entry while messages do not flow (read before the permissions are).
      const permissions = cache.trusted() ? null : await accounts.permissionsStamp();
      const result = await original(ctx);
      if (!result?.authenticated || !result.credentials) return result;
      const sessionUntil = sessionId ? await accounts.sessionLiveUntil(sessionId, new Date()) : undefined;
      if (sessionUntil === null) {
        ctx.state.user = undefined;
        return { error: 'Your session has ended (logged out or revoked); please log in again.' };
      }
      const fingerprint = permissions === null ? undefined : memberFingerprint(permissions, result.credentials);
      // Never served past the session's own expiry, so deleting expired sessions needs no invalidation.
      cache.set(userId, sessionId, { user: { ...result.credentials }, ability: result.ability, fingerprint, validUntil: sessionUntil?.getTime() }, stamp);
      return result;
    },
  };
}

/**
 * The admin's content-API token strategy runs before users-permissions and looks every bearer up in
 * the API-token table: one statement per member request for nothing. Strapi's API tokens are hex
 * strings; a bearer with a dot is a JWT and is left to users-permissions without that lookup.
 */
export function skipApiTokenLookupForJwts(strapi: any) {
  const auth = strapi.get('auth');
  const add = auth.register;
  auth.register = function register(type: string, strategy: Strategy) {
    if (type !== 'content-api' || strategy?.name !== 'content-api-token') return add.call(this, type, strategy);
    const original = strategy.authenticate.bind(strategy);
    return add.call(this, type, {
      ...strategy,
      async authenticate(ctx: any) {
        const token = bearerToken(ctx);
        if (token && token.includes('.')) return { authenticated: false };
        return original(ctx);
      },
    });
  };
}

/** Every write that can refuse or re-scope a member drops the cached entries, on every process. */
export function subscribeMemberAuthInvalidation(strapi: any) {
  const cache = () => runtime().memberAuth;
  const userIdsOf = (event: any): number[] | null => {
    const ids = [event.result?.id, event.params?.where?.id].filter((v) => typeof v === 'number' || typeof v === 'string');
    return ids.length ? [...new Set(ids.map(Number))] : null;
  };

  strapi.db.lifecycles.subscribe({
    models: ['plugin::users-permissions.user'],
    // Block, ban, role change, profile edits: the cached user row is out of date.
    async afterUpdate(event: any) {
      const ids = userIdsOf(event);
      if (ids) for (const id of ids) await cache().invalidateUser(id);
      else await cache().invalidateAll();
    },
    async afterUpdateMany() {
      await cache().invalidateAll();
    },
    async afterDelete(event: any) {
      const ids = userIdsOf(event);
      if (ids) for (const id of ids) await cache().invalidateUser(id);
      else await cache().invalidateAll();
    },
    async afterDeleteMany() {
      await cache().invalidateAll();
    },
  });

  strapi.db.lifecycles.subscribe({
    models: ['plugin::users-permissions.role', 'plugin::users-permissions.permission'],
    // A role's permissions changed: every cached ability may be wrong.
    async afterCreate() {
      await cache().invalidateAll();
    },
    async afterUpdate() {
      await cache().invalidateAll();
    },
    async afterDelete() {
      await cache().invalidateAll();
    },
    async afterDeleteMany() {
      await cache().invalidateAll();
    },
  });

  // Logout, revocation and refresh rotation delete or update sessions of one user.
  const sessionUser = async (event: any) => {
    const userId = event.result?.userId ?? event.params?.where?.userId ?? event.params?.data?.userId;
    if (userId !== undefined && userId !== null && !Number.isNaN(Number(userId))) await cache().invalidateUser(Number(userId));
    else await cache().invalidateAll();
  };
  strapi.db.lifecycles.subscribe({
    models: [SESSION_UID],
    async afterUpdate(event: any) {
      await sessionUser(event);
    },
    async afterDelete(event: any) {
      await sessionUser(event);
    },
    async afterDeleteMany(event: any) {
      // Strapi deletes the expired sessions every fifty logins or refreshes. No cached member can stand on
      // one of those (entries end with their session), so that sweep must not empty every process's cache.
      if (onlyExpiredSessions(event.params?.where)) return;
      await sessionUser(event);
    },
  });
}
