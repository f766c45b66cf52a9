import { timingSafeEqual, createHash } from 'crypto';
import { openApiDocument } from '../../../openapi/document';
import { metricsRegistry } from '../../../platform/metrics';
import { fail } from '../../../platform/errors';
import { bearerToken } from '../../../platform/access-tokens';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Metrics are for the operator's scraper only: without METRICS_TOKEN the route does not exist (404);
 * a missing token is 401, a wrong one 403 (compared in constant time).
 */
function assertScraper(ctx: any) {
  const expected = process.env.METRICS_TOKEN;
  if (!expected) throw fail('NOT_FOUND', `No route ${ctx.method} ${ctx.path}.`);
  const token = bearerToken(ctx);
  if (!token) throw fail('UNAUTHORIZED', 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".');
  if (!timingSafeEqual(digest(token), digest(expected))) throw fail('FORBIDDEN', 'This metrics token is not valid.');
}

export default {
  openapi(ctx) {
    ctx.body = openApiDocument();
  },

  async metrics(ctx) {
    assertScraper(ctx);
    ctx.set('Content-Type', metricsRegistry.contentType);
    ctx.body = await metricsRegistry.metrics();
  },
};
