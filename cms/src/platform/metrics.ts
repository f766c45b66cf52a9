import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics (GET /api/metrics). One registry per process; each process is
 * scraped on its own (the proxy's upstream list), so counters are per process, as Prometheus expects.
 * Recording is a label lookup and an add: cheap enough for every request.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const registers = [metricsRegistry];

/** Request count (`_count`) and latency per route pattern, method and status: one histogram, one observe. */
export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests by route pattern (not the raw URL), method and status; _count is the request count',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers,
});

export const bookingOutcomes = new Counter({
  name: 'booking_outcomes_total',
  help: 'Booking attempts (POST /api/booking/bookings) by outcome: CREATED, REPLAYED or the error code',
  labelNames: ['code'] as const,
  registers,
});

export const availabilityReads = new Counter({
  name: 'availability_reads_total',
  help: 'Day-availability reads by source: cache (hit) or database (miss)',
  labelNames: ['source'] as const,
  registers,
});

export const memberAuthLookups = new Counter({
  name: 'member_auth_lookups_total',
  help: 'Member requests with a bearer token by how they were authenticated: cache (hit), revalidated (checked with Redis down) or loaded (the users-permissions strategy ran)',
  labelNames: ['result'] as const,
  registers,
});

export const cacheInvalidations = new Counter({
  name: 'cache_invalidations_total',
  help: 'Invalidations applied to this process\'s in-process caches, from this process or another, by topic and scope (one key or all)',
  labelNames: ['topic', 'scope'] as const,
  registers,
});

export const cacheGaps = new Counter({
  name: 'cache_gaps_total',
  help: 'Times every in-process cache was emptied because cross-process messages may have been missed (Redis lost, heartbeat late), the start included',
  registers,
});

new Gauge({
  name: 'availability_cache_hit_ratio',
  help: 'Share of day-availability reads answered from the cache since the process started (NaN before any read)',
  registers,
  async collect() {
    const values = (await availabilityReads.get()).values;
    const count = (source: string) => values.find((v) => v.labels.source === source)?.value ?? 0;
    const hits = count('cache');
    const total = hits + count('database');
    this.set(total === 0 ? Number.NaN : hits / total);
  },
});

export const jobRuns = new Counter({
  name: 'job_runs_total',
  help: 'Job runs on this process by job and outcome (ok, failed, skipped: another process held the lease)',
  labelNames: ['job', 'outcome'] as const,
  registers,
});

export const jobDuration = new Histogram({
  name: 'job_duration_seconds',
  help: 'Duration of job runs on this process',
  labelNames: ['job'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
  registers,
});

export const jobLag = new Gauge({
  name: 'job_lag_seconds',
  help: 'Delay between a job tick being due and its run starting, for the last run on this process',
  labelNames: ['job'] as const,
  registers,
});

export const wechatCallErrors = new Counter({
  name: 'wechat_call_errors_total',
  help: 'Failed calls to WeChat (login code2Session, WeChat Pay, stable_token, subscribe messages) by call and error code',
  labelNames: ['call', 'code'] as const,
  registers,
});

export const openSockets = new Gauge({
  name: 'live_sockets_open',
  help: 'Open live seat-status sockets (/api/live) on this process',
  registers,
});

let poolProbe: (() => { used: number; free: number; pending: number; max: number } | null) | null = null;

/** The app registers how to read its database pool (knex/tarn) once Strapi's database exists. */
export function setDatabasePoolProbe(probe: typeof poolProbe) {
  poolProbe = probe;
}

new Gauge({
  name: 'db_pool_connections',
  help: 'Database pool connections by state (used, free, pending acquires, max)',
  labelNames: ['state'] as const,
  registers,
  collect() {
    const p = poolProbe?.();
    if (!p) return;
    this.set({ state: 'used' }, p.used);
    this.set({ state: 'free' }, p.free);
    this.set({ state: 'pending' }, p.pending);
    this.set({ state: 'max' }, p.max);
  },
});

/**
 * Counts rejected calls of a WeChat client by method and code, without touching the client: every
 * function property is wrapped, results and errors pass through unchanged.
 */
export function countWechatErrors<T extends object>(call: string, target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result = value.apply(obj, args);
          return result && typeof result.then === 'function'
            ? result.catch((err: any) => {
                wechatCallErrors.inc({ call: `${call}.${String(prop)}`, code: wechatErrorCode(err) });
                throw err;
              })
            : result;
        } catch (err) {
          wechatCallErrors.inc({ call: `${call}.${String(prop)}`, code: wechatErrorCode(err) });
          throw err;
        }
      };
    },
  });
}

function wechatErrorCode(err: any): string {
  const d = err?.details ?? {};
  return String(d.providerCode ?? d.wechatErrcode ?? d.cause ?? err?.code ?? 'error');
}

export const rateLimited = new Counter({
  name: 'rate_limited_total',
  help: 'Requests refused with 429 RATE_LIMITED, by class (read, write, sensitive) and scope (member, ip)',
  labelNames: ['class', 'scope'] as const,
  registers,
});

export const rateLimitErrors = new Counter({
  name: 'rate_limit_errors_total',
  help: 'Rate-limit checks that failed (Redis unreachable); those requests were let through',
  registers,
});
