import type { Core } from '@strapi/strapi';
import { newDocumentId } from '../../../../../platform/document-ids';
import { insertRows, queueInsert, sql } from '../../../../../platform/sql';
import { isUniqueViolation } from '../../../../../platform/db-errors';
import type { ReminderKind } from '../domain/reminders';

export type ReminderStatus = 'pending' | 'sending' | 'sent' | 'refused' | 'no_consent' | 'failed' | 'interrupted' | 'obsolete';

export interface NewReminder {
  user_id: number;
  kind: ReminderKind;
  dedupe_key: string;
  booking_id: number | null;
  template_id: string;
  page: string;
  payload: string;
  next_attempt_at: Date;
}

export interface ReminderToSend {
  id: number;
  user_id: number;
  kind: ReminderKind;
  template_id: string;
  page: string;
  payload: string;
  attempts: number;
  consent_spent: boolean;
  openid: string | null;
  /** The status of the booking it is about, now (null when it is about no booking). */
  booking_status: string | null;
}

export interface DueBooking {
  id: number;
  document_id: string;
  user_id: number;
  seat_id: number;
  start_at: Date;
  end_at: Date;
  hold_expires_at: Date | null;
  total_fen: number;
}

const asDate = (v: unknown) => (v === null || v === undefined ? null : new Date(v as any));

