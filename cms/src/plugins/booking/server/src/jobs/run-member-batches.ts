import type { Core } from '@strapi/strapi';
import type { JobDefinition } from '../../../../../platform/scheduler';
import { RUN_MEMBER_BATCHES_JOB } from '../services/member-batches';
import { getBookingService } from '../services/accessor';

/** Member batches staff started: worked through in ~2-minute runs, each carrying on from the cursor. */
export default (strapi: Core.Strapi): JobDefinition => ({
  name: RUN_MEMBER_BATCHES_JOB,
  rule: '*/15 * * * * *',
  // Longer than one run's budget, so a live run never loses its lease; a dead one frees it within minutes.
  leaseMs: 3 * 60_000,
  run: () => getBookingService(strapi, 'member-batches').runPending({ budgetMs: 110_000 }),
});
