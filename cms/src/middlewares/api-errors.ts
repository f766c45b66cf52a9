import { errors as strapiErrors } from '@strapi/utils';
import { isDomainError, type ErrorCode } from '../platform/errors';

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
  405: 'NOT_FOUND',
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

export default () => {
  return async (ctx: any, next: () => Promise<void>) => {
    if (!ctx.path.startsWith('/api/') && ctx.path !== '/api') {
      // Admin-panel routes of our plugins: our refusals keep their status and code there too.
      try {
        return await next();
      } catch (error: any) {
        if (!isDomainError(error)) throw error;
        ctx.status = error.status;
        ctx.body = error.toBody();
        return;
      }
    }
    try {
      await next();
      if (!ctx.response._explicitStatus) {
        ctx.status = 404;
        ctx.body = shape(404, 'NotFoundError', `No route ${ctx.method} ${ctx.path}.`, {});
        return;
      }
      // Helpers such as ctx.unauthorized() may set an error body without throwing.
      const body = ctx.body;
      if (ctx.status >= 400 && body && typeof body === 'object' && body.error && !body.error.details?.code) {
        ctx.body = shape(ctx.status, body.error.name, body.error.message, body.error.details, ctx);
      }
    } catch (error: any) {
      if (isDomainError(error)) {
        ctx.status = error.status;
        for (const [h, v] of Object.entries(error.headers ?? {})) ctx.set(h, v);
        ctx.body = error.toBody();
        return;
      }
      if (error instanceof strapiErrors.ApplicationError) {
        let status = STATUS_BY_CLASS.find(([cls]) => error instanceof (cls as any))?.[1] ?? 400;

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
      throw error;
    }
  };
};
