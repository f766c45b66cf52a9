import type { Core } from '@strapi/strapi';
import type services from './index';

export type BookingServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

/**
 * One typed accessor instead of stringly strapi.plugin(...).service(...) calls. Type-only import of the
 * service map, so services can reach each other at call time without a require cycle.
 */
export const getBookingService = <K extends keyof BookingServices>(strapi: Core.Strapi, name: K): BookingServices[K] =>
  strapi.plugin('booking').service(name as string) as BookingServices[K];
