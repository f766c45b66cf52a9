import type { Core } from '@strapi/strapi';
import { randomUUID } from 'crypto';
import { clock } from '../../../../../platform/clock';
import { inTransaction } from '../../../../../platform/transaction';
import { runtime } from '../../../../../platform/runtime';
import { AccessTokens, AccessTokenUnavailable } from '../../../../../platform/wechat/access-token';
import { sendSubscribeMessage, type SendAnswer } from '../../../../../platform/wechat/subscribe-message';
import {
  buildTemplateMessage,
  kindOfTemplate,
  REMINDER_KINDS,
  retryDelayMs,
  stillRelevant,
  templateIdsFrom,
  verdictOf,
  type ReminderKind,
  type ReminderRequest,
} from '../domain/reminders';
import { invalidInput } from '../domain/support';
import { remindersRepository, type DueBooking } from '../repositories/reminders';
import { seatLookup } from '../repositories/rooms';
import type { BookingRow } from '../repositories/bookings';
import { loadParameters } from './policy';
import { reply } from '../../../../../platform/reply';

/** What a producer hands over: one message for one member, idempotent by `dedupeKey`. */
export type EnqueueReminder = ReminderRequest & {
  memberId: number;
  /** Unique per message, e.g. `booking:<id>:confirmed`, `waitlist:<entry>:offer:<n>`: a second enqueue is a no-op. */
  dedupeKey: string;
  /** The booking it is about (lets the job see which bookings already have a message). */
  bookingId?: number | null;
};

export interface SendOutcome {
  sent: number;
  refused: number;
  noConsent: number;
  retrying: number;
  failed: number;
  interrupted: number;
  obsolete: number;
  skipped: number;
}

const numberFromEnv = (name: string, fallback: number, min = 0) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= min && process.env[name] !== '' ? v : fallback;
};

/** The settings of reminders, read when used so tests and operators can change the environment. */
const settings = () => ({
  leadMinutes: numberFromEnv('REMINDER_LEAD_MINUTES', 15, 1),
  holdWarningMinutes: numberFromEnv('REMINDER_HOLD_WARNING_MINUTES', 5, 1),
  batchSize: numberFromEnv('REMINDERS_BATCH_SIZE', 50, 1),
  maxAttempts: numberFromEnv('REMINDERS_MAX_ATTEMPTS', 5, 1),
  retryBaseMs: numberFromEnv('REMINDERS_RETRY_BASE_SECONDS', 30) * 1000,
  // Longer than a send can take (5 s timeout, plus one token refresh and a retry).
  leaseMs: numberFromEnv('REMINDERS_SEND_LEASE_SECONDS', 60, 1) * 1000,
  keepDays: numberFromEnv('REMINDERS_KEEP_DAYS', 30, 1),
  miniprogramState: (['developer', 'trial', 'formal'].includes(process.env.WECHAT_MINIPROGRAM_STATE ?? '') ? process.env.WECHAT_MINIPROGRAM_STATE : 'formal') as 'developer' | 'trial' | 'formal',
});

const wechatConfig = () => ({
  baseUrl: process.env.WECHAT_API_BASE_URL || 'https://api.weixin.qq.com',
  appid: process.env.WECHAT_APPID || '',
  secret: process.env.WECHAT_SECRET || '',
});

