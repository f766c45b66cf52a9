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
  // A process that dies mid-run keeps the lease until it lapses: REMINDERS_JOB_LEASE_SECONDS bounds that pause.
  leaseMs: (Number(process.env.REMINDERS_JOB_LEASE_SECONDS) || 300) * 1000,
  async run() {
    const reminders = getBookingService(strapi, 'reminders');
    const produced = await reminders.produceDue();
    const sent = await reminders.sendDue();
    return { produced, sent };
  },
});
