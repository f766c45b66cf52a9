/**
 * The automatic ban rule: `threshold` violations (no-shows) within the last `windowDays` days ban the
 * member for `banDays` days from now. A rolling window of whole 24-hour days is used rather than calendar
 * days so the rule reads the same at 00:05 and at 23:55.
 */
import { assertInstant, assertInteger } from './support';

const DAY_MS = 86_400_000;

export interface BanDecisionInput {
  violationTimes: Date[];
  now: Date;
  threshold: number;
  windowDays: number;
  banDays: number;
}

export interface BanDecision {
  ban: boolean;
  /** Present when `ban`: the end of the ban. If the member is already banned longer, keep the later date. */
  until?: Date;
  /** Violations counted inside the window (including the one just recorded, if the caller passed it). */
  count: number;
}

export function banDecision({ violationTimes, now, threshold, windowDays, banDays }: BanDecisionInput): BanDecision {
  assertInstant(now, 'now');
  assertInteger(threshold, 'threshold', 1);
  assertInteger(windowDays, 'windowDays', 1);
  assertInteger(banDays, 'banDays', 1);
  const windowStart = now.getTime() - windowDays * DAY_MS;
  // (windowStart, now]: a violation exactly windowDays old has aged out; future-dated rows are ignored.
  const count = violationTimes.filter((t) => t.getTime() > windowStart && t.getTime() <= now.getTime()).length;
  if (count < threshold) return { ban: false, count };
  return { ban: true, until: new Date(now.getTime() + banDays * DAY_MS), count };
}
