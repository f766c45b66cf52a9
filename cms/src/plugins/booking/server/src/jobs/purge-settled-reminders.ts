import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';
import { getBookingService } from '../services/accessor';

/** Subscribe messages settled more than REMINDERS_KEEP_DAYS (30) ago are deleted from the outbox. */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: 'booking.purge-settled-reminders',
  rule: '41 4 * * *',
  leaseMs: 5 * 60_000,
  run: () => getBookingService(strapi, 'reminders').purgeSettled(),
});
