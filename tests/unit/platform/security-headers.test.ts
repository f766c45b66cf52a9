import Koa from 'koa';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import security from '../../../cms/src/platform/http-middlewares/security';
// Strapi's own middleware, the reference: the headers must not change because ours builds helmet once.
// (a file of @strapi/core's build, which its package exports do not name.)
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { security: strapiSecurity } = require(path.join(path.dirname((require as any).resolve('@strapi/core')), 'middlewares', 'security.js'));

const strapi = { config: { get: (key: string) => (key === 'admin.path' ? '/admin' : undefined) }, plugin: () => undefined };

async function headersOf(middleware: any, method: string, path: string) {
  const app = new Koa();
  app.use(middleware);
  app.use((ctx) => {
    ctx.body = { ok: true };
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      if (key !== 'date' && key !== 'connection' && key !== 'keep-alive') headers[key] = value;
    });
    return headers;
  } finally {
    server.close();
  }
}

describe('security headers (strapi::security, built once)', () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  it.each([
    ['production', 'GET', '/api/booking/rooms'],
    ['production', 'POST', '/api/booking/bookings'],
    ['production', 'GET', '/admin/plugins/booking'],
    ['test', 'GET', '/api/ping'],
    ['test', 'GET', '/admin/plugins/booking'],
    ['development', 'GET', '/admin'],
  ])('%s %s %s: the same headers as strapi::security', async (nodeEnv, method, path) => {
    process.env.NODE_ENV = nodeEnv;
    const ours = await headersOf(security({}, { strapi }), method, path);
    const strapis = await headersOf(strapiSecurity({}, { strapi }), method, path);
    expect(ours).toEqual(strapis);
    expect(ours['x-frame-options']).toBe('SAMEORIGIN');
    expect(ours['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(ours['content-security-policy']).toContain("img-src 'self' data: blob: https://market-assets.strapi.io");
  });

  it('the admin of a development server may open Vite’s websocket; production may not', async () => {
    process.env.NODE_ENV = 'development';
    expect((await headersOf(security({}, { strapi }), 'GET', '/admin'))['content-security-policy']).toContain('ws:');
    process.env.NODE_ENV = 'production';
    expect((await headersOf(security({}, { strapi }), 'GET', '/admin'))['content-security-policy']).not.toContain('ws:');
  });
});
