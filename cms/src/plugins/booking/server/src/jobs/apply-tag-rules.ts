import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';
import { getBookingService } from '../services/accessor';

/** Tag rules are evaluated against the facts of now, so the first run after downtime catches up. */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: 'booking.apply-tag-rules',
  rule: '7 * * * *',
  leaseMs: 10 * 60_000,
  run: () => getBookingService(strapi, 'tag-rules').applyAll(),
});
