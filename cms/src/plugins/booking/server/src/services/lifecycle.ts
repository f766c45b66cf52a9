import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { bookingsRepository, type BookingPatch, type BookingRow } from '../repositories/bookings';
import { claimsRepository } from '../repositories/claims';
import { eventsRepository, type Actor } from '../repositories/events';
import { violationsRepository } from '../repositories/violations';
import { membersRepository } from '../repositories/members';
import { banDecision, canTransition, seatChangesOf, statusChange, type StatusChange } from '../domain';
import { paymentsPort } from './payments-port';
import { loadParameters } from './policy';
import { inTransaction, type TxTools } from '../../../../../platform/transaction';
import { getBookingService } from './accessor';

/**
 * Transitions that end a booking's hold on seat time. Each is a conditional status update (the loser
 * of a race – a job and a member, two processes – changes nothing), then the claims are released,
 * the coupon handed back where the policy says so, and the history written, all in one transaction.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const bookings = bookingsRepository(strapi);
  const claims = claimsRepository(strapi);
  const events = eventsRepository(strapi);
  const violations = violationsRepository(strapi);
  const members = membersRepository(strapi);
  const payments = paymentsPort(strapi);
  const availability = () => getBookingService(strapi, 'availability');

  /**
   * Inside a transaction: apply `change` (checked by the caller against the status table) if `b` is still
   * in `change.from`, and release its seat time. False when a concurrent change got there first.
   */
  async function endHold(
    tx: TxTools,
    b: BookingRow,
    change: StatusChange,
    patch: BookingPatch,
    actor: Actor,
    reason: string,
    opts: { releaseFrom?: Date; releaseCoupon?: 'cancelled' | 'payment_failed' } = {},
  ): Promise<boolean> {
    const moved = await bookings.transition(b.id, change, patch);
    if (!moved) return false;
    await claims.release(b.id, opts.releaseFrom);
    if (opts.releaseCoupon && b.coupon_id) await payments.coupons.release({ couponId: b.coupon_id, ref: { kind: 'booking', id: b.document_id }, reason: opts.releaseCoupon });
    await events.record(b.id, change.from, change.to, actor, reason, clock.now());
    await availability().touch(b.room_id);
    tx.afterCommit(() => availability().announce(b.room_id, seatChangesOf({ ...b, ...patch, status: change.to }, opts.releaseFrom)));
    return true;
  }

  return {
    endHold,

    /** WeChat order creation failed right after the hold was written: give the seat back now. */
    async abandonHold(bookingId: number, why: string) {
      await inTransaction(strapi, async (tx) => {
        const b = await bookings.findById(bookingId, { lock: true });
        // Only the hold just written is abandoned; anything that moved on meanwhile (paid, expired) stays.
        if (!b || b.status !== 'pending_payment') return;
        await endHold(tx, b, statusChange(b.status, 'cancelled'), { cancelled_at: clock.now(), cancel_reason: `payment could not start (${why})` }, { type: 'system' }, `payment could not start (${why})`, {
          releaseCoupon: 'payment_failed',
        });
      });
    },

    /** Not checked in by start + grace: seat released, a violation recorded, a ban if over the threshold (job). */
    async markNoShow(bookingId: number) {
      const params = await loadParameters(strapi);
      return inTransaction(strapi, async (tx) => {
        const now = clock.now();
        const b = await bookings.findById(bookingId, { lock: true });
        if (!b || !canTransition(b.status, 'no_show')) return false;
        if (b.start_at.getTime() + params.no_show_grace_minutes * 60_000 >= now.getTime()) return false;
        const moved = await endHold(tx, b, statusChange(b.status, 'no_show'), {}, { type: 'system' }, `not checked in within ${params.no_show_grace_minutes} minutes of the start`);
        if (!moved) return false;
        await violations.record(b.user_id, b.id, now);
        await getBookingService(strapi, 'reminders').bookingNotice('no_show', b);
        const since = new Date(now.getTime() - params.violation_window_days * 86400_000);
        const decision = banDecision({
          violationTimes: await violations.timesSince(b.user_id, since),
          now,
          threshold: params.violation_threshold,
          windowDays: params.violation_window_days,
          banDays: params.ban_days,
        });
        if (decision.ban && decision.until) {
          const current = (await members.banOf(b.user_id))?.until ?? null;
          if (!current || current < decision.until) {
            const reason = `${decision.count} no-shows within ${params.violation_window_days} days`;
            await members.setBan(b.user_id, decision.until, reason);
            await members.recordBan({ userId: b.user_id, action: 'ban', until: decision.until, reason, actor: { type: 'system' }, at: now });
          }
        }
        return true;
      });
    },

    /** A checked-in booking whose time is over (job). */
    async completeFinished(bookingId: number) {
      return inTransaction(strapi, async (tx) => {
        const b = await bookings.findById(bookingId, { lock: true });
        if (!b || !canTransition(b.status, 'completed') || b.end_at > clock.now()) return false;
        return endHold(tx, b, statusChange(b.status, 'completed'), {}, { type: 'system' }, 'time is over');
      });
    },
  };
};
