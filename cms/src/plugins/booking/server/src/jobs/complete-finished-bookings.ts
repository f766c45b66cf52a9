import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';
import { getBookingService } from '../services/accessor';

/** checked-in bookings whose end has passed become completed. */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: 'booking.complete-finished-bookings',
  rule: '*/5 * * * *',
  leaseMs: 5 * 60_000,
  run: () => getBookingService(strapi, 'cleanup').completeFinishedBookings(),
});
