import type { Core } from '@strapi/strapi';
import { runtime } from '../../../../../platform/runtime';
import { fail } from '../../../../../platform/errors';
import { claimsRepository, unitStart } from '../repositories/claims';
import { bookingsRepository } from '../repositories/bookings';
import { roomsRepository } from '../repositories/rooms';
import { dayBounds, toLocalIso, type SeatChange } from '../domain';
import { loadParameters } from './policy';
import { publishSeatChanges } from './seat-feed';

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
 * includes the room's availability version; every booking change bumps the version after commit, so
 * a stale entry is never read again. With Redis down the answer comes from the database.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const claims = claimsRepository(strapi);
  const bookings = bookingsRepository(strapi);
  const rooms = roomsRepository(strapi);
  const versionKey = (roomId: number) => `avail:v:${roomId}`;

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
      if (last && last.end === startMs && last.userId === owner.user_id && last.state === state) last.end = startMs + 15 * 60_000;
      else list.push({ start: startMs, end: startMs + 15 * 60_000, state, userId: owner.user_id });
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
    const roomRow = await strapi.db.query('api::room.room' as any).findOne({ where: { documentId: roomDocumentId }, select: ['id'] });
    if (!roomRow) throw fail('NOT_FOUND', 'This room does not exist (it may have been removed).', { room: roomDocumentId });
    let key: string | null = null;
    try {
      const version = (await store.get(versionKey(roomRow.id))) ?? '0';
      key = `avail:${roomRow.id}:${date}:${tz}:${version}`;
      const hit = await store.get(key);
      if (hit) return { data: JSON.parse(hit), source: 'cache' };
    } catch {
      key = null; // Redis unreachable: the database answers alone.
    }
    const { data } = await compute(roomDocumentId, from, to, tz);
    if (key) await store.set(key, JSON.stringify(data), CACHE_TTL_SECONDS).catch(() => undefined);
    return { data, source: 'database' };
  }

  return {
    /**
     * Invalidate a room's cached availability (called after every committed booking change), and push
     * what changed, with the new version, to the members following the room live.
     */
    async bump(roomId: number, changes: SeatChange[] = []) {
      const version = await runtime().store.incr(versionKey(roomId)).catch(() => null);
      await publishSeatChanges(strapi, version, changes);
    },

    /** The room's availability version (live subscribers start from it); null when Redis is unreachable. */
    async versionOf(roomDocumentId: string): Promise<{ ok: true; version: number | null } | { ok: false }> {
      const roomRow = await strapi.db.query('api::room.room' as any).findOne({ where: { documentId: roomDocumentId }, select: ['id'] });
      if (!roomRow) return { ok: false };
      const raw = await runtime().store.get(versionKey(roomRow.id)).catch(() => undefined);
      return { ok: true, version: raw === undefined ? null : Number(raw ?? 0) };
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
