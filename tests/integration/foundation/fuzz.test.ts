/**
 * Every bad request gets a coded 4xx (issue 9, item 12): thousands of seeded malformed requests over
 * every member route the running Strapi serves (taken from its router, not a hand list), with and
 * without a member token. Nothing answers 5xx, every 4xx carries `error.details.code`, and afterwards
 * every wallet still equals its ledger.
 *
 * The generator is deterministic (FUZZ_SEED, default 20261201): a failure names the seed and the request
 * number, so it can be replayed with FUZZ_SEED=<seed> FUZZ_ONLY=<n>.
 */
import http from 'http';
import { useCms, usingMariaDb, loginMember, type Member, createRoom, fund, range, iso } from '../../support';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { checkLedger } = require('../../../scripts/check-ledger');

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
// Fewer on MariaDB, where each request costs more: the SQLite run is the wide one.
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? (usingMariaDb() ? 1500 : 3000));
const PARALLEL = 8;

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

interface Route {
  method: string;
  path: string;
}

interface FuzzRequest {
  n: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  kind: string;
}

const WEIRD_STRINGS = [
  '',
  ' ',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '99999999999999999999999999999',
  '-0',
  '0x10',
  '1.5',
  'true',
  '[]',
  '{}',
  '自习室🪑',
  '\u0000',
  '\u202e\u0041',
  '\ud800',
  "' OR 1=1 --",
  '"; DROP TABLE bookings; --',
  '../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  'x'.repeat(5000),
  '2026-02-30T25:61:00+08:00',
  '2026-12-01',
  '2026-12-01T10:00:00',
  '2026-12-01T10:00:00Z',
  '1970-01-01T00:00:00+00:00',
  '275760-09-13T00:00:00.000Z',
  'wallet',
  'wechat',
  'bitcoin',
];

const WEIRD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.0001,
  1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  [],
  [1, 2, 3],
  {},
  { $gt: 0 },
  { $ne: null },
  { nested: { deeper: { deepest: [null] } } },
  ...WEIRD_STRINGS,
];

const FIELD_NAMES = [
  'seat', 'start', 'end', 'coupon', 'payWith', 'reason', 'bookings', 'token', 'seatCode', 'booking', 'code', 'deviceId',
  'refreshToken', 'nickname', 'avatar', 'text', 'package', 'amount_fen', 'tier', 'plan', 'kind', 'accepted', 'room',
  'date', 'from', 'to', 'status', 'page', 'pageSize', 'sort', 'usable', 'type', 'id', 'documentId', 'user', 'role',
  'balance_fen', '__proto__', 'constructor', 'populate', 'filters', 'fields',
];

function weirdValue(r: Rng): unknown {
  return r.pick(WEIRD_VALUES);
}

function randomObject(r: Rng, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = r.int(5);
  for (let i = 0; i < n; i += 1) out[r.pick(FIELD_NAMES)] = depth < 2 && r.chance(0.15) ? randomObject(r, depth + 1) : weirdValue(r);
  return out;
}

function fillPath(r: Rng, path: string, ids: string[]): string {
  return path.replace(/:[A-Za-z]+/g, () => {
    const choice = r.int(4);
    if (choice === 0 && ids.length) return enc(r.pick(ids));
    if (choice === 1) return String(r.pick([0, -1, 1, 2, 999999999, '1e400', '9'.repeat(40)]));
    return enc(String(r.pick(WEIRD_STRINGS)).slice(0, 200)) || 'x';
  });
}

/** encodeURIComponent that sends a lone surrogate as the invalid UTF-8 bytes it would be, instead of throwing. */
function enc(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

function randomQuery(r: Rng): string {
  if (r.chance(0.5)) return '';
  const parts: string[] = [];
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i += 1) {
    const key = r.chance(0.2) ? `${r.pick(FIELD_NAMES)}[${r.pick(['$gt', '0', '', 'a'])}]` : r.pick(FIELD_NAMES);
    parts.push(`${enc(key)}=${enc(String(weirdValue(r) ?? ''))}`);
  }
  if (r.chance(0.05)) parts.push('%E0%A4%A'); // a broken percent-escape
  return `?${parts.join('&')}`;
}

const MULTIPART_BODIES = [
  (b: string) => `--${b}\r\nContent-Disposition: form-data; name="seat"\r\n\r\nabc\r\n--${b}--\r\n`,
  (b: string) => `--${b}\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--${b}--\r\n`,
  (b: string) => `--${b}\r\nContent-Disposition: form-data; name="data"\r\n\r\n{"seat":1}\r\n`, // not terminated
  () => '{"seat":"x","start":"2026-12-01T10:00:00+08:00"}',
  () => 'garbage without any boundary',
  () => '',
];

