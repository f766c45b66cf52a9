/**
 * The pure parts of live seat status: when to reconnect, and how a `seats` push changes a day's
 * availability. The socket client (services/live.ts) and its tests share them; no `wx` here.
 */
import type { Availability, TakenRange } from '../services/types';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 30_000 };

/**
 * Delay before reconnect attempt `attempt` (0 = the first after a drop): exponential, capped, with
 * "equal jitter" (half fixed, half random) so a thousand phones dropped by one server restart do not
 * come back in the same second, yet none retries at once.
 */
export function backoffDelay(attempt: number, o: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const cap = Math.min(o.maxMs, o.baseMs * Math.pow(2, Math.max(0, Math.min(attempt, 20))));
  return Math.round(cap / 2 + random() * (cap / 2));
}

export interface SeatChange {
  seat: string;
  start: string;
  end: string;
  state: 'held' | 'booked' | 'free';
}

export interface SeatsPush {
  room: string;
  date: string;
  version: number | null;
  changes: SeatChange[];
}

export type PushDecision = { action: 'apply'; version: number } | { action: 'ignore' } | { action: 'refetch'; version: number | null };

/**
 * What to do with a push given the version the map shows: the next version applies; an older or equal
 * one was already seen (or fetched); a jump means a push was missed, and a push without a version (the
 * server could not read it) cannot be placed: both refetch the day.
 */
export function decidePush(known: number | null, pushVersion: number | null): PushDecision {
  if (pushVersion === null || known === null) return { action: 'refetch', version: pushVersion };
  if (pushVersion <= known) return { action: 'ignore' };
  if (pushVersion === known + 1) return { action: 'apply', version: pushVersion };
  return { action: 'refetch', version: pushVersion };
}

const ms = (iso: string) => Date.parse(iso);

/** A seat's taken ranges with [start, end) set to `state` (free removes it). Idempotent. */
export function applyChange(taken: TakenRange[], change: SeatChange): TakenRange[] {
  const s = ms(change.start);
  const e = ms(change.end);
  const out: TakenRange[] = [];
  for (const t of taken) {
    const ts = ms(t.start);
    const te = ms(t.end);
    if (te <= s || ts >= e) {
      out.push(t);
      continue;
    }
    // Keep what lies outside the changed range.
    if (ts < s) out.push({ ...t, end: change.start });
    if (te > e) out.push({ ...t, start: change.end });
  }
  if (change.state !== 'free') out.push({ start: change.start, end: change.end, state: change.state, mine: false });
  return out.sort((a, b) => ms(a.start) - ms(b.start));
}

/** The day's availability after a push (a new object: the page re-renders from it). */
export function applySeatsPush(day: Availability, push: Pick<SeatsPush, 'changes'>): Availability {
  const bySeat = new Map<string, SeatChange[]>();
  for (const c of push.changes) bySeat.set(c.seat, (bySeat.get(c.seat) || []).concat(c));
  return {
    ...day,
    seats: day.seats.map((seat) => {
      const changes = bySeat.get(seat.id);
      if (!changes) return seat;
      // The member's own range keeps its `mine` mark when a push only restates its state.
      let taken = seat.taken;
      for (const c of changes) {
        const mine = seat.taken.find((t) => t.mine && t.start === c.start && t.end === c.end && c.state !== 'free');
        taken = applyChange(taken, c);
        if (mine) taken = taken.map((t) => (t.start === c.start && t.end === c.end ? { ...t, mine: true } : t));
      }
      return { ...seat, taken };
    }),
  };
}
