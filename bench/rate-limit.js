'use strict';
/**
 * The cost of the member rate limiter per request (issue 11), measured inside `npm run bench`
 * (bench/run.js calls it after its own measurements, with its database, Redis, members and day).
 *
 * Two CMS processes of the same compiled tree, database and Redis, identical but for RATE_LIMIT_ENABLED,
 * started one after the other (never both at once on the shared cores); each serves the same two routes
 * under the same load:
 *   - GET /api/booking/rooms/:id/availability (cached) with a random member JWT: the limiter verifies the
 *     token's signature and spends a point of the member's and of the address's budget (two Redis calls);
 *   - GET /api/settings/public, anonymous: one point of the address's budget (one Redis call).
 * The limits are set far above the load (nothing is refused), so the difference is the check itself.
 */
const path = require('path');

const ROUTES = [
  { key: 'member', label: 'GET availability (member JWT, cached)', auth: true },
  { key: 'anonymous', label: 'GET /api/settings/public (anonymous)', auth: false },
];
const HUGE = '1000000000';

async function measureRateLimiter({ measure, startChild, freePort, env, root, availabilityPath, memberAuths, log }) {
  const results = {};
  for (const enabled of [false, true]) {
    const port = await freePort();
    log(`starting a CMS process with RATE_LIMIT_ENABLED=${enabled} (limits far above the load)`);
    const child = startChild(`CMS (rate limit ${enabled ? 'on' : 'off'})`, path.join(root, 'tests', 'support', 'serve-cms.js'), {
      ...env,
      PORT: String(port),
      RATE_LIMIT_ENABLED: String(enabled),
      RATE_LIMIT_READ: HUGE,
      RATE_LIMIT_WRITE: HUGE,
      RATE_LIMIT_SENSITIVE: HUGE,
      RATE_LIMIT_IP_READ: HUGE,
      RATE_LIMIT_IP_WRITE: HUGE,
      RATE_LIMIT_IP_SENSITIVE: HUGE,
    }, 'CMS_READY', 120_000);
    await child.ready;
    const url = `http://127.0.0.1:${port}`;
    try {
      for (const route of ROUTES) {
        const spec = route.auth
          ? { url, kind: 'get', path: availabilityPath, auths: memberAuths, countHeader: 'x-availability-source' }
          : { url, kind: 'get', path: '/api/settings/public' };
        results[`${route.key}:${enabled ? 'on' : 'off'}`] = await measure(`${route.label}, rate limiter ${enabled ? 'on' : 'off'}`, spec);
      }
    } finally {
      await child.stop();
    }
  }
  return results;
}

/** The docs/benchmarks.md section, from one run's figures. */
function rateLimiterSection(results, { fmt, ratio }) {
  const t = [];
  t.push('## Rate limiter');
  t.push('');
  t.push('The member rate limiter (`cms/src/middlewares/rate-limit.ts`, rate-limiter-flexible on Redis) against the same route without it: two CMS processes of the same tree, database and Redis, one with `RATE_LIMIT_ENABLED=false`, one with it on and limits far above the load (nothing refused), started one after the other, same load as above (`bench/rate-limit.js`).');
  t.push('');
  t.push('| route | limiter | req/s | p50 ms | p99 ms | non-2xx | cost per request |');
  t.push('|---|---|--:|--:|--:|--:|--:|');
  for (const route of ROUTES) {
    const off = results[`${route.key}:off`];
    const on = results[`${route.key}:on`];
    if (!off || !on) continue;
    const msPer = (r) => (r.reqPerSec ? 1000 / r.reqPerSec : NaN);
    const cost = msPer(on) - msPer(off);
    t.push(`| ${route.label} | off | ${fmt(off.reqPerSec)} | ${off.p50} | ${off.p99} | ${off.non2xx} | |`);
    t.push(`| ${route.label} | on | ${fmt(on.reqPerSec)} | ${on.p50} | ${on.p99} | ${on.non2xx} | ${fmt(cost * 1000)} µs (${ratio(on.reqPerSec, off.reqPerSec)} of the throughput) |`);
  }
  t.push('');
  t.push('Cost per request = 1/throughput with the limiter minus 1/throughput without (CMS time per request at these rates, on cores shared with MariaDB, Redis and the load generator). The member route pays a JWT signature check (no database) and two Redis `EVALSHA` calls sent together (the member\'s and the address\'s budget); the anonymous route one Redis call. A difference within the run-to-run noise noted above (up to ~15 % on reads) is not a measurement of the limiter.');
  t.push('');
  return t;
}

module.exports = { measureRateLimiter, rateLimiterSection };
