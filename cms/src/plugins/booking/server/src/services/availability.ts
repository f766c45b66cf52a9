import type { Core } from '@strapi/strapi';
import { runtime } from '../../../../../platform/runtime';
import { fail } from '../../../../../platform/errors';
import { claimsRepository, unitStart } from '../repositories/claims';
import { bookingsRepository } from '../repositories/bookings';
import { roomVersionsRepository } from '../repositories/room-versions';
import type { RoomRecord } from '../repositories/rooms';
import { CLAIM_UNIT_MS, dayBounds, toLocalIso, type SeatChange } from '../domain';
import { loadParameters } from './policy';
import { publishSeatChanges } from './seat-feed';
import { getBookingService } from './accessor';
import { roomCatalog, ROOM_CATALOG_TOPIC } from './room-catalog';
import { prepareDay, renderDay, type PreparedDay, type TakenRange } from './prepared-day';

/** Redis keeps each room's availability version this long after its last change or read from the database. */
const VERSION_TTL_SECONDS = 24 * 3600;
/** Room-days kept prepared in this process (the oldest is dropped first). */
const MAX_PREPARED_DAYS = 500;
/** Refused seat ranges remembered per room (the room's list is dropped when it grows past this). */
const MAX_REFUSALS_PER_ROOM = 5_000;
const versionKey = (roomDocumentId: string) => `availver:${roomDocumentId}`;
/** The room's count of possible releases (see `touchClaimed`), copied like the version. */
const releasedKey = (roomDocumentId: string) => `availrel:${roomDocumentId}`;

type Known = { usable: false } | { usable: true; version: number | null };

