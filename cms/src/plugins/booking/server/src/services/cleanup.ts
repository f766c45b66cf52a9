import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { bookingsRepository } from '../repositories/bookings';
import { idempotencyRepository } from '../repositories/idempotency';
import { loadParameters } from './policy';
import { getBookingService } from './accessor';

const BATCH = 100;
const MAX_BATCHES = 20;

/**
 * The cleanup use cases run by the jobs. Each processes whatever is overdue (so the first run after
 * downtime catches up), in bounded batches with one short transaction per booking, so a backlog never
 * holds locks that bookings wait on. Running twice is harmless: every step is a conditional update.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const bookings = bookingsRepository(strapi);
  const idempotency = idempotencyRepository(strapi);
  const lifecycle = () => getBookingService(strapi, 'lifecycle');

  async function drain(select: () => Promise<number[]>, apply: (id: number) => Promise<boolean>) {
    let done = 0;
    const seen = new Set<number>();
    for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
      const ids = (await select()).filter((id) => !seen.has(id));
      if (ids.length === 0) break;
      for (const id of ids) {
        seen.add(id);
        if (await apply(id)) done += 1;
      }
    }
    return done;
  }

  return {
    async releaseExpiredHolds() {
      return drain(() => bookings.idsWhere({ becoming: 'expired', column: 'hold_expires_at', before: clock.now(), limit: BATCH }), (id) => lifecycle().expireHold(id));
    },

    async markNoShows() {
      const { no_show_grace_minutes } = await loadParameters(strapi);
      return drain(
        () => bookings.idsWhere({ becoming: 'no_show', column: 'start_at', before: new Date(clock.nowMs() - no_show_grace_minutes * 60_000), limit: BATCH }),
        (id) => lifecycle().markNoShow(id),
      );
    },

    async completeFinishedBookings() {
      return drain(() => bookings.idsWhere({ becoming: 'completed', column: 'end_at', before: new Date(clock.nowMs() + 1), limit: BATCH }), (id) => lifecycle().completeFinished(id));
    },

    async expireMemberTags() {
      const expired = await strapi.db.query('api::member-tag.member-tag' as any).findMany({ where: { expires_at: { $lt: clock.now() } }, select: ['id'], limit: 1000 });
      if (expired.length === 0) return 0;
      await strapi.db.query('api::member-tag.member-tag' as any).deleteMany({ where: { id: { $in: expired.map((r: any) => r.id) } } });
      return expired.length;
    },

    /** Keys older than a day can no longer be retried by any client. */
    async purgeIdempotencyKeys() {
      let total = 0;
      for (let i = 0; i < MAX_BATCHES; i += 1) {
        const n = await idempotency.purgeOlderThan(new Date(clock.nowMs() - 24 * 3600_000), 500);
        total += n;
        if (n < 500) break;
      }
      return total;
    },
  };
};
