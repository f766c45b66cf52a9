import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';
import { getBookingService } from '../services/accessor';

/** Claims of seat time that can never be claimed again are deleted in batches (history purge). */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: 'booking.purge-past-claims',
  rule: '23 * * * *',
  leaseMs: 5 * 60_000,
  run: () => getBookingService(strapi, 'cleanup').purgePastClaims(),
});
