/**
 * The waiting list's rules: who may join, who is ahead of whom, and which entries a freed seat-range can
 * serve. Pure: the waitlist service loads the rows and applies these.
 */
import { fail } from '../../../../../platform/errors';

export interface LineEntry {
  id: number;
  user_id: number;
  room_id: number;
  /** null: any seat of the room. */
  seat_id: number | null;
  start_at: Date;
  end_at: Date;
  joined_at: Date;
}

/**
 * An entry's life, one table for every status change (the repository's conditional update takes its
 * "from" statuses here, so no caller can write a status the table does not allow):
 *
 *   waiting ─┬─> offered ─┬─> accepted   (the offer's hold was paid)
 *            │            ├─> lapsed     (the hold ran out or was cancelled)
 *            │            └─> left       (the member left; the hold is cancelled)
 *            ├─> accepted                 (a free seat: booked at once, no hold)
 *            ├─> left                     (the member left the line)
 *            └─> removed                  (staff took the entry out, with a reason)
 *
 * Only `waiting` entries are in line; staff remove only those (an open offer is the member's to pay or leave).
 */
export const WAITLIST_STATUSES = ['waiting', 'offered', 'accepted', 'lapsed', 'left', 'removed'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

const ENTRY_TRANSITIONS: Record<WaitlistStatus, readonly WaitlistStatus[]> = {
  waiting: ['offered', 'accepted', 'left', 'removed'],
  offered: ['accepted', 'lapsed', 'left'],
  accepted: [],
  lapsed: [],
  left: [],
  removed: [],
};

export const canEntryMove = (from: WaitlistStatus, to: WaitlistStatus): boolean => ENTRY_TRANSITIONS[from].includes(to);

/**
 * The statuses an entry may be in for a change to `to` (narrowed to `onlyFrom` when the use case expects
 * fewer, e.g. an offer is made only to a waiting entry). Asking for a change the table forbids is a bug.
 */
export function entryStatusesBefore(to: WaitlistStatus, onlyFrom?: readonly WaitlistStatus[]): WaitlistStatus[] {
  const allowed = WAITLIST_STATUSES.filter((s) => canEntryMove(s, to));
  if (!onlyFrom) return allowed;
  const bad = onlyFrom.filter((s) => !allowed.includes(s));
  if (bad.length > 0) throw new Error(`waiting-list entry: no transition ${bad.join('/')} -> ${to}`);
  return [...onlyFrom];
}

const overlaps = (a: { start_at: Date; end_at: Date }, b: { start_at: Date; end_at: Date }) => a.start_at < b.end_at && b.start_at < a.end_at;

/** Two entries compete for the same seat time: same room, overlapping ranges, and a seat both would take. */
export function competes(a: LineEntry, b: LineEntry): boolean {
  if (a.room_id !== b.room_id || !overlaps(a, b)) return false;
  return a.seat_id === null || b.seat_id === null || a.seat_id === b.seat_id;
}

/** FIFO order of the line: join time, then id (entries joined in the same millisecond keep insertion order). */
export function aheadOf(a: LineEntry, b: LineEntry): boolean {
  const ta = a.joined_at.getTime();
  const tb = b.joined_at.getTime();
  return ta < tb || (ta === tb && a.id < b.id);
}

/** 1 + the waiting entries of others that compete with `entry` and joined before it. */
export function positionInLine(entry: LineEntry, waiting: LineEntry[]): number {
  return 1 + waiting.filter((w) => w.id !== entry.id && w.user_id !== entry.user_id && competes(w, entry) && aheadOf(w, entry)).length;
}

/**
 * Entries a freed range of one seat could serve, first in line first: waiting, same room, for that seat
 * or any seat, overlapping the freed range, and not yet started. Whether the seat is free for an entry's
 * whole range is the claims' decision, not this one.
 */
export function candidatesFor<T extends LineEntry>(freed: { roomId: number; seatId: number; start: Date; end: Date }, waiting: T[], now: Date): T[] {
  return waiting
    .filter((w) => w.room_id === freed.roomId && (w.seat_id === null || w.seat_id === freed.seatId))
    .filter((w) => w.start_at < freed.end && freed.start < w.end_at && w.start_at > now)
    .sort((a, b) => (aheadOf(a, b) ? -1 : aheadOf(b, a) ? 1 : 0));
}

export interface JoinCheck {
  userId: number;
  roomId: number;
  seatId: number | null;
  start: Date;
  end: Date;
  /** The member's entries still in line (waiting or offered). */
  mine: LineEntry[];
  maxEntries: number;
  /** The member already holds seat time in the room overlapping the range. */
  alreadyBooked: boolean;
}

/** Refuses a join that is a duplicate, over the member's limit, or for time the member already has. */
export function checkWaitlistJoin(c: JoinCheck): void {
  const probe: LineEntry = { id: -1, user_id: c.userId, room_id: c.roomId, seat_id: c.seatId, start_at: c.start, end_at: c.end, joined_at: new Date(0) };
  const duplicate = c.mine.find((m) => m.room_id === c.roomId && m.seat_id === c.seatId && overlaps(m, probe));
  if (duplicate) {
    throw fail('WAITLIST_DUPLICATE', 'You are already in line for this seat and time; see "My waiting list".', { entry: (duplicate as any).document_id ?? null });
  }
  if (c.alreadyBooked) {
    throw fail('WAITLIST_ALREADY_BOOKED', 'You already have a booking in this room for part of this time, so you cannot wait for it too.', {});
  }
  if (c.mine.length >= c.maxEntries) {
    throw fail('QUOTA_EXCEEDED', `You can wait in at most ${c.maxEntries} lines at once; leave one first.`, { limit: c.maxEntries });
  }
}
