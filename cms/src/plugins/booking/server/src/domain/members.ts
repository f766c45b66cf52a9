/**
 * Rules of the member back office: what a valid ban, tag expiry and pasted member list are, and how a
 * batch's progress reads. Pure functions (no Strapi, no database, no clock).
 */
import { invalidInput } from './support';

/** Longest ban staff can set in one go; longer is a typo, or a case for blocking the account. */
export const MAX_BAN_DAYS = 3650;

export function checkBanUntil(until: Date, now: Date): Date {
  if (Number.isNaN(until.getTime())) throw invalidInput('until', 'until must be a date and time, e.g. 2026-12-31T23:59:00+08:00.');
  if (until.getTime() <= now.getTime()) throw invalidInput('until', 'A ban must end in the future; to end a ban now, lift it instead.');
  if (until.getTime() - now.getTime() > MAX_BAN_DAYS * 86400_000) {
    throw invalidInput('until', `A ban can last at most ${MAX_BAN_DAYS} days; pick an earlier end date.`);
  }
  return until;
}

export function checkTagExpiry(expiresAt: Date | null, now: Date): Date | null {
  if (expiresAt === null) return null;
  if (expiresAt.getTime() <= now.getTime()) throw invalidInput('expiresAt', 'A tag expiry must be in the future; leave it empty for a tag that does not expire.');
  return expiresAt;
}

/** At most this many pasted entries per batch: larger sets are chosen by tag or filter. */
export const MAX_PASTED_MEMBERS = 20_000;

/**
 * A pasted list of members: ids and openids separated by commas, spaces or new lines (as copied from a
 * spreadsheet column). Numbers are member ids; anything else is an openid. Duplicates count once.
 */
export function parseMemberList(text: string): { ids: number[]; openids: string[]; entries: number } {
  const entries = [...new Set(text.split(/[\s,;，；、]+/).map((s) => s.trim()).filter(Boolean))];
  if (entries.length === 0) throw invalidInput('list', 'Paste at least one member id or openid.');
  if (entries.length > MAX_PASTED_MEMBERS) throw invalidInput('list', `Paste at most ${MAX_PASTED_MEMBERS} members at once; choose larger sets by tag or filter.`);
  const ids: number[] = [];
  const openids: string[] = [];
  for (const e of entries) {
    if (/^\d{1,15}$/.test(e)) ids.push(Number(e));
    else if (/^[A-Za-z0-9_-]{1,64}$/.test(e)) openids.push(e);
    else throw invalidInput('list', `"${e.slice(0, 40)}" is neither a member id nor an openid.`);
  }
  return { ids, openids, entries: entries.length };
}

/** Entries of a pasted list that matched no member, in the order they were pasted. */
export function unmatchedEntries(parsed: { ids: number[]; openids: string[] }, found: { id: number; openid: string | null }[]): string[] {
  const ids = new Set(found.map((f) => f.id));
  const openids = new Set(found.map((f) => f.openid).filter(Boolean));
  return [...parsed.ids.filter((id) => !ids.has(id)).map(String), ...parsed.openids.filter((o) => !openids.has(o))];
}

export interface BatchCounts {
  total: number;
  pending: number;
  done: number;
  skipped: number;
  failed: number;
}

/** What the progress bar shows: members processed (done, skipped or failed) out of all. */
export function batchProgress(c: BatchCounts): { processed: number; percent: number; finished: boolean } {
  const processed = c.done + c.skipped + c.failed;
  const percent = c.total === 0 ? 100 : Math.min(100, Math.floor((processed * 100) / c.total));
  return { processed, percent, finished: c.pending === 0 };
}