/**
 * Per-seat taken ranges of one room and day, for the seat map, and free-seat counts for the room list.
 *
 * The truth is each room's availability version in the database (`booking_room_versions`), incremented
 * inside every transaction that changes the room's seat time (`touch`). After commit, `announce` copies
 * it to Redis (only ever upwards). A read asks Redis for the version (one GET, no database round trip)
 * and serves the day prepared as bytes in this process for that version (services/prepared-day.ts);
 * a day computed from the database is labelled with a version read *before* its claims, so a label is
 * never newer than the data under it.
 *
 * Redis may miss a copy (down, frozen, or back with data from before an outage). So the cache is used
 * only while the invalidation bus shows that Redis answers, and after any Redis failure or gap this
 * process copies every room's version from the database to Redis before it trusts Redis again. Until
 * then, and whenever Redis does not answer, the database answers alone (`X-Availability-Source:
 * database`). Keys are room documentIds, so a Redis shared with another database never matches.
 * Residual window: a process that alone loses Redis while its peers keep it cannot copy its versions
 * until it is back (well under a second with the command timeout and pause), and its peers may serve
 * the previous day for that long.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const claims = claimsRepository(strapi);
  const bookings = bookingsRepository(strapi);
  const catalog = roomCatalog(strapi);
  const versions = roomVersionsRepository(strapi);

  /** `room`: the catalog's room object the day was prepared from (the catalog's entries are never changed). */
  const days = new Map<string, { version: number; generation: number; room: RoomRecord; prepared: PreparedDay }>();
  const freeCounts = new Map<string, { versions: string; generation: number; free: Map<string, number> }>();
  /**
   * Days being computed, by day key, version, generation and room: requests that miss together share one
   * computation (a version bump on a busy day would otherwise start one per waiting request).
   */
  const computing = new Map<string, { room: RoomRecord; promise: Promise<PreparedDay> }>();
  /** Bumped when rooms or parameters change, or messages may have been missed: prepared answers are dropped. */
  let generation = 0;
  /** Redis may hold versions older than the database (a copy failed): copy them all before trusting it. */
  let resyncNeeded = true;
  let failures = 0;
  let resyncing: Promise<void> | null = null;
  let subscribedTo: unknown = null;
  /**
   * Seat ranges [fromMs, toMs) that a booking attempt found claimed, per room id, labelled with the room's
   * count of possible releases as read while that attempt still held the lock on the conflicting claim
   * (see `rememberTaken`). New bookings do not count: they only make more seat time taken.
   */
  const refusals = new Map<number, { released: number; bySeat: Map<number, [number, number][]> }>();

  function forgetPrepared() {
    generation += 1;
    days.clear();
    freeCounts.clear();
  }

  function redisFailed() {
    failures += 1;
    resyncNeeded = true;
  }

  /** Subscribes (once per runtime) to the changes that alter a prepared answer without a new version. */
  function bus() {
    const { bus } = runtime();
    if (subscribedTo !== bus) {
      subscribedTo = bus;
      bus.on(ROOM_CATALOG_TOPIC, forgetPrepared);
      bus.on('parameters', forgetPrepared);
      bus.onGap(() => {
        forgetPrepared();
        resyncNeeded = true;
      });
    }
    return bus;
  }

  async function resync() {
    const before = failures;
    const store = runtime().store;
    const all = await versions.all();
    await Promise.all(
      all.flatMap((v) => [store.setMax(versionKey(v.roomDocumentId), v.version, VERSION_TTL_SECONDS), store.setMax(releasedKey(v.roomDocumentId), v.released, VERSION_TTL_SECONDS)]),
    );
    if (failures === before) resyncNeeded = false;
  }

  /** Counters (`versionKey` or `releasedKey`) as Redis knows them; unusable when Redis cannot be trusted right now. */
  async function knownCounters(keys: string[]): Promise<{ usable: false } | { usable: true; versions: (number | null)[] }> {
    if (!bus().trusted()) return { usable: false };
    try {
      if (resyncNeeded) {
        resyncing ??= resync().finally(() => (resyncing = null));
        await resyncing;
        if (resyncNeeded) return { usable: false };
      }
      const values = await runtime().store.mget(keys);
      return { usable: true, versions: values.map((v) => (v === null ? null : Number(v))) };
    } catch {
      redisFailed();
      return { usable: false };
    }
  }

  const knownVersions = (roomDocumentIds: string[]) => knownCounters(roomDocumentIds.map(versionKey));

  async function knownCounter(key: string): Promise<Known> {
    const known = await knownCounters([key]);
    return known.usable ? { usable: true, version: known.versions[0] } : { usable: false };
  }

  const knownVersion = (roomDocumentId: string) => knownCounter(versionKey(roomDocumentId));

  function copyVersion(roomDocumentId: string, version: number) {
    return runtime().store.setMax(versionKey(roomDocumentId), version, VERSION_TTL_SECONDS).catch(redisFailed);
  }

  async function compute(room: RoomRecord, date: string, tz: string, slotMinutes: number) {
    const { start, end } = dayBounds(date, tz);
    const seats = room.seats ?? [];
    const units = await claims.unitsIn(seats.map((s) => s.id), start, end);
    const owners = await bookings.ownersOf([...new Set(units.map((u) => u.booking_id))]);
    const bySeat = new Map<number, { start: number; end: number; state: 'held' | 'booked'; userId: number }[]>();
    for (const u of units) {
      const owner = owners.get(u.booking_id);
      if (!owner) continue;
      const list = bySeat.get(u.seat_id) ?? [];
      const startMs = unitStart(u.unit_no).getTime();
      const last = list[list.length - 1];
      const state = owner.status === 'pending_payment' ? 'held' : 'booked';
      // Adjacent units of one booking form one range.
      if (last && last.end === startMs && last.userId === owner.userId && last.state === state) last.end = startMs + CLAIM_UNIT_MS;
      else list.push({ start: startMs, end: startMs + CLAIM_UNIT_MS, state, userId: owner.userId });
      bySeat.set(u.seat_id, list);
    }
    return prepareDay({
      room: { id: room.documentId, name: room.name, kind: room.kind, status: room.state },
      date,
      timezone: tz,
      slotMinutes,
      seats: seats.map((s) => ({
        id: s.documentId,
        label: s.label,
        type: s.type,
        enabled: s.enabled,
        row: s.row,
        col: s.col,
        // Time-zone formatting is the costly part of a busy day: done here, once per prepared day.
        taken: (bySeat.get(s.id) ?? []).map((t): TakenRange => ({ start: toLocalIso(new Date(t.start), tz), end: toLocalIso(new Date(t.end), tz), state: t.state, userId: t.userId })),
      })),
    });
  }

  function keep<V>(map: Map<string, V>, key: string, value: V, max: number) {
    if (!map.has(key) && map.size >= max) map.delete(map.keys().next().value as string);
    map.set(key, value);
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
     * `touch` for a change that only adds claims (a new booking or hold): it cannot free seat time, so
     * the ranges remembered as taken (`knownTaken`) stay valid. `version`, the room's version as of this
     * change, settles when the increment has left with the transaction's last writes: await it after
     * the commit (for `announceClaimed`).
     */
    async touchClaimed(roomId: number): Promise<{ version: Promise<number | null> }> {
      return versions.incrementVersion(roomId);
    },

    /**
     * After commit: copy the room's version to Redis (readers on every process then prepare the day
     * anew) and push what changed to the members following the room live. The version is read from
     * the database: never older than this change (a later commit only makes a client refetch).
     */
    async announce(roomId: number, changes: SeatChange[] = []) {
      const counters = await versions.countersOf(roomId).catch(() => null);
      const version = counters?.version ?? null;
      const room = await catalog.roomById(roomId).catch(() => null);
      if (counters && room) {
        await Promise.all([copyVersion(room.documentId, counters.version), runtime().store.setMax(releasedKey(room.documentId), counters.released, VERSION_TTL_SECONDS).catch(redisFailed)]);
      } else redisFailed(); // the version could not be copied: Redis is copied in full before it is trusted again
      await publishSeatChanges(strapi, version, changes);
      // Every release path (cancellation, expired hold, no-show, early check-out, staff move) ends here:
      // the one place freed seat time is offered to the waiting list.
      if (changes.some((c) => c.state === 'free')) await getBookingService(strapi, 'waitlist').offerFreed(roomId, changes);
    },

    /**
     * `announce` after a change made with `touchClaimed`, which answered the room's version as of that
     * change (null: it could not, and `announce` reads it). The change freed nothing, so the count of
     * releases is as Redis has it and nothing is offered to the waiting list: one Redis write and the
     * live push, without reading the counters back.
     */
    async announceClaimed(roomId: number, version: number | null, changes: SeatChange[]) {
      const room = version === null ? null : await catalog.roomById(roomId).catch(() => null);
      if (version === null || !room) return this.announce(roomId, changes);
      await copyVersion(room.documentId, version);
      await publishSeatChanges(strapi, version, changes);
    },

    /**
     * Inside a booking transaction whose claim on [start, end) of the seat was just refused by the unique
     * index: remember that the seat is taken there at the room's current count of releases. The refused
     * insert holds a shared lock on the conflicting claim until this transaction ends, so no release of it
     * can commit before this read: a release commits a higher count, and its announce copies that to Redis.
     */
    async rememberTaken(roomId: number, seatId: number, start: Date, end: Date) {
      const { released } = await versions.countersOf(roomId);
      let memo = refusals.get(roomId);
      if (!memo || memo.released !== released) {
        if (memo && memo.released > released) return; // a later count is already remembered
        memo = { released, bySeat: new Map() };
        refusals.set(roomId, memo);
      }
      if ([...memo.bySeat.values()].reduce((n, l) => n + l.length, 0) >= MAX_REFUSALS_PER_ROOM) memo.bySeat.clear();
      const list = memo.bySeat.get(seatId) ?? [];
      list.push([start.getTime(), end.getTime()]);
      memo.bySeat.set(seatId, list);
    },

    /**
     * True only when [start, end) of the seat certainly cannot be claimed now: it covers a range an earlier
     * attempt found claimed, and no change that may free seat time was committed (and announced) in the
     * room since. Without a remembered range this costs nothing; with one, the count read (Redis, or the
     * database when Redis cannot be trusted).
     */
    async knownTaken(room: { id: number; documentId: string }, seatId: number, start: Date, end: Date): Promise<boolean> {
      const memo = refusals.get(room.id);
      const from = start.getTime();
      const to = end.getTime();
      if (!memo || !(memo.bySeat.get(seatId) ?? []).some(([a, b]) => from <= a && b <= to)) return false;
      const known = await knownCounter(releasedKey(room.documentId));
      const released = known.usable && known.version !== null ? known.version : (await versions.countersOf(room.id)).released;
      if (released === memo.released) return true;
      if (released > memo.released && refusals.get(room.id) === memo) refusals.delete(room.id);
      return false;
    },

    /** The room's availability version (live subscribers start from it). */
    async versionOf(roomDocumentId: string): Promise<{ ok: true; version: number | null } | { ok: false }> {
      const found = await versions.current(roomDocumentId);
      if (!found) return { ok: false };
      return { ok: true, version: Number(found.version) };
    },

    /** The finished answer (JSON bytes, in pieces to send in order) of the seat map of a room and day, for `viewerUserId`. */
    async forDay(roomDocumentId: string, date: string, viewerUserId: number | null): Promise<{ body: Buffer[]; source: 'cache' | 'database' }> {
      const params = await loadParameters(strapi);
      const tz = params.store_timezone;
      const key = `${roomDocumentId}|${date}|${tz}|${params.slot_minutes}`;
      const generationAtStart = generation;
      const known = await knownVersion(roomDocumentId);
      if (known.usable && known.version !== null) {
        const hit = days.get(key);
        if (hit && hit.version === known.version && hit.generation === generationAtStart) return { body: renderDay(hit.prepared, viewerUserId), source: 'cache' };
      }
      // The label is read before the claims: the data under it is at least as new.
      let version = known.usable ? known.version : null;
      let room: RoomRecord | null = null;
      if (version === null) {
        const current = await versions.current(roomDocumentId);
        if (!current) throw fail('NOT_FOUND', 'This room does not exist (it may have been removed).', { room: roomDocumentId });
        version = Number(current.version);
        // Redis cannot be trusted: the database's version (one statement) says whether the day this process
        // prepared is still current – no committed change since – so a Redis outage costs a read, not the day.
        // Staff edits on another process are not heard meanwhile: the day also has to come from the room
        // the catalog holds now (which the bus keeps for under a second while Redis is unreachable).
        const hit = known.usable ? undefined : days.get(key);
        if (hit) room = await catalog.room(roomDocumentId);
        if (hit && hit.version === version && hit.generation === generationAtStart && hit.room === room) return { body: renderDay(hit.prepared, viewerUserId), source: 'database' };
      }
      room ??= await catalog.room(roomDocumentId);
      if (!room) throw fail('NOT_FOUND', 'This room does not exist (it may have been removed).', { room: roomDocumentId });
      const flightKey = `${key}|${version}|${generationAtStart}`;
      let flight = computing.get(flightKey);
      if (!flight || flight.room !== room) {
        const promise = compute(room, date, tz, params.slot_minutes).finally(() => {
          if (computing.get(flightKey)?.promise === promise) computing.delete(flightKey);
        });
        flight = { room, promise };
        computing.set(flightKey, flight);
      }
      const prepared = await flight.promise;
      if (generation === generationAtStart) {
        keep(days, key, { version, generation: generationAtStart, room, prepared }, MAX_PREPARED_DAYS);
        if (known.usable && known.version === null) await copyVersion(roomDocumentId, version);
      }
      return { body: renderDay(prepared, viewerUserId), source: 'database' };
    },

    /**
     * Free enabled seats per open room in [from, to), by room documentId. Cached per claim-unit-aligned
     * window (the same units, so the same answer) and valid while every listed room keeps its version.
     */
    async freeSeats(roomDocumentIds: string[], from: Date, to: Date): Promise<Map<string, number>> {
      const key = `${Math.floor(from.getTime() / CLAIM_UNIT_MS)}|${Math.ceil(to.getTime() / CLAIM_UNIT_MS)}|${roomDocumentIds.join(',')}`;
      const generationAtStart = generation;
      const known = await knownVersions(roomDocumentIds);
      const stamp = known.usable && known.versions.every((v) => v !== null) ? known.versions.join(',') : null;
      if (stamp !== null) {
        const hit = freeCounts.get(key);
        if (hit && hit.versions === stamp && hit.generation === generationAtStart) return hit.free;
      }
      // Versions read before the claims, as for the seat map.
      const all = known.usable && stamp === null ? await versions.all() : [];
      const rooms = (await Promise.all(roomDocumentIds.map((id) => catalog.room(id)))).filter((r) => r !== null);
      const seatIds = rooms.flatMap((r) => (r.seats ?? []).filter((s) => s.enabled).map((s) => s.id));
      const busy = await claims.busySeatIds(seatIds, from, to);
      const free = new Map(rooms.map((room) => [room.documentId, room.state === 'open' ? (room.seats ?? []).filter((s) => s.enabled && !busy.has(s.id)).length : 0]));
      if (known.usable && generation === generationAtStart) {
        if (stamp !== null) keep(freeCounts, key, { versions: stamp, generation: generationAtStart, free }, MAX_PREPARED_DAYS);
        else {
          // Some room's version was not in Redis yet: copy them, so the next read can be cached.
          const wanted = new Set(roomDocumentIds);
          await Promise.all(all.filter((v) => wanted.has(v.roomDocumentId)).map((v) => copyVersion(v.roomDocumentId, v.version)));
        }
      }
      return free;
    },
  };
};
