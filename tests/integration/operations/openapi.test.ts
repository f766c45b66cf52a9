/**
 * GET /api/openapi.json documents every content-API route a member, a visitor or WeChat can reach in the
 * running CMS; the document is valid OpenAPI 3.1 (swagger-parser).
 */
import path from 'path';
import { spawnSync } from 'child_process';
import { startCms, type TestCms } from '../../support/cms';

let cms: TestCms;
beforeAll(async () => {
  cms = await startCms();
}, 120_000);
afterAll(async () => {
  await cms?.close();
});

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
});
