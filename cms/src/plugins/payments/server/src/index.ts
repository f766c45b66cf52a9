import contentTypes from './content-types';
import controllers from './controllers';
import { defineJobs } from './jobs';
import { ADMIN_ACTION_DEFINITIONS, MEMBER_ACTIONS, STAFF_ACTIONS } from './permissions';
import routes from './routes';
import services, { getPaymentsService } from './services';
import { subscribeTierInvalidation } from './repositories/catalog';

let unsubscribe: (() => void) | null = null;

/** Wiring only. */
export default {
  register() {},

  async bootstrap({ strapi }: { strapi: any }) {
    await strapi.admin.services.permission.actionProvider.registerMany(ADMIN_ACTION_DEFINITIONS);

    subscribeTierInvalidation(strapi);
    const checkout = getPaymentsService(strapi, 'checkout');
    checkout.onPaid('recharge', (paid) => getPaymentsService(strapi, 'recharges').credit(paid));
    checkout.onClosed('recharge', (closed) => getPaymentsService(strapi, 'recharges').closed(closed));
    checkout.onPaid('membership', (paid) => getPaymentsService(strapi, 'memberships').activatePaid(paid));
    checkout.onClosed('membership', (closed) => getPaymentsService(strapi, 'memberships').cancelUnpaid(closed));

    // Sign-up gifts; a failure is logged and never blocks the member's first login.
    unsubscribe = strapi.eventHub.on('member.created', async ({ userId }: { userId: number }) => {
      try {
        await getPaymentsService(strapi, 'coupons').issueOnSignup(userId);
      } catch (err) {
        strapi.log.warn(`[payments] sign-up coupons for member ${userId} failed: ${(err as Error).message}`);
      }
    });

    defineJobs(strapi);
  },

  destroy() {
    unsubscribe?.();
    unsubscribe = null;
  },

  config: {
    default: { memberActions: MEMBER_ACTIONS, staffActions: STAFF_ACTIONS },
    validator() {},
  },
  contentTypes,
  controllers,
  routes,
  services,
  policies: {},
};