/** Consents and the outbox of subscribe messages; the only code that touches their tables. */
export const remindersRepository = (strapi: Core.Strapi) => {
  const consents = () => strapi.db.metadata.get('plugin::booking.subscription-consent').tableName;
  const outbox = () => strapi.db.metadata.get('plugin::booking.reminder').tableName;
  const bookings = () => strapi.db.metadata.get('plugin::booking.booking').tableName;
  const users = () => strapi.db.metadata.get('plugin::users-permissions.user').tableName;

  return {
    /** Adds `count` consents of one template; the unique (member, template) row is made on first use. */
    async addConsents(userId: number, templateId: string, count: number): Promise<void> {
      const knex = await sql(strapi);
      const bump = () => knex(consents()).where({ user_id: userId, template_id: templateId }).update({ remaining: knex.raw('remaining + ?', [count]), updated_at: new Date() });
      if (Number(await bump()) > 0) return;
      const now = new Date();
      try {
        await knex(consents()).insert({ document_id: newDocumentId(), user_id: userId, template_id: templateId, remaining: count, created_at: now, updated_at: now, published_at: now });
      } catch (e) {
        // A concurrent first consent made the row: count on it instead.
        if (!isUniqueViolation(e)) throw e;
        await bump();
      }
    },

    async consentCounts(userId: number): Promise<Map<string, number>> {
      const rows = await (await sql(strapi))(consents()).select('template_id', 'remaining').where({ user_id: userId });
      return new Map(rows.map((r: any) => [String(r.template_id), Number(r.remaining)]));
    },

    /** Uses one consent, atomically: two sends can never spend the same one. */
    async spendConsent(userId: number, templateId: string): Promise<boolean> {
      const knex = await sql(strapi);
      const changed = await knex(consents())
        .where({ user_id: userId, template_id: templateId })
        .andWhere('remaining', '>', 0)
        .update({ remaining: knex.raw('remaining - 1'), updated_at: new Date() });
      return Number(changed) === 1;
    },

    /** A message that was never delivered gives its consent back. */
    async returnConsent(userId: number, templateId: string): Promise<void> {
      const knex = await sql(strapi);
      await knex(consents()).where({ user_id: userId, template_id: templateId }).update({ remaining: knex.raw('remaining + 1'), updated_at: new Date() });
    },

    /**
     * Adds a message; false when one with its dedupe key exists. `fresh`: the key names something made in
     * this very transaction, so no message can have it yet, and the insert is queued (platform/sql.ts
     * `queueStatement`) to leave with the transaction's last writes.
     */
    async insert(row: NewReminder, { fresh = false }: { fresh?: boolean } = {}): Promise<boolean> {
      const now = new Date();
      const full = { ...row, document_id: newDocumentId(), status: 'pending', attempts: 0, consent_spent: false, created_at: now, updated_at: now, published_at: now };
      if (fresh) {
        await queueInsert(strapi, outbox(), [full]);
        return true;
      }
      try {
        await insertRows(strapi, outbox(), [full]);
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },

    async dueIds(now: Date, limit: number): Promise<number[]> {
      const rows = await (await sql(strapi))(outbox())
        .select('id')
        .where('status', 'pending')
        .andWhere('next_attempt_at', '<=', now)
        .orderBy([{ column: 'next_attempt_at', order: 'asc' }, { column: 'id', order: 'asc' }])
        .limit(limit);
      return rows.map((r: any) => Number(r.id));
    },

    /**
     * Takes one due message for this sender (a conditional update: of two senders, one wins). The attempt
     * is counted before WeChat is called, so a crash mid-call leaves a `sending` row, never a resend.
     */
    async claim(id: number, owner: string, now: Date, leaseUntil: Date): Promise<boolean> {
      const knex = await sql(strapi);
      const changed = await knex(outbox())
        .where({ id, status: 'pending' })
        .andWhere('next_attempt_at', '<=', now)
        .update({ status: 'sending', lease_owner: owner, lease_until: leaseUntil, attempts: knex.raw('attempts + 1'), updated_at: new Date() });
      return Number(changed) === 1;
    },

    async toSend(id: number): Promise<ReminderToSend | null> {
      const row = await (await sql(strapi))(`${outbox()} as r`)
        .leftJoin(`${users()} as u`, 'u.id', 'r.user_id')
        .leftJoin(`${bookings()} as b`, 'b.id', 'r.booking_id')
        .select('r.id', 'r.user_id', 'r.kind', 'r.template_id', 'r.page', 'r.payload', 'r.attempts', 'r.consent_spent', 'u.openid', 'b.status as booking_status')
        .where('r.id', id)
        .first();
      if (!row) return null;
      return { ...row, id: Number(row.id), user_id: Number(row.user_id), attempts: Number(row.attempts), consent_spent: Boolean(Number(row.consent_spent)), openid: row.openid ?? null, booking_status: row.booking_status ?? null };
    },

    /** Changes a message this sender holds; false when its lease was lost (someone else decided it). */
    async settle(id: number, owner: string, patch: { status: ReminderStatus; errcode?: number | null; error?: string | null; sent_at?: Date | null; next_attempt_at?: Date; consent_spent?: boolean }): Promise<boolean> {
      const changed = await (await sql(strapi))(outbox())
        .where({ id, status: 'sending', lease_owner: owner })
        .update({ ...patch, ...(patch.status === 'sending' ? {} : { lease_owner: null, lease_until: null }), updated_at: new Date() });
      return Number(changed) === 1;
    },

    /**
     * Messages whose sender vanished mid-send (crash, kill): WeChat may or may not have delivered them, and
     * WeChat has no idempotency key, so they are recorded as interrupted and never sent again.
     */
    async interruptStale(now: Date): Promise<number> {
      return Number(
        await (await sql(strapi))(outbox())
          .where('status', 'sending')
          .andWhere('lease_until', '<', now)
          .update({ status: 'interrupted', error: 'sender stopped mid-send; not resent to avoid a duplicate', lease_owner: null, lease_until: null, updated_at: new Date() }),
      );
    },

    /** Deletes up to `limit` settled messages (neither pending nor sending) last touched before `before`. */
    async purgeSettledBefore(before: Date, limit: number): Promise<number> {
      const knex = await sql(strapi);
      const ids = (await knex(outbox()).select('id').whereNotIn('status', ['pending', 'sending']).andWhere('updated_at', '<', before).orderBy('id').limit(limit)).map((r: any) => r.id);
      if (ids.length === 0) return 0;
      return Number(await knex(outbox()).whereIn('id', ids).delete());
    },

    /** Bookings in `status` whose `column` falls in (from, to] and that have no message of `kind` yet. */
    async bookingsDue(filter: { status: string; column: 'start_at' | 'hold_expires_at'; from: Date; to: Date; kind: ReminderKind; limit: number }): Promise<DueBooking[]> {
      const knex = await sql(strapi);
      const rows = await knex(`${bookings()} as b`)
        .select('b.id', 'b.document_id', 'b.user_id', 'b.seat_id', 'b.start_at', 'b.end_at', 'b.hold_expires_at', 'b.total_fen')
        .where('b.status', filter.status)
        .andWhere(`b.${filter.column}`, '>', filter.from)
        .andWhere(`b.${filter.column}`, '<=', filter.to)
        .whereNotExists(knex(outbox()).select(knex.raw('1')).whereRaw('booking_id = b.id').andWhere('kind', filter.kind))
        .orderBy(`b.${filter.column}`, 'asc')
        .limit(filter.limit);
      return rows.map((r: any) => ({
        id: Number(r.id),
        document_id: r.document_id,
        user_id: Number(r.user_id),
        seat_id: Number(r.seat_id),
        start_at: asDate(r.start_at)!,
        end_at: asDate(r.end_at)!,
        hold_expires_at: asDate(r.hold_expires_at),
        total_fen: Number(r.total_fen),
      }));
    },

    /** A member's messages, newest first (tests and support). */
    async forMember(userId: number): Promise<{ kind: string; dedupe_key: string; status: ReminderStatus; attempts: number; errcode: number | null }[]> {
      const rows = await (await sql(strapi))(outbox()).select('kind', 'dedupe_key', 'status', 'attempts', 'errcode').where({ user_id: userId }).orderBy('id', 'desc');
      return rows.map((r: any) => ({ ...r, attempts: Number(r.attempts), errcode: r.errcode === null ? null : Number(r.errcode) }));
    },
  };
};
