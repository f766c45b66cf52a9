import type { Core } from '@strapi/strapi';
import { runtime } from '../../../../../platform/runtime';
import { fail } from '../../../../../platform/errors';
import { claimsRepository, unitStart } from '../repositories/claims';
import { bookingsRepository } from '../repositories/bookings';
import { roomsRepository } from '../repositories/rooms';
import { roomVersionsRepository } from '../repositories/room-versions';
import { CLAIM_UNIT_MS, dayBounds, toLocalIso, type SeatChange } from '../domain';
import { loadParameters } from './policy';
import { publishSeatChanges } from './seat-feed';
import { getBookingService } from './accessor';

const CACHE_TTL_SECONDS = 120;

interface TakenRange {
  start: string; // ISO with the store's offset, formatted once when the day is computed
  end: string;
  state: 'held' | 'booked';
  userId: number;
}
interface Building {
  start: number;
  end: number;
  state: 'held' | 'booked';
  userId: number;
}
interface DayAvailability {
  room: { id: string; name: string; kind: string; status: string };
  seats: { id: string; label: string; type: string; enabled: boolean; row: number; col: number; taken: TakenRange[] }[];
}

/**
 * Per-seat taken ranges of one room and day, for the seat map. Served from Redis under a key that
 * includes the room's availability version, which lives in the database and is incremented inside
 * every transaction that changes the room's seat time (`touch`). A cached day is therefore never older
 * than the last committed change, whatever Redis missed while it was down or frozen: entries of an
 * older version are simply never read again (and expire). With Redis unreachable the database answers.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const claims = claimsRepository(strapi);
  const bookings = bookingsRepository(strapi);
  const rooms = roomsRepository(strapi);
  const versions = roomVersionsRepository(strapi);

  async function compute(roomDocumentId: string, from: Date, to: Date, tz: string): Promise<{ roomId: number; data: DayAvailability }> {
    const room = await rooms.findRoom(roomDocumentId);
    if (!room) throw fail('NOT_FOUND', 'This room does not exist (it may have been removed).', { room: roomDocumentId });
    const seats = room.seats ?? [];
    const units = await claims.unitsIn(seats.map((s) => s.id), from, to);
    const owners = new Map((await bookings.findByIds([...new Set(units.map((u) => u.booking_id))])).map((b) => [b.id, b]));
    const bySeat = new Map<number, Building[]>();
    for (const u of units) {
      const owner = owners.get(u.booking_id);
      if (!owner) continue;
      const list = bySeat.get(u.seat_id) ?? [];
      const startMs = unitStart(u.unit_no).getTime();
      const last = list[list.length - 1];
      const state = owner.status === 'pending_payment' ? 'held' : 'booked';
      // Adjacent units of one booking form one range.
      if (last && last.end === startMs && last.userId === owner.user_id && last.state === state) last.end = startMs + CLAIM_UNIT_MS;
      else list.push({ start: startMs, end: startMs + CLAIM_UNIT_MS, state, userId: owner.user_id });
      bySeat.set(u.seat_id, list);
    }
    return {
      roomId: room.id,
      data: {
        room: { id: room.documentId, name: room.name, kind: room.kind, status: room.state },
        seats: seats.map((s) => ({
          id: s.documentId,
          label: s.label,
          type: s.type,
          enabled: s.enabled,
          row: s.row,
          col: s.col,
          // Time-zone formatting is the costly part of a busy day: done here, once per cached day.
          taken: (bySeat.get(s.id) ?? []).map((t) => ({ start: toLocalIso(new Date(t.start), tz), end: toLocalIso(new Date(t.end), tz), state: t.state, userId: t.userId })),
        })),
      },
    };
  }

  async function cached(roomDocumentId: string, date: string, from: Date, to: Date, tz: string): Promise<{ data: DayAvailability; source: 'cache' | 'database' }> {
    const store = runtime().store;
    const current = await versions.current(roomDocumentId);
    if (!current) throw fail('NOT_FOUND', 'This room does not exist (it may have been removed).', { room: roomDocumentId });
    const key = `avail:${current.roomId}:${date}:${tz}:${current.version}`;
    let cacheUsable = true;
    try {
      const hit = await store.get(key);
      if (hit) return { data: JSON.parse(hit), source: 'cache' };
    } catch {
      cacheUsable = false; // Redis unreachable or frozen (bounded by its command timeout): the database answers alone.
    }
    const { data } = await compute(roomDocumentId, from, to, tz);
    // Not awaited: a slow Redis must not hold the member's answer.
    if (cacheUsable) store.set(key, JSON.stringify(data), CACHE_TTL_SECONDS).catch(() => undefined);
    return { data, source: 'database' };
  }

  return {
    /**
     * Call inside the transaction that changes seat time of these rooms, as its last write: the new
     * version commits with the change, so no reader can see a cached day older than it.
     */
    async touch(...roomIds: number[]) {
      await versions.increment(roomIds);
    },

    /**
     * After commit: push what changed to the members following the room live, with the room's version
     * read from the database. It is never older than this change (a later commit only makes a client
     * that sees the jump refetch the day), and needs no Redis write.
     */
    async announce(roomId: number, changes: SeatChange[] = []) {
      const version = await versions.ofRoom(roomId).catch(() => null);
      await publishSeatChanges(strapi, version, changes);
      // Every release path (cancellation, expired hold, no-show, early check-out, staff move) ends here:
      // the one place freed seat time is offered to the waiting list.
      if (changes.some((c) => c.state === 'free')) await getBookingService(strapi, 'waitlist').offerFreed(roomId, changes);
    },

    /** The room's availability version (live subscribers start from it). */
    async versionOf(roomDocumentId: string): Promise<{ ok: true; version: number | null } | { ok: false }> {
      const found = await versions.current(roomDocumentId);
      if (!found) return { ok: false };
      return { ok: true, version: Number(found.version) };
    },

    async forDay(roomDocumentId: string, date: string, viewerUserId: number | null) {
      const params = await loadParameters(strapi);
      const tz = params.store_timezone;
      const { start, end } = dayBounds(date, tz);
      const { data, source } = await cached(roomDocumentId, date, start, end, tz);
      return {
        data: {
          room: data.room,
          date,
          timezone: tz,
          slotMinutes: params.slot_minutes,
          seats: data.seats.map((s) => ({
            id: s.id,
            label: s.label,
            type: s.type,
            enabled: s.enabled,
            row: s.row,
            col: s.col,
            taken: s.taken.map((t) => ({ start: t.start, end: t.end, state: t.state, mine: viewerUserId !== null && t.userId === viewerUserId })),
          })),
        },
        source,
      };
    },
  };
};