/**
 * Reminders through WeChat subscribe messages: members' one-shot consents, the outbox producers write to,
 * and the sender the reminder job runs. Each message spends exactly one consent; without one it is not
 * sent (`no_consent`).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = remindersRepository(strapi);
  const seats = seatLookup(strapi);
  const templates = () => templateIdsFrom(process.env);
  // This process's name on the rows it claims.
  const sender = randomUUID();
  let tokens: AccessTokens | null = null;
  const accessTokens = () => (tokens ??= new AccessTokens(runtime().store, wechatConfig));

  async function consentsOf(userId: number) {
    const ids = templates();
    const counts = await repo.consentCounts(userId);
    return REMINDER_KINDS.map((kind) => ({ kind, templateId: ids[kind], remaining: counts.get(ids[kind]) ?? 0 }));
  }

  async function bookingFacts(b: Pick<BookingRow, 'seat_id'>) {
    const seat = (await seats.labels([b.seat_id])).get(b.seat_id);
    return { room: seat?.room?.name ?? '自习室', seat: seat?.label ?? '-' };
  }

  const service = {
    /** The templates a member may be asked about (the mini program passes them to wx.requestSubscribeMessage). */
    templates() {
      const ids = templates();
      return REMINDER_KINDS.map((kind) => ({ kind, templateId: ids[kind] }));
    },

    /** What the member has consented to so far, per reminder kind (GET /api/me/subscriptions). */
    consents: async (userId: number) => reply(await consentsOf(userId)),

    /** Counts what wx.requestSubscribeMessage answered "accept" (each accept is one message). */
    async recordConsents(userId: number, accepted: string[]) {
      const ids = templates();
      const unknown = accepted.filter((t) => !kindOfTemplate(ids, t));
      if (unknown.length) {
        throw invalidInput('accepted', `Unknown template id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Ask only for the templates the server lists.`, { unknown });
      }
      const perTemplate = new Map<string, number>();
      for (const t of accepted) perTemplate.set(t, (perTemplate.get(t) ?? 0) + 1);
      await inTransaction(strapi, async () => {
        for (const [templateId, count] of perTemplate) await repo.addConsents(userId, templateId, count);
      });
      return reply(await consentsOf(userId));
    },

    /**
     * Puts one message in the outbox (call it inside the business transaction, or right after it). True
     * when it was added, false when a message with the same dedupe key already exists.
     */
    async enqueue(req: EnqueueReminder, opts: { fresh?: boolean } = {}): Promise<boolean> {
      const tz = (await loadParameters(strapi)).store_timezone;
      const message = buildTemplateMessage({ kind: req.kind, data: req.data } as ReminderRequest, tz);
      return repo.insert({
        user_id: req.memberId,
        kind: req.kind,
        dedupe_key: req.dedupeKey,
        booking_id: req.bookingId ?? null,
        template_id: templates()[req.kind],
        page: message.page,
        payload: JSON.stringify(message.data),
        next_attempt_at: clock.now(),
      }, opts);
    },

    /**
     * The booking use cases' notices: confirmed, no-show (`names` saves a lookup when the caller has them).
     * `fresh`: the booking was made in this transaction (see the repository's `insert`).
     */
    async bookingNotice(kind: Extract<ReminderKind, 'booking_confirmed' | 'no_show'>, b: BookingRow, names?: { room: string; seat: string }, opts: { fresh?: boolean } = {}) {
      const facts = { booking: b.document_id, ...(names ?? (await bookingFacts(b))), start: b.start_at };
      const data = kind === 'booking_confirmed' ? { ...facts, end: b.end_at } : facts;
      return service.enqueue({ memberId: b.user_id, kind, dedupeKey: `booking:${b.id}:${kind}`, bookingId: b.id, data } as EnqueueReminder, opts);
    },

    /** The job's producers: bookings starting within the lead time, holds about to expire. Idempotent. */
    async produceDue(): Promise<{ starting: number; holds: number }> {
      const s = settings();
      const now = clock.now();
      const limit = 200;
      const starting = await repo.bookingsDue({ status: 'confirmed', column: 'start_at', from: now, to: new Date(now.getTime() + s.leadMinutes * 60_000), kind: 'booking_starting', limit });
      const holds = await repo.bookingsDue({ status: 'pending_payment', column: 'hold_expires_at', from: now, to: new Date(now.getTime() + s.holdWarningMinutes * 60_000), kind: 'hold_expiring', limit });
      const produce = async (b: DueBooking, kind: 'booking_starting' | 'hold_expiring') => {
        const facts = { booking: b.document_id, ...(await bookingFacts(b)) };
        const data = kind === 'booking_starting'
          ? { ...facts, start: b.start_at, minutes: Math.max(1, Math.round((b.start_at.getTime() - now.getTime()) / 60_000)) }
          : { ...facts, expiresAt: b.hold_expires_at!, amountFen: b.total_fen };
        return service.enqueue({ memberId: b.user_id, kind, dedupeKey: `booking:${b.id}:${kind}`, bookingId: b.id, data } as EnqueueReminder);
      };
      let made = { starting: 0, holds: 0 };
      for (const b of starting) if (await produce(b, 'booking_starting')) made.starting += 1;
      for (const b of holds) if (await produce(b, 'hold_expiring')) made.holds += 1;
      return made;
    },

    /**
     * Sends due messages in bounded batches. A message is claimed (conditional update with a lease) before
     * WeChat is called, so two senders never send the same one, and a sender that dies mid-call leaves it
     * `interrupted` rather than sending it twice.
     */
    async sendDue(): Promise<SendOutcome> {
      const s = settings();
      const outcome: SendOutcome = { sent: 0, refused: 0, noConsent: 0, retrying: 0, failed: 0, interrupted: 0, obsolete: 0, skipped: 0 };
      outcome.interrupted = await repo.interruptStale(clock.now());
      const ids = await repo.dueIds(clock.now(), s.batchSize);
      for (const id of ids) {
        const result = await sendOne(id, s);
        outcome[result] += 1;
      }
      return outcome;
    },

    /**
     * The outbox keeps settled messages for a while (support can see what a member was sent), then
     * deletes them in bounded batches. Producers only look at bookings due around now, so an old dedupe key
     * that is gone cannot bring its message back.
     */
    async purgeSettled(): Promise<number> {
      const before = new Date(clock.nowMs() - settings().keepDays * 24 * 3600_000);
      let total = 0;
      for (let i = 0; i < 20; i += 1) {
        const n = await repo.purgeSettledBefore(before, 500);
        total += n;
        if (n < 500) break;
      }
      return total;
    },

    /** A member's messages (support and tests). */
    forMember: (userId: number) => repo.forMember(userId),
  };

  async function sendOne(id: number, s: ReturnType<typeof settings>): Promise<Exclude<keyof SendOutcome, 'interrupted'>> {
    const now = clock.now();
    // Claim, then spend the consent, in one transaction: a consent is never spent by a message nobody holds.
    const claimed = await inTransaction(strapi, async () => {
      if (!(await repo.claim(id, sender, now, new Date(now.getTime() + s.leaseMs)))) return null;
      const row = (await repo.toSend(id))!;
      if (!stillRelevant(row.kind, row.booking_status)) {
        await repo.settle(id, sender, { status: 'obsolete', error: `the booking is ${row.booking_status ?? 'gone'}` });
        return 'obsolete' as const;
      }
      if (row.consent_spent) return row;
      if (!row.openid || !(await repo.spendConsent(row.user_id, row.template_id))) {
        await repo.settle(id, sender, { status: 'no_consent', error: row.openid ? 'the member has no unused consent for this template' : 'the member has no WeChat openid' });
        return 'no_consent' as const;
      }
      await repo.settle(id, sender, { status: 'sending', consent_spent: true });
      return { ...row, consent_spent: true };
    });
    if (claimed === null) return 'skipped';
    if (claimed === 'no_consent') return 'noConsent';
    if (claimed === 'obsolete') return 'obsolete';

    const message = {
      touser: claimed.openid!,
      template_id: claimed.template_id,
      page: claimed.page,
      data: JSON.parse(claimed.payload),
      miniprogram_state: s.miniprogramState,
      lang: 'zh_CN' as const,
    };
    let answer: SendAnswer;
    try {
      let token = await accessTokens().current();
      answer = await sendSubscribeMessage(wechatConfig().baseUrl, token, message);
      if (verdictOf(answer) === 'token_rejected') {
        // The cached token was revoked or expired early: one forced refresh for the cluster, one retry.
        token = await accessTokens().replace(token);
        answer = await sendSubscribeMessage(wechatConfig().baseUrl, token, message);
      }
    } catch (err) {
      answer = { answered: false, reason: err instanceof AccessTokenUnavailable ? `token_${err.reason}` : String((err as Error)?.message ?? err) };
    }

    const verdict = verdictOf(answer);
    const errcode = answer.answered ? answer.errcode : null;
    const error = answer.answered === true ? answer.errmsg || null : answer.reason;
    if (verdict === 'sent') {
      await repo.settle(id, sender, { status: 'sent', errcode: 0, error: null, sent_at: clock.now() });
      return 'sent';
    }
    if (verdict === 'refused') {
      await repo.settle(id, sender, { status: 'refused', errcode, error });
      return 'refused';
    }
    // Transient (or the token stayed rejected): back off, or give up after the last attempt.
    const attempts = claimed.attempts;
    if (attempts >= s.maxAttempts) {
      // Never delivered: the member's consent is still unused at WeChat, so it is counted again.
      await inTransaction(strapi, async () => {
        if (await repo.settle(id, sender, { status: 'failed', errcode, error })) await repo.returnConsent(claimed.user_id, claimed.template_id);
      });
      return 'failed';
    }
    await repo.settle(id, sender, { status: 'pending', errcode, error, next_attempt_at: new Date(clock.nowMs() + retryDelayMs(attempts, s.retryBaseMs)) });
    return 'retrying';
  }

  return service;
};
