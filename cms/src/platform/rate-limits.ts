import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { KeyValueStore } from './kv-store';

/**
 * Rate limits of the member API (issue 11): three classes with their own budgets, counted per member
 * (the access token's subject) and per client address, in Redis so every process spends the same budget.
 * Staff admin routes (outside /api) and WeChat's notifications are not limited here.
 */
export type RateClass = 'read' | 'write' | 'sensitive';
export const RATE_CLASSES: RateClass[] = ['read', 'write', 'sensitive'];

export interface RateLimitConfig {
  enabled: boolean;
  windowSeconds: number;
  member: Record<RateClass, number>;
  ip: Record<RateClass, number>;
}

const int = (env: NodeJS.ProcessEnv, name: string, fallback: number) => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1 (got "${raw}")`);
  return n;
};

/** Limits from the environment (documented in .env.example); budgets are requests per window. */
export function rateLimitConfig(env: NodeJS.ProcessEnv = process.env): RateLimitConfig {
  return {
    enabled: (env.RATE_LIMIT_ENABLED ?? 'true') !== 'false',
    windowSeconds: int(env, 'RATE_LIMIT_WINDOW_SECONDS', 60),
    member: {
      read: int(env, 'RATE_LIMIT_READ', 300),
      write: int(env, 'RATE_LIMIT_WRITE', 60),
      sensitive: int(env, 'RATE_LIMIT_SENSITIVE', 20),
    },
    ip: {
      read: int(env, 'RATE_LIMIT_IP_READ', 1200),
      write: int(env, 'RATE_LIMIT_IP_WRITE', 240),
      sensitive: int(env, 'RATE_LIMIT_IP_SENSITIVE', 60),
    },
  };
}

const EXEMPT = [
  /^\/api\/payments\/wechat\//, // WeChat's signed notifications: limiting them would delay money
  /^\/api\/(health|ping|metrics)$/, // the proxy's and the scraper's probes
];
const SENSITIVE: [string, RegExp][] = [
  ['POST', /^\/api\/auth\//], // login, token refresh
  ['POST', /^\/api\/booking\/bookings$/], // booking creation
  ['POST', /^\/api\/booking\/bookings\/[^/]+\/payment$/],
  ['POST', /^\/api\/booking\/checkin$/],
  ['POST', /^\/api\/booking\/waitlist$/], // joining the line can make a hold at once, like booking
  ['*', /^\/api\/payments\//], // recharges, membership purchase, refund requests (writes)
];

/** The class of a request, or null when it is not limited as a member's (admin, WeChat, probes). */
export function rateClassOf(method: string, path: string): RateClass | null {
  if (!path.startsWith('/api/') || method === 'OPTIONS') return null;
  if (EXEMPT.some((re) => re.test(path))) return null;
  const read = method === 'GET' || method === 'HEAD';
  if (!read && SENSITIVE.some(([m, re]) => (m === '*' || m === method) && re.test(path))) return 'sensitive';
  return read ? 'read' : 'write';
}

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: 'member' | 'ip' };

/** One limiter per class and scope, on the project's one Redis client (or in memory without REDIS_URL). */
export class RateLimits {
  private readonly limiters: Record<'member' | 'ip', Record<RateClass, RateLimiterAbstract>>;

  constructor(readonly config: RateLimitConfig, store: KeyValueStore, prefix: string) {
    const make = (scope: 'member' | 'ip', cls: RateClass): RateLimiterAbstract => {
      const opts = { points: config[scope][cls], duration: config.windowSeconds, keyPrefix: `${prefix}rl:${scope}:${cls}` };
      return store.client ? new RateLimiterRedis({ ...opts, storeClient: store.client }) : new RateLimiterMemory(opts);
    };
    this.limiters = {
      member: { read: make('member', 'read'), write: make('member', 'write'), sensitive: make('member', 'sensitive') },
      ip: { read: make('ip', 'read'), write: make('ip', 'write'), sensitive: make('ip', 'sensitive') },
    };
  }

  /**
   * Spends one point of the member's budget (when the caller is a member) and one of the address's.
   * Store errors are thrown to the caller (which lets the request through: see the middleware).
   */
  async consume(cls: RateClass, ip: string, memberId: string | null): Promise<LimitVerdict> {
    const spend = (scope: 'member' | 'ip', key: string) =>
      this.limiters[scope][cls].consume(key, 1).then(
        () => null,
        (rejection: unknown) => {
          if (rejection instanceof RateLimiterRes) return { scope, ms: rejection.msBeforeNext };
          throw rejection;
        },
      );
    const results = await Promise.all(memberId ? [spend('member', memberId), spend('ip', ip)] : [spend('ip', ip)]);
    const refused = results.filter((r): r is { scope: 'member' | 'ip'; ms: number } => r !== null);
    if (refused.length === 0) return { allowed: true };
    const worst = refused.reduce((a, b) => (b.ms > a.ms ? b : a));
    return { allowed: false, scope: worst.scope, retryAfterSeconds: Math.max(1, Math.ceil(worst.ms / 1000)) };
  }
}
