import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';
import { getBookingService } from '../services/accessor';

/** idempotency keys older than a day are deleted. */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: 'booking.purge-idempotency-keys',
  rule: '17 * * * *',
  leaseMs: 5 * 60_000,
  run: () => getBookingService(strapi, 'cleanup').purgeIdempotencyKeys(),
});
