/**
 * WeChat subscribe messages: the members' one-shot consents and the outbox the reminder job sends from.
 * Hidden from the content manager: they change only through the reminders service.
 */
import { REMINDER_KINDS } from '../domain/reminders';

const hidden = { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } };

/** How many messages of one template a member has accepted and not yet been sent (wx.requestSubscribeMessage). */
const subscriptionConsent = {
  kind: 'collectionType',
  collectionName: 'booking_subscription_consents',
  info: { singularName: 'subscription-consent', pluralName: 'subscription-consents', displayName: '订阅授权 Subscribe consent', description: 'One-shot consents per member and template, counted' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    template_id: { type: 'string', required: true },
    remaining: { type: 'integer', required: true, default: 0 },
  },
  indexes: [{ name: 'booking_subscription_consents_uq', columns: ['user_id', 'template_id'], type: 'unique' }],
};

/**
 * One subscribe message to one member. The unique dedupe key makes producing it idempotent; the status
 * moves pending → sending (claimed with a lease) → sent | refused | no_consent | failed | interrupted | obsolete.
 */
const reminder = {
  kind: 'collectionType',
  collectionName: 'booking_reminders',
  info: { singularName: 'reminder', pluralName: 'reminders', displayName: '订阅消息 Reminder', description: 'Outbox of WeChat subscribe messages' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    kind: { type: 'enumeration', enum: [...REMINDER_KINDS], required: true },
    dedupe_key: { type: 'string', required: true },
    // The booking it is about, when there is one (the job's "already produced?" check).
    booking_id: { type: 'integer' },
    template_id: { type: 'string', required: true },
    page: { type: 'string', required: true },
    // The template's keyword values, JSON.
    payload: { type: 'text', required: true },
    // obsolete: a reminder whose booking moved on before it went out (a paid hold, a cancelled booking).
    status: { type: 'enumeration', enum: ['pending', 'sending', 'sent', 'refused', 'no_consent', 'failed', 'interrupted', 'obsolete'], required: true },
    attempts: { type: 'integer', required: true, default: 0 },
    consent_spent: { type: 'boolean', required: true, default: false },
    next_attempt_at: { type: 'datetime', required: true },
    lease_owner: { type: 'string' },
    lease_until: { type: 'datetime' },
    errcode: { type: 'integer' },
    error: { type: 'string' },
    sent_at: { type: 'datetime' },
  },
  indexes: [
    { name: 'booking_reminders_dedupe_uq', columns: ['dedupe_key'], type: 'unique' },
    { name: 'booking_reminders_due_idx', columns: ['status', 'next_attempt_at'] },
    { name: 'booking_reminders_booking_idx', columns: ['booking_id', 'kind'] },
    { name: 'booking_reminders_user_idx', columns: ['user_id', 'id'] },
  ],
};

export default {
  'subscription-consent': { schema: subscriptionConsent },
  reminder: { schema: reminder },
};
