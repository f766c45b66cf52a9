import { isDomainError } from '../../../../../platform/errors';

/**
 * Admin routes live outside /api, where the app's api-errors middleware does not run: give staff the
 * same error body (stable details.code, a sentence) instead of a bare 500.
 */
export default () => async (ctx: any, next: () => Promise<void>) => {
  try {
    await next();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    ctx.status = error.status;
    ctx.body = error.toBody();
  }
};
