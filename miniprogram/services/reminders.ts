/**
 * Reminders by WeChat subscribe message: the member's one-shot consents are asked for from the tap that
 * books or pays (wx.requestSubscribeMessage works only inside a tap), and what they accepted is counted on
 * the server, which spends one consent per message. Asking never stands in the way of booking.
 */
import { me } from './api';
import type { ReminderKind, SubscriptionConsent } from './types';
import { acceptedIds, templateIdsFor } from '../utils/subscriptions';

let templates: SubscriptionConsent[] | null = null;

/** Loads the template ids ahead of the tap (a network wait inside the tap would lose the gesture). */
export async function prepareReminders(): Promise<void> {
  if (templates) return;
  try {
    templates = (await me.subscriptionTemplates()).data;
  } catch {
    templates = null; // no reminders this time; booking goes on
  }
}

/**
 * Call first thing in a tap handler, before any await. Resolves with the template ids the member
 * accepted (already counted on the server), or [] when nothing was asked or accepted.
 */
export function askForReminders(kinds: ReminderKind[]): Promise<string[]> {
  const asked = templates ? templateIdsFor(kinds, templates) : [];
  if (asked.length === 0) return Promise.resolve([]);
  return new Promise<Record<string, unknown>>((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: asked,
      success: (answer: Record<string, unknown>) => resolve(answer),
      fail: () => resolve({}),
    } as any);
  }).then(async (answer) => {
    const accepted = acceptedIds(answer, asked);
    if (accepted.length === 0) return [];
    try {
      await me.subscribe(accepted);
      return accepted;
    } catch {
      return [];
    }
  });
}

/** Forgets the cached template ids (logout, tests). */
export function resetReminders() {
  templates = null;
}
