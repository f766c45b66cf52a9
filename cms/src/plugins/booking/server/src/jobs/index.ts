import type { Core } from '@strapi/strapi';
import { runtime } from '../../../../../platform/runtime';
import releaseExpiredHolds from './release-expired-holds';
import markNoShows from './mark-no-shows';
import completeFinishedBookings from './complete-finished-bookings';
import expireMemberTags from './expire-member-tags';
import purgeIdempotencyKeys from './purge-idempotency-keys';
import purgePastClaims from './purge-past-claims';
import purgeSettledReminders from './purge-settled-reminders';
import runMemberBatches from './run-member-batches';
import applyTagRules from './apply-tag-rules';
import publishScheduledAnnouncements from './publish-scheduled-announcements';
import offerWaitingSeats from './offer-waiting-seats';
import sendReminders from './send-reminders';

export const BOOKING_JOBS = [releaseExpiredHolds, markNoShows, completeFinishedBookings, expireMemberTags, purgeIdempotencyKeys, purgePastClaims, runMemberBatches, applyTagRules, publishScheduledAnnouncements, offerWaitingSeats, sendReminders, purgeSettledReminders];

/** BOOKING_CRON_SEND_REMINDERS etc. override a job's schedule (tests use seconds-level rules). */
const envName = (jobName: string) => `BOOKING_CRON_${jobName.replace(/^booking\./, '').replace(/-/g, '_').toUpperCase()}`;

/** Registers the jobs with the cluster scheduler (the app starts it once every plugin is ready). */
export function defineBookingJobs(strapi: Core.Strapi) {
  for (const job of BOOKING_JOBS) {
    const def = job(strapi);
    runtime().scheduler.define({ ...def, rule: process.env[envName(def.name)] || def.rule });
  }
}
