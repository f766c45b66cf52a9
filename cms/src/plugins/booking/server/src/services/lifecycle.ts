import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { bookingsRepository, type BookingRow } from '../repositories/bookings';
import { claimsRepository } from '../repositories/claims';
import { eventsRepository, type Actor } from '../repositories/events';
import { violationsRepository } from '../repositories/violations';
import { membersRepository } from '../repositories/members';
import { banDecision, seatChangesOf } from '../domain';
import { paymentsPort } from './payments-port';
import { loadParameters } from './policy';
import { inTransaction, type TxTools } from '../../../../../platform/transaction';

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
  const availability = () => strapi.plugin('booking').service('availability');

  /** Inside a transaction: move `b` to `to` if it is still in `from`, and release its seat time. */
  async function endHold(
    tx: TxTools,
    b: BookingRow,
    from: readonly string[],
    to: string,
    patch: Partial<BookingRow>,
    actor: Actor,
    reason: string,
    opts: { releaseFrom?: Date; releaseCoupon?: 'cancelled' | 'payment_failed' } = {},
  ): Promise<boolean> {
    const moved = await bookings.transition(b.id, from, { ...patch, status: to });
    if (!moved) return false;
    await claims.release(b.id, opts.releaseFrom);
    if (opts.releaseCoupon && b.coupon_id) await payments.coupons.release({ couponId: b.coupon_id, ref: { kind: 'booking', id: b.document_id }, reason: opts.releaseCoupon });
    await events.record(b.id, b.status, to, actor, reason, clock.now());
    await availability().touch(b.room_id);
    tx.afterCommit(() => availability().announce(b.room_id, seatChangesOf({ ...b, ...patch, status: to }, opts.releaseFrom)));
    return true;
  }

  return {
    endHold,

    /** WeChat order creation failed right after the hold was written: give the seat back now. */
    async abandonHold(bookingId: number, why: string) {
      await inTransaction(strapi, async (tx) => {
        const b = await bookings.findById(bookingId, { lock: true });
        if (!b) return;
        await endHold(tx, b, ['pending_payment'], 'cancelled', { cancelled_at: clock.now(), cancel_reason: `payment could not start (${why})` }, { type: 'system' }, `payment could not start (${why})`, {
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
        if (!b || b.status !== 'confirmed') return false;
        if (b.start_at.getTime() + params.no_show_grace_minutes * 60_000 >= now.getTime()) return false;
        const moved = await endHold(tx, b, ['confirmed'], 'no_show', {}, { type: 'system' }, `not checked in within ${params.no_show_grace_minutes} minutes of the start`);
        if (!moved) return false;
        await violations.record(b.user_id, b.id, now);
        await strapi.plugin('booking').service('reminders').bookingNotice('no_show', b);
        const since = new Date(now.getTime() - params.violation_window_days * 86400_000);
        const decision = banDecision({
          violationTimes: await violations.timesSince(b.user_id, since),
          now,
          threshold: params.violation_threshold,
          windowDays: params.violation_window_days,
          banDays: params.ban_days,
        });
        if (decision.ban && decision.until) {
          const user = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: b.user_id }, select: ['id', 'ban_until'] });
          const current = user?.ban_until ? new Date(user.ban_until) : null;
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
        if (!b || b.status !== 'checked_in' || b.end_at > clock.now()) return false;
        return endHold(tx, b, ['checked_in'], 'completed', {}, { type: 'system' }, 'time is over');
      });
    },
  };
};
