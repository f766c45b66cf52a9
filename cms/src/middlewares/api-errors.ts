import { errors as strapiErrors } from '@strapi/utils';
import { fail, isDomainError, type DomainError, type ErrorCode } from '../platform/errors';
import { databaseReachable, databaseUnavailable, isDatabaseUnreachable } from '../platform/db-health';

/**
 * Gives every /api error body a stable `details.code` (API.md). Our own DomainErrors carry one;
 * errors raised by Strapi itself (auth, policies, unknown routes, malformed JSON, validation of the
 * generic content API) are mapped here so a client never has to parse a message.
 */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'VALIDATION',
  415: 'VALIDATION',
  429: 'RATE_LIMITED',
};

const STATUS_BY_CLASS: [unknown, number][] = [
  [strapiErrors.UnauthorizedError, 401],
  [strapiErrors.ForbiddenError, 403],
  [strapiErrors.PolicyError, 403],
  [strapiErrors.NotFoundError, 404],
  [strapiErrors.PayloadTooLargeError, 413],
  [strapiErrors.RateLimitError, 429],
];

function friendlyMessage(status: number, message: string | undefined): string {
  if (status === 400 && message && /json/i.test(message)) return 'The request body is not valid JSON; send a JSON object.';
  if (status === 401) return message && message !== 'Unauthorized' ? message : 'Please log in again: your session is missing or has expired.';
  if (status === 403 && (!message || message === 'Forbidden' || message === 'Policy Failed')) return 'You are not allowed to do this.';
  if (status === 404 && (!message || message === 'Not Found')) return 'Nothing was found at this address.';
  if (status === 405) return 'This address does not accept this HTTP method; the Allow header lists the ones it does.';
  return message || 'The request could not be processed.';
}

function shape(status: number, name: string, message: string | undefined, details: any, ctx?: any) {
  // users-permissions answers 403 to anonymous callers of member routes: that means "log in", not "not yours".
  if (status === 403 && ctx && !ctx.state.user && !ctx.request.header.authorization) {
    ctx.status = 401;
    return shape(401, 'UnauthorizedError', 'Please log in to do this.', {});
  }
  const code = (details && typeof details.code === 'string' && details.code) || CODE_BY_STATUS[status] || (status >= 500 ? undefined : 'VALIDATION');
  return {
    data: null,
    error: { status, name, message: friendlyMessage(status, message), details: { ...(details ?? {}), ...(code ? { code } : {}) } },
  };
}

function reply(ctx: any, error: DomainError) {
  ctx.status = error.status;
  for (const [h, v] of Object.entries(error.headers ?? {})) ctx.set(h, v);
  ctx.body = error.toBody();
}

/** The body parser could not read the body (formidable: multipart without boundary, JSON under a multipart header…). */
const isUnreadableBody = (e: any) => typeof e?.httpCode === 'number' && typeof e?.code === 'number';

export default (_config: unknown = {}, { strapi }: { strapi?: any } = {}) => {
  const db = () => strapi ?? (globalThis as any).strapi;
  return async (ctx: any, next: () => Promise<void>) => {
    if (!ctx.path.startsWith('/api/') && ctx.path !== '/api') {
      // Admin-panel routes of our plugins: our refusals keep their status and code there too.
      try {
        return await next();
      } catch (error: any) {
        if (!isDomainError(error)) throw error;
        return reply(ctx, error);
      }
    }
    // An empty path segment (`/api/booking/rooms//`) names nothing, whatever the method.
    if (ctx.path.includes('//')) {
      ctx.status = 404;
      ctx.body = shape(404, 'NotFoundError', `No route ${ctx.method} ${ctx.path}: the address has an empty segment ("//").`, {});
      return;
    }
    try {
      await next();
      if (!ctx.response._explicitStatus) {
        ctx.status = 404;
        ctx.body = shape(404, 'NotFoundError', `No route ${ctx.method} ${ctx.path}.`, {});
        return;
      }
      const body = ctx.body;
      // users-permissions' auth strategy swallows a failed user lookup and answers 401: with a dead
      // database that would tell a member with a valid token to log in again.
      if (ctx.status === 401 && ctx.request.header.authorization && !(await databaseReachable(db()))) {
        return reply(ctx, databaseUnavailable());
      }
      // Helpers such as ctx.unauthorized() may set an error body without throwing.
      if (ctx.status >= 400 && body && typeof body === 'object' && body.error && !body.error.details?.code) {
        ctx.body = shape(ctx.status, body.error.name, body.error.message, body.error.details, ctx);
      } else if (ctx.status >= 400 && (body === null || body === undefined || typeof body === 'string' || Buffer.isBuffer(body))) {
        // The router's allowedMethods() answers a wrong method with a plain-text 405 (keeping Allow),
        // and a method it does not implement at all (TRACE…) with 501: both are the caller's mistake.
        if (ctx.status === 501) ctx.status = 405;
        const status = ctx.status;
        const name = status === 405 ? 'MethodNotAllowedError' : 'ApplicationError';
        const message = status === 405 ? undefined : typeof body === 'string' ? body : undefined;
        ctx.body = shape(status, name, message, {}, ctx);
      }
    } catch (error: any) {
      if (isDomainError(error)) return reply(ctx, error);
      if (isUnreadableBody(error)) {
        return reply(ctx, fail('VALIDATION', 'The request body could not be read: send a JSON object with Content-Type: application/json (multipart bodies need a valid boundary).'));
      }
      if (error instanceof strapiErrors.ApplicationError) {
        const status = STATUS_BY_CLASS.find(([cls]) => error instanceof (cls as any))?.[1] ?? 400;
        if (status === 401 && ctx.request.header.authorization && !(await databaseReachable(db()))) return reply(ctx, databaseUnavailable());
        ctx.status = status;
        ctx.body = shape(status, error.name, error.message, error.details, ctx);
        return;
      }
      const status = Number(error?.status ?? error?.statusCode);
      if (status >= 400 && status < 500) {
        ctx.status = status;
        ctx.body = shape(status, error.name ?? 'BadRequestError', error.expose === false ? undefined : error.message, error.details, ctx);
        return;
      }
      // A dead database is a 503 with a retry hint, never a bare 500.
      if (isDatabaseUnreachable(error) || !(await databaseReachable(db()))) return reply(ctx, databaseUnavailable());
      throw error;
    }
  };
};
