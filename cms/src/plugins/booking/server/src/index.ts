import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services, { getBookingService } from './services';

/** Wiring only. */
export default {
  register() {},
  bootstrap({ strapi }: { strapi: Core.Strapi }) {
    getBookingService(strapi, 'seat-guard').register();
  },
  destroy() {},
  config: { default: {}, validator() {} },
  contentTypes,
  controllers,
  routes,
  services,
  policies: {},
  middlewares: {},
};
