import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';
import { getBookingService } from '../services';

/**
 * WeChat subscribe messages: produces the "starting soon" and "hold about to expire" reminders of due
 * bookings (idempotent by dedupe key), then sends due messages of the outbox in bounded batches.
 */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: 'booking.send-reminders',
  rule: '*/1 * * * *',
  leaseMs: 5 * 60_000,
  async run() {
    const reminders = getBookingService(strapi, 'reminders');
    const produced = await reminders.produceDue();
    const sent = await reminders.sendDue();
    return { produced, sent };
  },
});
