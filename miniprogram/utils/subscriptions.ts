/**
 * Which subscribe-message templates to ask for, and what the member accepted. Pure: the service layer
 * calls wx.requestSubscribeMessage with what these choose.
 */
import type { PayWith, ReminderKind, SubscriptionConsent } from '../services/types';

/** WeChat shows at most 3 templates in one request. */
export const MAX_TEMPLATES_PER_REQUEST = 3;

/** The reminders worth asking for when booking this way (a hold that can lapse wants its warning). */
export function remindersFor(payWith: PayWith): ReminderKind[] {
  return payWith === 'wallet' ? ['booking_confirmed', 'booking_starting', 'no_show'] : ['booking_confirmed', 'hold_expiring', 'booking_starting'];
}

/** The template ids of these kinds, in order, at most 3, skipping kinds the server does not list. */
export function templateIdsFor(kinds: ReminderKind[], templates: SubscriptionConsent[]): string[] {
  const ids: string[] = [];
  for (const kind of kinds) {
    const t = templates.find((x) => x.kind === kind);
    if (t && !ids.includes(t.templateId)) ids.push(t.templateId);
  }
  return ids.slice(0, MAX_TEMPLATES_PER_REQUEST);
}

/** wx.requestSubscribeMessage answers `{ [templateId]: 'accept' | 'reject' | 'ban' | 'filter' }`: only accepts count. */
export function acceptedIds(answer: Record<string, unknown>, asked: string[]): string[] {
  return asked.filter((id) => answer[id] === 'accept');
}