function buildRequest(
  r: Rng,
  n: number,
  routes: Route[],
  ctx: { tokens: string[]; logoutTokens: string[]; ids: string[]; nearValid: (r: Rng, route: Route) => unknown },
): FuzzRequest {
  const route = r.pick(routes);
  let method = route.method;
  const kinds: string[] = [];
  if (r.chance(0.12)) {
    method = r.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE']);
    kinds.push('method');
  }
  let path = fillPath(r, route.path, ctx.ids);
  if (r.chance(0.05)) {
    path += r.pick(['//', '/', '/../', '%2F', '/x', '?']);
    kinds.push('path');
  }
  path += randomQuery(r);

  const headers: Record<string, string> = {};
  const auth = r.int(10);
  // A logout really ends the session it is sent with: it gets tokens of members kept for that purpose.
  if (auth < 5) headers.Authorization = `Bearer ${r.pick(route.path === '/api/auth/logout' ? ctx.logoutTokens : ctx.tokens)}`;
  else if (auth === 5) headers.Authorization = r.pick(['Bearer', 'Bearer ', 'Basic Zm9vOmJhcg==', 'Bearer a.b.c', `Bearer ${'x'.repeat(3000)}`, 'Bearer eyJhbGciOiJub25lIn0.eyJpZCI6MX0.']);
  if (r.chance(0.1)) headers['Idempotency-Key'] = String(r.pick(WEIRD_STRINGS)).replace(/[^\x20-\x7e]/g, '?').slice(0, 300);
  if (r.chance(0.05)) headers['Accept-Language'] = r.pick(['zh-CN', '*', 'xx;q=abc', '']);
  if (r.chance(0.03)) headers['X-Forwarded-For'] = r.pick(['1.2.3.4', 'not-an-ip', '::1, 10.0.0.1', '']);

  let body: Buffer | string | undefined;
  const bodyKind = r.int(11);
  if (method !== 'GET' && method !== 'HEAD') {
    if (bodyKind <= 2) {
      body = JSON.stringify(ctx.nearValid(r, route));
      headers['Content-Type'] = 'application/json';
      // A proper Idempotency-Key most of the time, so bookings get past the header check to the rules.
      if (r.chance(0.7)) headers['Idempotency-Key'] = `fuzz-${SEED}-${n}`;
      kinds.push('near-valid');
    } else if (bodyKind === 3) {
      body = JSON.stringify(randomObject(r));
      headers['Content-Type'] = 'application/json';
      kinds.push('random-json');
    } else if (bodyKind === 4) {
      body = r.pick(['{"seat": "half', '{', '[', 'null', '"string"', '12', '{"a":1}}', '\u0000', '{"__proto__":{"admin":true}}', '[{"seat":1}]']);
      headers['Content-Type'] = 'application/json';
      kinds.push('bad-json');
    } else if (bodyKind === 5) {
      const boundary = r.pick(['xx', 'boundary123', '']);
      body = r.pick(MULTIPART_BODIES)(boundary || 'zz');
      headers['Content-Type'] = r.pick(['multipart/form-data', `multipart/form-data; boundary=${boundary}`, 'multipart/form-data; boundary=', 'multipart/mixed']);
      kinds.push('multipart');
    } else if (bodyKind === 6) {
      body = r.pick(['a=1&b=2', 'seat[$gt]=1', '%%%', 'x'.repeat(2000)]);
      headers['Content-Type'] = r.pick(['application/x-www-form-urlencoded', 'text/plain', 'application/xml', 'application/json; charset=latin-7', 'text/plain; charset=utf-99']);
      kinds.push('other-type');
    } else if (bodyKind === 7) {
      body = JSON.stringify({ ...(ctx.nearValid(r, route) as object), [r.pick(FIELD_NAMES)]: weirdValue(r), extra: 'field' });
      headers['Content-Type'] = 'application/json';
      kinds.push('extra-field');
    } else if (bodyKind === 8) {
      body = Buffer.from(Array.from({ length: 64 }, () => r.int(256)));
      headers['Content-Type'] = r.pick(['application/json', 'application/octet-stream', 'multipart/form-data; boundary=b']);
      kinds.push('binary');
    } else if (bodyKind === 9) {
      const arr = Array.from({ length: 2000 }, (_, i) => i);
      body = JSON.stringify({ bookings: arr, accepted: arr.map(String), text: '长'.repeat(20000) });
      headers['Content-Type'] = 'application/json';
      kinds.push('huge');
    }
  }
  return { n, method, path, headers, body, kind: kinds.join('+') || 'plain' };
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

function send(url: string, req: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = Buffer.byteLength(req.body);
    const r = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** What makes an answer wrong: any 5xx, or a 4xx whose body lacks a stable code. */
function problemWith(req: FuzzRequest, res: Answer): string | null {
  if (res.status >= 500) return `${res.status}`;
  if (res.status < 400) return null;
  if (req.method === 'HEAD') return null; // no body by definition
  let body: any;
  try {
    body = JSON.parse(res.text);
  } catch {
    return `${res.status} with a non-JSON body`;
  }
  const code = body?.error?.details?.code;
  if (typeof code !== 'string' || !code) return `${res.status} without error.details.code`;
  if (typeof body.error.message !== 'string' || !body.error.message) return `${res.status} ${code} without a message`;
  return null;
}

describe('fuzzing the member API', () => {
  const cms = useCms();
  let members: Member[];
  let routes: Route[];
  const ids: string[] = [];

  beforeAll(async () => {
    members = [await loginMember(cms), await loginMember(cms)];
    for (const m of members) await fund(cms, m.id, 100_000);
    const { room, seats } = await createRoom(cms, { seats: 6 });
    ids.push(room.documentId, ...seats.map((s: any) => s.documentId));
    // A few real bookings so ids of bookings (and the money paths) exist.
    for (let i = 0; i < 3; i += 1) {
      const { start, end } = range(2 + i, 1);
      const res = await cms.api
        .post('/api/booking/bookings')
        .set(members[0].auth)
        .set('Idempotency-Key', `fuzz-seed-${i}`)
        .send({ seat: seats[i].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
      if (res.status === 201) ids.push(res.body.data.id);
    }
    // Every /api route the running server has, with its methods (router layers, HEAD folded into GET).
    const stack: any[] = cms.strapi.server.router.stack;
    const seen = new Set<string>();
    routes = [];
    for (const layer of stack) {
      if (!layer.path.startsWith('/api/') || !layer.methods?.length) continue;
      for (const method of layer.methods.filter((m: string) => m !== 'HEAD')) {
        const key = `${method} ${layer.path}`;
        if (!seen.has(key)) {
          seen.add(key);
          routes.push({ method, path: layer.path });
        }
      }
    }
  }, 120_000);

  it(`answers ${REQUESTS} seeded malformed requests with coded 4xx, never 5xx, and keeps the money consistent`, async () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes).toEqual(expect.arrayContaining([{ method: 'POST', path: '/api/booking/bookings' }, { method: 'PUT', path: '/api/me/profile' }]));

    const seat = ids[1];
    const nearValid = (r: Rng, route: Route): unknown => {
      const { start, end } = range(1 + r.int(48), 1 + r.int(3));
      const when = { start: iso(start), end: iso(end) };
      // The body each route expects (API.md), so a near-valid request differs from a valid one by one field.
      const bodies: Record<string, Record<string, unknown>> = {
        '/api/booking/bookings': { seat, ...when, payWith: r.pick(['wallet', 'wechat']) },
        '/api/booking/quotes': { seat, ...when },
        '/api/booking/bookings/cancel': { bookings: ids.slice(-2), reason: '有事' },
        '/api/booking/bookings/:id/cancel': { reason: '有事' },
        '/api/booking/checkin': { token: 'x' },
        '/api/booking/checkout': { booking: r.pick(ids) },
        '/api/auth/wechat/login': { code: 'bad-code' },
        '/api/auth/refresh': { refreshToken: r.pick(members).refreshToken },
        '/api/me/profile': { nickname: '小明' },
        '/api/me/appeals': { text: '请解封' },
        '/api/payments/recharges': { amount_fen: 1000 },
        '/api/payments/memberships/purchase': { tier: 'gold', plan: 'monthly', payWith: 'wallet' },
        '/api/payments/refund-requests': { kind: 'withdraw', amount_fen: 100, reason: '不用了' },
      };
      const base: Record<string, unknown> = { ...(bodies[route.path] ?? { text: 'x' }) };
      // Break one field (or none: a valid request now and then keeps the deeper code paths busy).
      if (r.chance(0.8)) {
        const field = r.pick(Object.keys(base));
        if (r.chance(0.3)) delete base[field];
        else base[field] = weirdValue(r);
      }
      return base;
    };

    const tokens = [...members.map((m) => m.jwt)];
    const logoutTokens = [(await loginMember(cms)).jwt, (await loginMember(cms)).jwt];
    const r = prng(SEED);
    const only = process.env.FUZZ_ONLY ? Number(process.env.FUZZ_ONLY) : null;
    const requests: FuzzRequest[] = [];
    for (let n = 0; n < REQUESTS; n += 1) requests.push(buildRequest(r, n, routes, { tokens, logoutTokens, ids, nearValid }));
    const todo = only === null ? requests : requests.filter((q) => q.n === only);

    const problems: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < todo.length; i += PARALLEL) {
      const batch = todo.slice(i, i + PARALLEL);
      const answers = await Promise.all(batch.map((q) => send(cms.url, q)));
      batch.forEach((q, k) => {
        const a = answers[k];
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        const p = problemWith(q, a);
        if (p && problems.length < 30) {
          problems.push(`#${q.n} (seed ${SEED}) ${q.kind}: ${q.method} ${q.path.slice(0, 120)} [${q.headers['Content-Type'] ?? '-'}] -> ${p}: ${a.text.slice(0, 200)}`);
        }
      });
    }
    console.log(`fuzz: ${todo.length} requests over ${routes.length} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(problems).toEqual([]);

    // The server still serves members normally.
    const me = await cms.api.get('/api/users/me').set(members[0].auth);
    expect(me.status).toBe(200);

    // Money: every wallet equals its ledger.
    const report = await checkLedger(cms.strapi.db.connection);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  }, 180_000);

  // The findings of issue 9 item 12, one by one.
  it('a multipart header over a body that is not multipart is 400 VALIDATION, and nothing is written', async () => {
    const m = members[1];
    const before = await cms.api.get('/api/booking/bookings').set(m.auth);
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=xx']) {
      const res = await cms.api
        .post('/api/booking/bookings')
        .set(m.auth)
        .set('Idempotency-Key', `mp-${type.length}`)
        .set('Content-Type', type)
        .send(JSON.stringify({ seat: ids[1], start: iso(range(30, 1).start), end: iso(range(30, 1).end), payWith: 'wallet' }));
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe('VALIDATION');
      expect(res.body.error.message).toMatch(/application\/json/);
    }
    const profile = await cms.api.put('/api/me/profile').set(m.auth).set('Content-Type', 'multipart/form-data').send('{"nickname":"x"}');
    expect(profile.status).toBe(400);
    const after = await cms.api.get('/api/booking/bookings').set(m.auth);
    expect(after.body.meta.pagination.total).toBe(before.body.meta.pagination.total);
  });

  it('a wrong method is 405 METHOD_NOT_ALLOWED with an Allow header; a trailing "//" is 404 NOT_FOUND', async () => {
    const m = members[1];
    const wrong = await cms.api.delete('/api/booking/rooms').set(m.auth);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toMatch(/GET/);
    expect(wrong.body).toEqual({ data: null, error: expect.objectContaining({ status: 405, details: { code: 'METHOD_NOT_ALLOWED' } }) });
    const patch = await cms.api.patch('/api/users/me').set(m.auth);
    expect(patch.body.error.details.code).toBe('METHOD_NOT_ALLOWED');
    for (const res of [await cms.api.post('/api/booking/bookings//').set(m.auth).send({}), await cms.api.get('/api/booking/rooms//')]) {
      expect(res.status).toBe(404);
      expect(res.body.error.details.code).toBe('NOT_FOUND');
    }
  });

  it('POST /api/auth/refresh works when the member also sends a still-valid access token', async () => {
    const m = await loginMember(cms);
    const res = await cms.api.post('/api/auth/refresh').set(m.auth).send({ refreshToken: m.refreshToken });
    expect(res.status).toBe(200);
    expect(res.body.jwt).toEqual(expect.any(String));
    expect(res.body.refreshToken).not.toBe(m.refreshToken);
    const me = await cms.api.get('/api/users/me').set({ Authorization: `Bearer ${res.body.jwt}` });
    expect(me.status).toBe(200);
    // The old refresh token was rotated away, header or not.
    const again = await cms.api.post('/api/auth/refresh').set(m.auth).send({ refreshToken: m.refreshToken });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    expect(again.body.error.details.code).toEqual(expect.any(String));
  });
});
