import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';
import { getBookingService } from '../services/accessor';

/** confirmed bookings not checked in by start + grace become no_show (violation, maybe ban). */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: 'booking.mark-no-shows',
  rule: '*/1 * * * *',
  leaseMs: 5 * 60_000,
  run: () => getBookingService(strapi, 'cleanup').markNoShows(),
});
