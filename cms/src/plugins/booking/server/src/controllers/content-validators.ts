import { z } from 'zod';
import { ANNOUNCEMENT_STATES } from '../domain/announcement-schedule';
import { isoInstant } from './validators';

/** Request shapes of the announcements and parameters pages. */
const block = z
  .object({ type: z.enum(['paragraph', 'heading', 'list', 'quote', 'list-item', 'code']), children: z.array(z.any()).max(500) })
  .passthrough();

export const announcementBody = z
  .object({
    title: z.string().trim().min(1, 'the title is empty').max(120),
    summary: z.string().trim().max(200).transform((s) => s || null).nullable().default(null),
    body: z.array(block).max(300).nullable().default(null),
    cover: z.number().int().positive().nullable().default(null),
    audience: z.enum(['all', 'tag', 'tier'], { message: 'audience must be "all", "tag" or "tier"' }),
    audienceTag: z.string().trim().min(1).max(64).nullable().default(null),
    audienceTier: z.string().trim().min(1).max(64).nullable().default(null),
    publishAt: isoInstant.nullable().default(null),
    expireAt: isoInstant.nullable().default(null),
    pinned: z.boolean().default(false),
  })
  .strict();

export const announcementListQuery = z.object({
  state: z.enum(ANNOUNCEMENT_STATES as [string, ...string[]]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const int = z.number().int();
/** Every field optional: the page sends what changed; ranges and the rules across fields are the service's. */
export const parametersBody = z
  .object({
    store_timezone: z.string().trim().min(1).max(64),
    slot_minutes: int,
    hold_minutes: int,
    max_booking_minutes: int,
    booking_horizon_days: int,
    daily_quota_hours: int.nullable(),
    open_booking_limit: int.nullable(),
    cancel_free_hours: int,
    cancel_fee_percent: int,
    release_coupon_on_cancel: z.boolean(),
    checkin_open_minutes_before: int,
    no_show_grace_minutes: int,
    early_checkout_refund: z.boolean(),
    violation_threshold: int,
    violation_window_days: int,
    ban_days: int,
    recharge_min_fen: int,
    recharge_max_fen: int,
    checkin_token_seconds: int,
    customer_service_contact: z.string().trim().max(200),
    offline_payment_enabled: z.boolean(),
    offline_hold_minutes: int,
    waitlist_offer_minutes: int,
    waitlist_max_entries: int,
  })
  .partial()
  .strict();
