import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';
import { getBookingService } from '../services/accessor';

/** member tags past their expiry are removed. */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: 'booking.expire-member-tags',
  rule: '*/10 * * * *',
  leaseMs: 5 * 60_000,
  run: () => getBookingService(strapi, 'cleanup').expireMemberTags(),
});
