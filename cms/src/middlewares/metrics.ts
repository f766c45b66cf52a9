import { availabilityReads, bookingOutcomes, httpRequestDuration, setDatabasePoolProbe } from '../platform/metrics';

const BOOKING_CREATE = '/api/booking/bookings';
const AVAILABILITY = '/api/booking/rooms/:id/availability';

/**
 * Outermost middleware: times every request and labels it with the matched route pattern (never the raw
 * URL, which would make one series per id), the method and the final status. Two routes also feed the
 * domain metrics from what the member saw: booking outcomes by code, and availability cache hits.
 */
export default (_config: unknown, { strapi }: { strapi: any }) => {
  setDatabasePoolProbe(() => {
    const pool = strapi.db?.connection?.client?.pool;
    if (!pool || typeof pool.numUsed !== 'function') return null;
    return { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires(), max: pool.max };
  });

  return async (ctx: any, next: () => Promise<void>) => {
    const started = process.hrtime.bigint();
    let failed = false;
    try {
      await next();
    } catch (err) {
      failed = true;
      throw err;
    } finally {
      const status = failed ? 500 : ctx.status;
      // The rate limiter answers before the router has matched a route.
      const route: string = ctx._matchedRoute ?? (status === 429 ? '(rate-limited)' : '(unmatched)');
      httpRequestDuration.observe({ method: ctx.method, route, status }, Number(process.hrtime.bigint() - started) / 1e9);
      if (route === BOOKING_CREATE && ctx.method === 'POST') {
        const code = status === 201 ? 'CREATED' : status === 200 ? 'REPLAYED' : (ctx.body?.error?.details?.code ?? `HTTP_${status}`);
        bookingOutcomes.inc({ code });
      } else if (route === AVAILABILITY && status === 200) {
        const source = ctx.response.get('X-Availability-Source');
        if (source) availabilityReads.inc({ source });
      }
    }
  };
};
