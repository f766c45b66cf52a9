import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';

/** checked-in bookings whose end has passed become completed. */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: 'booking.complete-finished-bookings',
  rule: '*/5 * * * *',
  leaseMs: 5 * 60_000,
  run: () => strapi.plugin('booking').service('cleanup').completeFinishedBookings(),
});
