import helmet from 'koa-helmet';
import { CSP_DEFAULTS } from '@strapi/utils';

/**
 * The security headers of `strapi::security` (helmet with Strapi's defaults: CSP, HSTS, frame-guard,
 * nosniff …), with each helmet built once at startup. Strapi's own middleware deep-merges its defaults
 * and builds a new helmet on every request: 17 % of a constant route's CPU in a profile (bench/).
 * The headers are the same; tests/unit/platform/security-headers.test.ts compares them with Strapi's.
 */
const HELMET_DEFAULTS = {
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  contentSecurityPolicy: { useDefaults: true, directives: { ...CSP_DEFAULTS, upgradeInsecureRequests: null } },
  xssFilter: false,
  hsts: { maxAge: 31536000, includeSubDomains: true },
  frameguard: { action: 'sameorigin' },
};

/** In development and test, the admin's GETs also allow Vite's HMR websocket, as Strapi's middleware does. */
const ADMIN_DEV_DIRECTIVES = {
  ...HELMET_DEFAULTS.contentSecurityPolicy.directives,
  'script-src': ["'self'", "'unsafe-inline'"],
  'connect-src': [...CSP_DEFAULTS['connect-src'], "'self'", 'http:', 'https:', 'ws:'],
};

export default (_config: unknown, { strapi }: { strapi: any }) => {
  const everyRoute = helmet(HELMET_DEFAULTS as any);
  const adminDev = ['development', 'test'].includes(process.env.NODE_ENV ?? '')
    ? helmet({ ...HELMET_DEFAULTS, contentSecurityPolicy: { useDefaults: true, directives: ADMIN_DEV_DIRECTIVES } } as any)
    : null;
  const adminPath: string = strapi.config.get('admin.path');
  return (ctx: any, next: () => Promise<void>) =>
    adminDev && ctx.method === 'GET' && ctx.path.startsWith(adminPath) ? adminDev(ctx, next) : everyRoute(ctx, next);
};
