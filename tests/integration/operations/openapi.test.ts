/**
 * GET /api/openapi.json documents every content-API route a member, a visitor or WeChat can reach in the
 * running CMS; the document is valid OpenAPI 3.1 (swagger-parser).
 */
import path from 'path';
import { spawnSync } from 'child_process';
import { useCms, loginMember, createRoom, book, fund, range, iso } from '../../support';
import { MEMBER_ROUTES } from '../../../cms/src/openapi/member-api';

const cms = useCms();
/** Content-API routes of the app APIs and of every plugin, with the action users-permissions checks. */
function contentApiRoutes(strapi: any) {
  const out: { method: string; path: string; action: string; public: boolean }[] = [];
  const add = (prefix: string, uidPrefix: string, router: any) => {
    if (!router || router.type !== 'content-api') return;
    for (const r of router.routes ?? []) {
      const routePrefix = r.config?.prefix ?? prefix;
      const [controller, action] = String(r.handler).split('.');
      out.push({ method: r.method.toLowerCase(), path: `/api${routePrefix}${r.path}`, action: `${uidPrefix}.${controller}.${action}`, public: r.config?.auth === false });
    }
  };
  for (const [name, api] of Object.entries<any>(strapi.apis)) for (const router of Object.values<any>(api.routes ?? {})) add(router.prefix ?? '', `api::${name}`, router);
  for (const [name, plugin] of Object.entries<any>(strapi.plugins)) {
    if (Array.isArray(plugin.routes)) continue;
    for (const router of Object.values<any>(plugin.routes ?? {})) add(router.prefix ?? `/${name}`, `plugin::${name}`, router);
  }
  return out;
}

