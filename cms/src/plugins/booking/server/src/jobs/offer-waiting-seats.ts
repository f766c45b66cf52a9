import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';
import { getBookingService } from '../services/accessor';

/**
 * Waiting-list sweep: settles paid and lapsed offers, and offers seats a release's after-commit step
 * missed (a process stopped between commit and offer). Releases offer at once; this only catches up.
 */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: 'booking.offer-waiting-seats',
  rule: '*/1 * * * *',
  leaseMs: 5 * 60_000,
  run: () => getBookingService(strapi, 'waitlist').offerWaitingSeats(),
});
