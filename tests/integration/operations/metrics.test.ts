/**
 * GET /api/metrics: Prometheus text behind the METRICS_TOKEN bearer, moved by member traffic; and the
 * jobs' lag in /api/health.
 */
import { useCms, loginMember, type Member, createRoom, book, fund, range, iso, runJob } from '../../support';

const TOKEN = 'scrape-me-0123456789';
const cms = useCms({ env: { METRICS_TOKEN: TOKEN } });
let member: Member;

beforeAll(async () => {
  member = await loginMember(cms);
}, 120_000);
const scrape = async () => {
  const res = await cms.api.get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  return res.text;
};

/** The value of one sample, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^[^{\s]+(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) continue;
    const have = Object.fromEntries([...(m[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[2]);
  }
  return 0;
}

describe('GET /api/metrics', () => {
  it('refuses a scraper without the token (401) or with a wrong one (403), with codes', async () => {
    const none = await cms.api.get('/api/metrics');
    expect(none.status).toBe(401);
    expect(none.body.error.details.code).toBe('UNAUTHORIZED');
    const wrong = await cms.api.get('/api/metrics').set('Authorization', 'Bearer not-the-token');
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.details.code).toBe('FORBIDDEN');
    // A member's JWT is not a metrics token.
    const jwt = await cms.api.get('/api/metrics').set(member.auth);
    expect(jwt.status).toBe(403);
  });

  it('counts member traffic per route pattern and status, booking outcomes, cache reads, WeChat errors and the pool', async () => {
    const before = await scrape();
    const { room, seats } = await createRoom(cms, { seats: 2 });
    await fund(cms, member.id, 100_00);
    const r = range(30, 1);
    const date = new Date(r.start.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

    expect((await book(cms, member, { seat: seats[0].documentId, start: iso(r.start), end: iso(r.end), payWith: 'wallet' }, 'metrics-key-1')).status).toBe(201);
    expect((await book(cms, member, { seat: seats[0].documentId, start: iso(r.start), end: iso(r.end), payWith: 'wallet' }, 'metrics-key-1')).status).toBe(200);
    expect((await book(cms, member, { seat: seats[0].documentId, start: iso(r.start), end: iso(r.end), payWith: 'wallet' })).status).toBe(409);
    for (let i = 0; i < 3; i += 1) expect((await cms.api.get(`/api/booking/rooms/${room.documentId}/availability?date=${date}`).set(member.auth)).status).toBe(200);
    expect((await cms.api.get('/api/booking/bookings/nope-123').set(member.auth)).status).toBe(404);
    // WeChat refuses a login code it never issued.
    expect((await cms.api.post('/api/auth/wechat/login').send({ code: 'never-issued' })).status).toBeGreaterThanOrEqual(400);

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);

    // The route pattern, not the raw URL with its ids.
    expect(moved('http_request_duration_seconds_count', { method: 'GET', route: '/api/booking/rooms/:id/availability', status: '200' })).toBe(3);
    expect(moved('http_request_duration_seconds_count', { method: 'GET', route: '/api/booking/bookings/:id', status: '404' })).toBe(1);
    expect(moved('http_request_duration_seconds_count', { method: 'POST', route: '/api/booking/bookings', status: '201' })).toBe(1);
    expect(after).not.toContain(room.documentId);

    expect(moved('booking_outcomes_total', { code: 'CREATED' })).toBe(1);
    expect(moved('booking_outcomes_total', { code: 'REPLAYED' })).toBe(1);
    expect(moved('booking_outcomes_total', { code: 'SEAT_TAKEN' })).toBe(1);

    // Seven member requests: each authenticated once, from the cache or by loading the member.
    const authLookups = ['cache', 'revalidated', 'loaded'].reduce((n, result) => n + moved('member_auth_lookups_total', { result }), 0);
    expect(authLookups).toBe(7);
    expect(moved('member_auth_lookups_total', { result: 'cache' })).toBeGreaterThanOrEqual(5);

    // Funding and booking change what the member's profile shows: its cache entry was dropped.
    expect(moved('cache_invalidations_total', { topic: 'member-profile', scope: 'one' })).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^cache_gaps_total \d+$/m);

    const reads = moved('availability_reads_total', { source: 'cache' }) + moved('availability_reads_total', { source: 'database' });
    expect(reads).toBe(3);
    expect(sample(after, 'availability_cache_hit_ratio')).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'availability_cache_hit_ratio')).toBeLessThanOrEqual(1);

    expect(after).toMatch(/^wechat_call_errors_total\{call="login\.code2Session",code="[^"]+"\} [1-9]/m);
    expect(sample(after, 'db_pool_connections', { state: 'max' })).toBeGreaterThan(0);
    expect(after).toMatch(/^live_sockets_open 0$/m);
    expect(after).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('counts job runs with their duration, and /api/health reports the jobs and their lag', async () => {
    const before = await scrape();
    await runJob('booking.release-expired-holds');
    const after = await scrape();
    expect(sample(after, 'job_runs_total', { job: 'booking.release-expired-holds', outcome: 'ok' }) - sample(before, 'job_runs_total', { job: 'booking.release-expired-holds', outcome: 'ok' })).toBe(1);
    expect(sample(after, 'job_duration_seconds_count', { job: 'booking.release-expired-holds' })).toBeGreaterThanOrEqual(1);

    const health = await cms.api.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.db).toBe('up');
    const job = health.body.jobs.byJob['booking.release-expired-holds'];
    expect(job.lastOutcome).toBe('ok');
    expect(Date.parse(job.lastRunAt)).not.toBeNaN();
    expect(job.lagSeconds).toBe(0); // run by hand: nothing was due
    expect(health.body.jobs.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(health.body.jobs.byJob['booking.mark-no-shows'].lastRunAt).toBeNull();
  });
});

describe('without METRICS_TOKEN', () => {
  it('the route does not exist (404 NOT_FOUND)', async () => {
    const saved = process.env.METRICS_TOKEN;
    delete process.env.METRICS_TOKEN;
    try {
      const res = await cms.api.get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(res.status).toBe(404);
      expect(res.body.error.details.code).toBe('NOT_FOUND');
    } finally {
      process.env.METRICS_TOKEN = saved;
    }
  });
});