async function grantedActions(strapi: any) {
  const roles = await strapi.db.query('plugin::users-permissions.role').findMany({ where: { type: { $in: ['authenticated', 'public'] } }, populate: ['permissions'] });
  return new Set<string>(roles.flatMap((r: any) => r.permissions.map((p: any) => p.action)));
}

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, served without login', async () => {
    const res = await cms.api.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const r = spawnSync(process.execPath, [path.resolve(__dirname, '../../../scripts/openapi.js'), '--validate', '-'], { input: JSON.stringify(res.body), encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toMatch(/valid OpenAPI 3\.1\.0 document/);
    expect(r.status).toBe(0);
  });

  it('lists every content-API route a member, a visitor or WeChat can reach', async () => {
    const doc = (await cms.api.get('/api/openapi.json')).body;
    const granted = await grantedActions(cms.strapi);
    const reachable = contentApiRoutes(cms.strapi).filter((r) => r.public || granted.has(r.action));
    // Sanity: the walk sees the plugins' routes, the app's and users-permissions' own.
    expect(reachable.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/booking/bookings', '/api/payments/wallet', '/api/users/me', '/api/auth/wechat/login', '/api/health']));
    expect(reachable.length).toBeGreaterThan(35);

    const missing = reachable.filter((r) => !doc.paths[toOpenApiPath(r.path)]?.[r.method]).map((r) => `${r.method.toUpperCase()} ${r.path} (${r.action})`);
    expect(missing).toEqual([]);

    // And nothing documented that the CMS does not serve.
    const served = new Set(reachable.map((r) => `${r.method} ${toOpenApiPath(r.path)}`));
    const extra = Object.entries<any>(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).filter((k) => !served.has(k));
    expect(extra).toEqual([]);
  });

  it('answers from a document built once per process', async () => {
    const a = await cms.api.get('/api/openapi.json');
    const b = await cms.api.get('/api/openapi.json');
    expect(b.text).toBe(a.text);
  });

  it('describes what the routes really answer: live responses parse with the documented schemas', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 300_00);
    const { room, seats } = await createRoom(cms, { seats: 2 });
    const r = range(30, 1);
    const date = new Date(r.start.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const created = await book(cms, m, { seat: seats[0].documentId, start: iso(r.start), end: iso(r.end), payWith: 'wallet' });
    expect(created.status).toBe(201);
    const id = created.body.data.id;

    const calls: [string, string, any][] = [
      ['post', '/booking/bookings', created],
      ['get', '/booking/rooms', await cms.api.get('/api/booking/rooms')],
      ['get', '/booking/rooms/{id}', await cms.api.get(`/api/booking/rooms/${room.documentId}`)],
      ['get', '/booking/rooms/{id}/availability', await cms.api.get(`/api/booking/rooms/${room.documentId}/availability?date=${date}`).set(m.auth)],
      ['post', '/booking/quotes', await cms.api.post('/api/booking/quotes').set(m.auth).send({ seat: seats[1].documentId, start: iso(r.start), end: iso(r.end) })],
      ['get', '/booking/bookings', await cms.api.get('/api/booking/bookings').set(m.auth)],
      ['get', '/booking/bookings/{id}', await cms.api.get(`/api/booking/bookings/${id}`).set(m.auth)],
      ['get', '/booking/bookings/{id}/qr', await cms.api.get(`/api/booking/bookings/${id}/qr`).set(m.auth)],
      ['get', '/payments/wallet', await cms.api.get('/api/payments/wallet').set(m.auth)],
      ['get', '/payments/transactions', await cms.api.get('/api/payments/transactions').set(m.auth)],
      ['get', '/payments/transactions/stats', await cms.api.get('/api/payments/transactions/stats').set(m.auth)],
      ['get', '/payments/recharge-packages', await cms.api.get('/api/payments/recharge-packages')],
      ['get', '/payments/memberships/tiers', await cms.api.get('/api/payments/memberships/tiers')],
      ['get', '/payments/coupons', await cms.api.get('/api/payments/coupons').set(m.auth)],
      ['get', '/payments/refund-requests', await cms.api.get('/api/payments/refund-requests').set(m.auth)],
      ['get', '/users/me', await cms.api.get('/api/users/me').set(m.auth)],
      ['put', '/me/profile', await cms.api.put('/api/me/profile').set(m.auth).send({ nickname: '小周' })],
      ['get', '/announcements', await cms.api.get('/api/announcements').set(m.auth)],
      ['get', '/settings/public', await cms.api.get('/api/settings/public')],
      ['get', '/health', await cms.api.get('/api/health')],
    ];
    const waiter = await loginMember(cms);
    const joined = await cms.api.post('/api/booking/waitlist').set(waiter.auth).send({ room: room.documentId, seat: seats[0].documentId, start: iso(r.start), end: iso(r.end) });
    calls.push(['post', '/booking/waitlist', joined], ['get', '/booking/waitlist', await cms.api.get('/api/booking/waitlist').set(waiter.auth)]);
    // The cancellation offers the seat to the waiting member: the list now carries the offer.
    calls.push(['post', '/booking/bookings/{id}/cancel', await cms.api.post(`/api/booking/bookings/${id}/cancel`).set(m.auth).send({})]);
    const offered = await cms.api.get('/api/booking/waitlist').set(waiter.auth);
    expect(offered.body.data[0].offer).not.toBeNull();
    calls.push(['get', '/booking/waitlist', offered], ['delete', '/booking/waitlist/{id}', await cms.api.delete(`/api/booking/waitlist/${joined.body.data.id}`).set(waiter.auth)]);
    const problems: string[] = [];
    for (const [method, path, res] of calls) {
      const route = MEMBER_ROUTES.find((x) => x.method === method && x.path === path)!;
      const schema = route.responses[res.status]?.schema;
      if (!schema) {
        problems.push(`${method} ${path}: status ${res.status} not documented (${JSON.stringify(res.body).slice(0, 200)})`);
        continue;
      }
      const parsed = schema.safeParse(res.body);
      if (!parsed.success) problems.push(`${method} ${path}: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    expect(problems).toEqual([]);
  });
});
