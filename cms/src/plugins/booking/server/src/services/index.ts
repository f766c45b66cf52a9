import type { Core } from '@strapi/strapi';
import catalog from './catalog';
import seatGuard from './seat-guard';

const services = { catalog, 'seat-guard': seatGuard };
export default services;

type Services = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

/** One typed accessor instead of stringly strapi.plugin(...).service(...) calls. */
export const getBookingService = <K extends keyof Services>(strapi: Core.Strapi, name: K): Services[K] =>
  strapi.plugin('booking').service(name as string) as Services[K];
