import type { Core } from '@strapi/strapi';
import security from './security';
import body from './body';

/**
 * `strapi::security` and `strapi::body` keep their names in config/middlewares.ts (Strapi requires
 * both) but run these versions, which build helmet and koa-body once at startup instead of on every
 * request. Together that was a fifth of a constant route's CPU (bench/, CPU profile).
 * `extend` is the middleware registry's own way to replace a middleware.
 */
export function useMiddlewaresBuiltOnce(strapi: Core.Strapi): void {
  const registry = strapi.get('middlewares') as { extend(uid: string, fn: (current: unknown) => unknown): unknown };
  registry.extend('strapi::security', () => security);
  registry.extend('strapi::body', () => body);
}
