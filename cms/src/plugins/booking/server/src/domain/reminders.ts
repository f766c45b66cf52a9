/**
 * Reminders and notices sent as WeChat subscribe messages: which template each kind uses, how its
 * keywords are filled within WeChat's limits, which page it opens, and what WeChat's answers mean for
 * the outbox. Pure: no Strapi, no clock, no network.
 */
import { formatLocal } from './support';

export const REMINDER_KINDS = [
  'booking_confirmed',
  'booking_starting',
  'hold_expiring',
  'no_show',
  'refund_result',
  'waitlist_offer',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** The facts each kind is built from (times as Date or ISO strings; money in fen). */
export interface ReminderFacts {
  booking_confirmed: { booking: string; room: string; seat: string; start: Date | string; end: Date | string };
  booking_starting: { booking: string; room: string; seat: string; start: Date | string; minutes: number };
  hold_expiring: { booking: string; room: string; seat: string; expiresAt: Date | string; amountFen: number };
  no_show: { booking: string; room: string; seat: string; start: Date | string };
  refund_result: { request: string; result: 'refunded' | 'partially_refunded' | 'failed' | 'rejected'; amountFen: number; note?: string | null };
  waitlist_offer: { booking: string; room: string; seat: string; start: Date | string; end: Date | string; expiresAt: Date | string };
}

/** A message for one member, of one kind, with the facts of that kind. */
export type ReminderRequest = { [K in ReminderKind]: { kind: K; data: ReminderFacts[K] } }[ReminderKind];

/** Environment variable holding each kind's template id (a template chosen in the mini program admin). */
export const TEMPLATE_ENV: Record<ReminderKind, string> = {
  booking_confirmed: 'WECHAT_TEMPLATE_BOOKING_CONFIRMED',
  booking_starting: 'WECHAT_TEMPLATE_BOOKING_STARTING',
  hold_expiring: 'WECHAT_TEMPLATE_HOLD_EXPIRING',
  no_show: 'WECHAT_TEMPLATE_NO_SHOW',
  refund_result: 'WECHAT_TEMPLATE_REFUND_RESULT',
  waitlist_offer: 'WECHAT_TEMPLATE_WAITLIST_OFFER',
};

/** Demo template ids (the emulator accepts any): real deployments set the environment variables. */
const DEMO_TEMPLATE: Record<ReminderKind, string> = {
  booking_confirmed: 'demo-tmpl-booking-confirmed',
  booking_starting: 'demo-tmpl-booking-starting',
  hold_expiring: 'demo-tmpl-hold-expiring',
  no_show: 'demo-tmpl-no-show',
  refund_result: 'demo-tmpl-refund-result',
  waitlist_offer: 'demo-tmpl-waitlist-offer',
};

export type TemplateIds = Record<ReminderKind, string>;

export function templateIdsFrom(env: Record<string, string | undefined>): TemplateIds {
  const ids = {} as TemplateIds;
  for (const kind of REMINDER_KINDS) ids[kind] = env[TEMPLATE_ENV[kind]]?.trim() || DEMO_TEMPLATE[kind];
  return ids;
}

export function kindOfTemplate(ids: TemplateIds, templateId: string): ReminderKind | null {
  return REMINDER_KINDS.find((k) => ids[k] === templateId) ?? null;
}

// ---------------------------------------------------------------- keyword values within WeChat's limits

const chars = (s: string) => Array.from(s);

/** `thing`: at most 20 characters (a longer value gets 47003, and the member gets nothing). */
export function thing(value: string): string {
  const c = chars(value.replace(/\s+/g, ' ').trim());
  if (c.length === 0) return '-';
  return c.length <= 20 ? c.join('') : `${c.slice(0, 19).join('')}…`;
}

/** `character_string`: at most 32 letters, digits and punctuation. */
export function characterString(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9_\-.:#@]/g, '');
  return (cleaned || '-').slice(0, 32);
}

/** `phrase`: at most 5 Chinese characters, no digits or letters. */
export function phrase(value: string): string {
  const c = chars(value.replace(/[A-Za-z0-9\s]/g, ''));
  return c.slice(0, 5).join('') || '通知';
}

/** `time`: a date and time on the store's clock, "2025-03-14 14:30". */
export function time(at: Date | string, tz: string): string {
  return formatLocal(new Date(at), tz);
}

const yuan = (fen: number) => `¥${(Math.round(fen) / 100).toFixed(2)}`;

const REFUND_RESULT: Record<ReminderFacts['refund_result']['result'], string> = {
  refunded: '退款成功',
  partially_refunded: '部分退款',
  failed: '退款失败',
  rejected: '未通过',
};

const BOOKING_PAGE = (booking: string) => `subpackages/booking/detail/index?id=${encodeURIComponent(booking)}`;

export interface TemplateMessage {
  page: string;
  data: Record<string, { value: string }>;
}

/**
 * The keywords of each kind's template. The keyword names (thing1, time3 …) are those of the templates
 * chosen for the demo; a deployment that picks other templates changes them here, in one place.
 */
export function buildTemplateMessage(req: ReminderRequest, tz: string): TemplateMessage {
  const v = (value: string) => ({ value });
  switch (req.kind) {
    case 'booking_confirmed': {
      const d = req.data;
      return {
        page: BOOKING_PAGE(d.booking),
        data: { thing1: v(thing(d.room)), thing2: v(thing(`座位 ${d.seat}`)), time3: v(time(d.start, tz)), time4: v(time(d.end, tz)), phrase5: v(phrase('预约成功')) },
      };
    }
    case 'booking_starting': {
      const d = req.data;
      return {
        page: BOOKING_PAGE(d.booking),
        data: { thing1: v(thing(d.room)), thing2: v(thing(`座位 ${d.seat}`)), time3: v(time(d.start, tz)), thing4: v(thing(`${d.minutes}分钟后开始，请按时签到`)) },
      };
    }
    case 'hold_expiring': {
      const d = req.data;
      return {
        page: BOOKING_PAGE(d.booking),
        data: { thing1: v(thing(`${d.room} ${d.seat}`)), time2: v(time(d.expiresAt, tz)), thing3: v(thing(`待支付 ${yuan(d.amountFen)}，超时将释放座位`)) },
      };
    }
    case 'no_show': {
      const d = req.data;
      return {
        page: BOOKING_PAGE(d.booking),
        data: { thing1: v(thing(`${d.room} ${d.seat}`)), time2: v(time(d.start, tz)), thing3: v(thing('未按时签到，座位已释放')) },
      };
    }
    case 'refund_result': {
      const d = req.data;
      return {
        page: 'subpackages/service/refunds/index',
        data: { phrase1: v(phrase(REFUND_RESULT[d.result])), thing2: v(thing(yuan(d.amountFen))), thing3: v(thing(d.note || '如有疑问请联系前台')) },
      };
    }
    case 'waitlist_offer': {
      const d = req.data;
      return {
        page: BOOKING_PAGE(d.booking),
        data: { thing1: v(thing(`${d.room} ${d.seat}`)), time2: v(time(d.start, tz)), time3: v(time(d.end, tz)), time4: v(time(d.expiresAt, tz)), thing5: v(thing('候补座位已为你保留，请尽快确认')) },
      };
    }
  }
}

/**
 * The booking status a reminder still makes sense in: "starting soon" for a booking still to be checked
 * into, "hold about to expire" for a hold still unpaid. Notices of what happened (confirmed, no-show) stay true.
 */
export function stillRelevant(kind: ReminderKind, bookingStatus: string | null): boolean {
  if (kind === 'booking_starting') return bookingStatus === 'confirmed';
  if (kind === 'hold_expiring') return bookingStatus === 'pending_payment';
  return true;
}

// ---------------------------------------------------------------- what WeChat's answers mean

/** 40001 / 40014 / 42001: the access token is invalid or expired. */
export const TOKEN_REJECTED = new Set([40001, 40014, 42001]);
/** WeChat did not process it this time: system busy, or the per-minute quota. */
const TRANSIENT = new Set([-1, 45009, 45011]);

export type SendVerdict = 'sent' | 'token_rejected' | 'retry' | 'refused';

/**
 * `refused` ends the attempt for good (43101 no consent at WeChat, 47003 bad data, 40003 bad openid, 40037 bad
 * template, 41030 bad page, 43107 banned, 45168 sensitive words, and anything undocumented): sending the
 * same message again would get the same answer.
 */
export function verdictOf(answer: { answered: true; errcode: number } | { answered: false }): SendVerdict {
  if (!answer.answered) return 'retry';
  if (answer.errcode === 0) return 'sent';
  if (TOKEN_REJECTED.has(answer.errcode)) return 'token_rejected';
  if (TRANSIENT.has(answer.errcode)) return 'retry';
  return 'refused';
}

/** Exponential backoff for transient failures: base, 2×base, 4×base …, at most 30 minutes. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 30 * 60_000);
}
