import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';
import { getBookingService } from '../services/accessor';

/** Scheduled announcements go live at publish-at and are retired at expire-at (backlog included). */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: 'booking.publish-scheduled-announcements',
  rule: '* * * * *',
  leaseMs: 60_000,
  run: () => getBookingService(strapi, 'announcements').applySchedule(),
});
