import { DomainError } from '../platform/errors';
import { rateLimited, rateLimitErrors } from '../platform/metrics';
import { RateLimits, rateClassOf, rateLimitConfig } from '../platform/rate-limits';
import { bearerToken, verifiedAccessToken } from '../platform/access-tokens';
import { runtime } from '../platform/runtime';

/**
 * Member API rate limits (platform/rate-limits.ts), before any body parsing or database work: the
 * member comes from the access token's signature alone (no database; remembered until it expires), the
 * address from the request (X-Forwarded-For only when TRUST_PROXY is set). Over the limit: 429 RATE_LIMITED with Retry-After.
 * If Redis fails, the request goes through (counted in rate_limit_errors_total): limits protect the
 * service, they must not take it down.
 */
export default (_config: unknown, { strapi }: { strapi: any }) => {
  const config = rateLimitConfig();
  if (!config.enabled) {
    strapi.log.info('[rate-limit] disabled (RATE_LIMIT_ENABLED=false)');
    return (_ctx: any, next: () => Promise<void>) => next();
  }
  let limits: RateLimits | null = null;
  const limitsNow = () => (limits ??= new RateLimits(config, runtime().store, process.env.REDIS_PREFIX || 'sr:'));

  const memberOf = (ctx: any): string | null => {
    const bearer = bearerToken(ctx);
    const token = bearer ? verifiedAccessToken(strapi, bearer) : null;
    return token ? String(token.userId) : null;
  };

  return async (ctx: any, next: () => Promise<void>) => {
    const cls = rateClassOf(ctx.method, ctx.path);
    if (!cls) return next();
    let verdict;
    try {
      verdict = await limitsNow().consume(cls, ctx.request.ip, memberOf(ctx));
    } catch {
      rateLimitErrors.inc();
      return next();
    }
    if (!verdict.allowed) {
      rateLimited.inc({ class: cls, scope: verdict.scope });
      throw new DomainError(
        'RATE_LIMITED',
        `Too many requests; please wait ${verdict.retryAfterSeconds} second${verdict.retryAfterSeconds === 1 ? '' : 's'} and try again.`,
        { class: cls, scope: verdict.scope, retryAfter: verdict.retryAfterSeconds },
        { 'Retry-After': String(verdict.retryAfterSeconds) },
      );
    }
    return next();
  };
};
