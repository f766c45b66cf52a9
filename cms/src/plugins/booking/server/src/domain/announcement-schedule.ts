/**
 * Where an announcement stands, computed from the clock (never stored, so it cannot go stale):
 * - draft: not published and not waiting for its publish-at;
 * - scheduled: waiting for its publish-at (a draft marked `scheduled`, or published with a future publish-at);
 * - live: published, inside publish-at / expire-at – what members read;
 * - expired: past its expire-at (retired by the job, or about to be).
 * The member route applies the same window itself, so visibility is exact even between two job ticks.
 */
export type AnnouncementState = 'draft' | 'scheduled' | 'live' | 'expired';
export const ANNOUNCEMENT_STATES: AnnouncementState[] = ['draft', 'scheduled', 'live', 'expired'];

export interface ScheduleFacts {
  published: boolean;
  scheduled: boolean;
  publishAt: Date | null;
  expireAt: Date | null;
}

export function announcementState(a: ScheduleFacts, now: Date): AnnouncementState {
  const t = now.getTime();
  if (a.expireAt && a.expireAt.getTime() <= t) return 'expired';
  if (a.published) return a.publishAt && a.publishAt.getTime() > t ? 'scheduled' : 'live';
  if (a.scheduled && a.publishAt) return 'scheduled';
  return 'draft';
}

/** The job publishes a scheduled draft once its publish-at has come – unless it already expired meanwhile. */
export function isDueForPublishing(a: ScheduleFacts, now: Date): boolean {
  return !a.published && a.scheduled && !!a.publishAt && a.publishAt.getTime() <= now.getTime() && !(a.expireAt && a.expireAt.getTime() <= now.getTime());
}

/** The job retires (unpublishes) a published announcement once its expire-at has passed. */
export function isDueForRetiring(a: ScheduleFacts, now: Date): boolean {
  return a.published && !!a.expireAt && a.expireAt.getTime() <= now.getTime();
}

export interface ScheduleProblem {
  field: 'publishAt' | 'expireAt';
  rule: 'EXPIRE_BEFORE_PUBLISH' | 'EXPIRE_IN_PAST' | 'PUBLISH_AT_REQUIRED' | 'PUBLISH_AT_IN_PAST';
  message: string;
}

/** What is wrong with a publish-at / expire-at pair for the action asked (save, schedule, publish now). */
export function scheduleProblems(action: 'save' | 'schedule' | 'publish', publishAt: Date | null, expireAt: Date | null, now: Date): ScheduleProblem[] {
  const out: ScheduleProblem[] = [];
  if (publishAt && expireAt && expireAt.getTime() <= publishAt.getTime()) {
    out.push({ field: 'expireAt', rule: 'EXPIRE_BEFORE_PUBLISH', message: 'The expiry must come after the publish time.' });
  }
  if (action !== 'save' && expireAt && expireAt.getTime() <= now.getTime()) {
    out.push({ field: 'expireAt', rule: 'EXPIRE_IN_PAST', message: 'The expiry is already past: members would never see it. Move it later or clear it.' });
  }
  if (action === 'schedule' && !publishAt) {
    out.push({ field: 'publishAt', rule: 'PUBLISH_AT_REQUIRED', message: 'Set a publish time to schedule the announcement.' });
  }
  if (action === 'schedule' && publishAt && publishAt.getTime() <= now.getTime()) {
    out.push({ field: 'publishAt', rule: 'PUBLISH_AT_IN_PAST', message: 'The publish time has passed: publish now instead, or pick a later time.' });
  }
  return out;
}
