import type services from './index';

type Services = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };
export type PaymentsServices = Services;

/**
 * One typed accessor instead of stringly strapi.plugin(...).service(...) calls. Type-only import of the
 * service map, so services can reach each other at call time without a require cycle.
 */
export const getPaymentsService = <K extends keyof Services>(strapi: any, name: K): Services[K] =>
  strapi.plugin('payments').service(name as string) as Services[K];
