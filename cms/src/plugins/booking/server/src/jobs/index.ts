import type { Core } from '@strapi/strapi';
import { runtime } from '../../../../../platform/runtime';
import releaseExpiredHolds from './release-expired-holds';
import markNoShows from './mark-no-shows';
import completeFinishedBookings from './complete-finished-bookings';
import expireMemberTags from './expire-member-tags';
import purgeIdempotencyKeys from './purge-idempotency-keys';
import purgePastClaims from './purge-past-claims';
import runMemberBatches from './run-member-batches';
import applyTagRules from './apply-tag-rules';
import publishScheduledAnnouncements from './publish-scheduled-announcements';

export const BOOKING_JOBS = [releaseExpiredHolds, markNoShows, completeFinishedBookings, expireMemberTags, purgeIdempotencyKeys, purgePastClaims, runMemberBatches, applyTagRules, publishScheduledAnnouncements];

/** Registers the jobs with the cluster scheduler (the app starts it once every plugin is ready). */
export function defineBookingJobs(strapi: Core.Strapi) {
  for (const job of BOOKING_JOBS) runtime().scheduler.define(job(strapi));
}
