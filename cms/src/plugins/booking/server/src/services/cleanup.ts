import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { inTransaction } from '../../../../../platform/transaction';
import { bookingsRepository, type BookingRow } from '../repositories/bookings';
import { claimsRepository } from '../repositories/claims';
import { eventsRepository } from '../repositories/events';
import { idempotencyRepository } from '../repositories/idempotency';
import { tagRulesRepository } from '../repositories/tag-rules';
import { statusChange, claimsPurgeableBefore, seatChangesOf, type SeatChange } from '../domain';
import { paymentsPort } from './payments-port';
import { loadParameters } from './policy';
import { getBookingService } from './accessor';

const BATCH = 100;
const MAX_BATCHES = 20;
/**
 * Holds expired per transaction: 100,000 in about 24 s (bench/history.js), while each batch holds its locks
 * and the event loop briefly enough that bookings meanwhile keep their p99 within 2x (1,000 per batch gave
 * 2.04x).
 */
export const HOLD_EXPIRY_BATCH = 500;
/** Past claims deleted per statement by the history purge. */
export const CLAIM_PURGE_BATCH = 5000;
/** A job run stops starting new batches after this long (the next run carries on), inside its lease. */
const RUN_BUDGET_MS = 50_000;
/**
 * A breath between hold-expiry batches, so members' bookings waiting on the database and the event loop go
 * first. 30 ms took 31.6 s for 100,000 holds on a slower machine (200 batches spend 6 s in pauses); at 15 ms
 * bookings' p99 meanwhile stayed at 1.29x.
 */
const HOLD_EXPIRY_PAUSE_MS = 15;
/** WeChat orders closed at once after an expiry batch (a courtesy: the orders carry their own expiry). */
const CLOSE_ORDER_CONCURRENCY = 8;

/**
 * The cleanup use cases run by the jobs. Each processes whatever is overdue (so the first run after
 * downtime catches up), in bounded batches, so a backlog never holds locks that bookings wait on for
 * long: one short transaction per booking, except hold expiry (a rush of unpaid holds can be 100,000),
 * which moves HOLD_EXPIRY_BATCH holds per transaction with one statement per table. Running twice is
 * harmless: every step is a conditional update.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const bookings = bookingsRepository(strapi);
  const claims = claimsRepository(strapi);
  const events = eventsRepository(strapi);
  const idempotency = idempotencyRepository(strapi);
  const payments = paymentsPort(strapi);
  const availability = () => getBookingService(strapi, 'availability');
  const lifecycle = () => getBookingService(strapi, 'lifecycle');

  /** One transaction of hold expiry; the WeChat orders of the expired holds are closed after it commits. */
  async function expireHoldBatch(limit: number): Promise<number> {
    const change = statusChange('pending_payment', 'expired');
    let expired: BookingRow[] = [];
    await inTransaction(strapi, async (tx) => {
      const now = clock.now();
      const due = await bookings.lockExpiredHolds(now, limit);
      if (due.length === 0) return;
      await bookings.transitionMany(due.map((b) => b.id), change);
      await claims.releaseForBookings(due.map((b) => b.id));
      for (const b of due) {
        if (b.coupon_id) await payments.coupons.release({ couponId: b.coupon_id, ref: { kind: 'booking', id: b.document_id }, reason: 'payment_failed' });
      }
      await events.recordMany(due.map((b) => ({ bookingId: b.id, from: 'pending_payment' })), 'expired', { type: 'system' }, 'hold not paid in time', now);
      const byRoom = new Map<number, SeatChange[]>();
      for (const b of due) byRoom.set(b.room_id, [...(byRoom.get(b.room_id) ?? []), ...seatChangesOf({ ...b, status: 'expired' })]);
      await availability().touch(...byRoom.keys());
      tx.afterCommit(async () => {
        for (const [roomId, changes] of byRoom) await availability().announce(roomId, changes);
      });
      expired = due;
    });
    const orders = expired.map((b) => b.out_trade_no).filter((o): o is string => !!o);
    for (let i = 0; i < orders.length; i += CLOSE_ORDER_CONCURRENCY) {
      await Promise.all(orders.slice(i, i + CLOSE_ORDER_CONCURRENCY).map((o) => payments.checkout.closeOrder(o).catch(() => undefined)));
    }
    return expired.length;
  }

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
    /**
     * Unpaid holds past their time become expired and free their seats, HOLD_EXPIRY_BATCH per transaction:
     * the holds are row-locked, moved in one conditional update, their claims deleted in one statement,
     * the history written in one insert, each room's availability version bumped once; the live seat
     * feed hears of it after the commit, one message per room. Returns how many holds expired.
     */
    async releaseExpiredHolds(opts: { budgetMs?: number; batchSize?: number } = {}) {
      const deadline = Date.now() + (opts.budgetMs ?? RUN_BUDGET_MS);
      const batchSize = opts.batchSize ?? HOLD_EXPIRY_BATCH;
      let total = 0;
      while (Date.now() < deadline) {
        const expired = await expireHoldBatch(batchSize);
        total += expired;
        if (expired < batchSize) break;
        await new Promise((resolve) => setTimeout(resolve, HOLD_EXPIRY_PAUSE_MS));
      }
      return total;
    },

    /**
     * History purge: claims of seat time that can never be claimed again (domain/history.ts) are deleted
     * in batches, so the claims table holds only what can still conflict. Bookings are kept.
     */
    async purgePastClaims(opts: { budgetMs?: number; batchSize?: number } = {}) {
      const { max_booking_minutes } = await loadParameters(strapi);
      const cutoff = claimsPurgeableBefore({ now: clock.now(), maxBookingMinutes: max_booking_minutes });
      const deadline = Date.now() + (opts.budgetMs ?? RUN_BUDGET_MS);
      const batchSize = opts.batchSize ?? CLAIM_PURGE_BATCH;
      let total = 0;
      while (Date.now() < deadline) {
        const n = await claims.purgeEndedBefore(cutoff, batchSize);
        total += n;
        if (n < batchSize) break;
      }
      return total;
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
      return tagRulesRepository(strapi).deleteExpiredMemberTags(clock.now(), 1000);
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
