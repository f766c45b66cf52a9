import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services, { getBookingService } from './services';
import { defineBookingJobs } from './jobs';
import { subscribeRoomCatalogInvalidation } from './services/room-catalog';
import { MEMBER_ACTIONS, STAFF_ACTIONS, STAFF_GRANTS } from './permissions';
import { paymentsPort } from './services/payments-port';

/** Wiring only. */
export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany(STAFF_ACTIONS);
  },
  bootstrap({ strapi }: { strapi: Core.Strapi }) {
    getBookingService(strapi, 'seat-guard').register();
    subscribeRoomCatalogInvalidation(strapi);
    defineBookingJobs(strapi);
    paymentsPort(strapi).checkout.onPaid('booking', (paid) => getBookingService(strapi, 'late-payment').onBookingPaid(paid));
  },
  destroy() {},
  config: { default: { memberActions: MEMBER_ACTIONS, staffActions: STAFF_GRANTS }, validator() {} },
  contentTypes,
  controllers,
  routes,
  services,
  policies: {},
  middlewares: {},
};
