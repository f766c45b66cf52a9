import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';
import { getBookingService } from '../services/accessor';

/** unpaid holds past hold_minutes become expired and their seats free (in batches, backlog included). */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: 'booking.release-expired-holds',
  rule: '*/1 * * * *',
  leaseMs: 5 * 60_000,
  run: () => getBookingService(strapi, 'cleanup').releaseExpiredHolds(),
});
