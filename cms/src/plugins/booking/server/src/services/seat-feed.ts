import type { Core } from '@strapi/strapi';
import { publishLive } from '../../../../../platform/live';
import { localDaysOf, toLocalIso, type SeatChange } from '../domain';
import { roomCatalog } from './room-catalog';
import { loadParameters } from './policy';

/**
 * Live seat status, the booking side: turns a committed change (numeric seat ids, instants) into the
 * pushes members follow – one per room and local day, with documentIds, store-local times and the
 * room's new availability version – and hands them to the live bus. Called after commit, from
 * availability.announce(); never throws (a lost push is caught by the version: the client refetches).
 */
export async function publishSeatChanges(strapi: Core.Strapi, version: number | null, changes: SeatChange[]) {
  if (changes.length === 0) return;
  try {
    const [seats, params] = await Promise.all([roomCatalog(strapi).labels(changes.map((c) => c.seatId)), loadParameters(strapi)]);
    const tz = params.store_timezone;
    const pushes = new Map<string, { room: string; date: string; changes: { seat: string; start: string; end: string; state: SeatChange['state'] }[] }>();
    for (const c of changes) {
      const seat = seats.get(c.seatId);
      if (!seat?.room) continue;
      for (const date of localDaysOf(c.start, c.end, tz)) {
        const key = `${seat.room.documentId}|${date}`;
        let push = pushes.get(key);
        if (!push) pushes.set(key, (push = { room: seat.room.documentId, date, changes: [] }));
        push.changes.push({ seat: seat.documentId, start: toLocalIso(c.start, tz), end: toLocalIso(c.end, tz), state: c.state });
      }
    }
    await Promise.all([...pushes.values()].map((p) => publishLive({ kind: 'seats', ...p, version })));
  } catch (err: any) {
    strapi.log.warn(`[live] seat change not pushed: ${err?.message ?? err}`);
  }
}
