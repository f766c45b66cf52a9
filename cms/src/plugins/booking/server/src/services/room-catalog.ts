import type { Core } from '@strapi/strapi';
import { runtime } from '../../../../../platform/runtime';
import { invalidateOnWrites } from '../../../../../platform/invalidation-bus';
import { roomsRepository, seatLookup, type RoomRecord, type SeatWithRoom } from '../repositories/rooms';

/**
 * Rooms, seats, opening hours, closures and prices as staff configured them, held in this process:
 * the seat map, the room list and every booking read them without a database round trip. Any write
 * to a room, a seat or their components drops the whole catalog on every process (a staff edit
 * applies everywhere within a second; with Redis unreachable the bus keeps the catalog for less than
 * a second instead); a seat the catalog does not know is looked up in the database, so a seat created
 * a moment ago on another process is never refused.
 */
type SeatLabel = { documentId: string; label: string; type: string; room: { id: number; documentId: string; name: string; kind: string } | null };

interface Catalog {
  rooms: RoomRecord[];
  roomsByDocumentId: Map<string, RoomRecord>;
  roomsById: Map<number, RoomRecord>;
  seatsByDocumentId: Map<string, SeatWithRoom>;
  seatsById: Map<number, SeatWithRoom>;
  seatsByCode: Map<string, SeatWithRoom>;
}

export const ROOM_CATALOG_TOPIC = 'rooms';
const ROOM_MODELS = ['api::room.room', 'api::seat.seat', 'room.opening-hours', 'room.seat-price', 'room.closure'];

const cache = () => runtime().cache<Catalog>(ROOM_CATALOG_TOPIC, { maxEntries: 1 });

function index(rooms: RoomRecord[]): Catalog {
  const catalog: Catalog = { rooms, roomsByDocumentId: new Map(), roomsById: new Map(), seatsByDocumentId: new Map(), seatsById: new Map(), seatsByCode: new Map() };
  for (const room of rooms) {
    catalog.roomsByDocumentId.set(room.documentId, room);
    catalog.roomsById.set(room.id, room);
    const roomFacts = {
      id: room.id,
      documentId: room.documentId,
      name: room.name,
      kind: room.kind,
      state: room.state,
      opening_hours: room.opening_hours ?? [],
      prices: room.prices ?? [],
      closures: room.closures ?? [],
    };
    for (const s of room.seats ?? []) {
      const seat: SeatWithRoom = { id: s.id, documentId: s.documentId, label: s.label, type: s.type, code: s.code, enabled: s.enabled, room: roomFacts };
      catalog.seatsByDocumentId.set(s.documentId, seat);
      catalog.seatsById.set(s.id, seat);
      if (s.code) catalog.seatsByCode.set(s.code, seat);
    }
  }
  return catalog;
}

/**
 * The rooms of the last load by content. A reload that finds a room unchanged hands out the previous
 * object, so what was prepared from it (seat maps, compared by identity) stays usable: while Redis is
 * unreachable the catalog is reloaded every second or so, and the rooms rarely change.
 */
let lastRooms = new Map<string, RoomRecord>();
function reuseUnchanged(rooms: RoomRecord[]): RoomRecord[] {
  const next = new Map<string, RoomRecord>();
  const out = rooms.map((room) => {
    const content = JSON.stringify(room);
    const same = lastRooms.get(content) ?? room;
    next.set(content, same);
    return same;
  });
  lastRooms = next;
  return out;
}

/** Call once at bootstrap: every write to rooms, seats or their components drops the catalog everywhere. */
export function subscribeRoomCatalogInvalidation(strapi: Core.Strapi) {
  invalidateOnWrites(strapi, ROOM_MODELS, cache);
}

export function roomCatalog(strapi: Core.Strapi) {
  const repo = roomsRepository(strapi);
  const lookup = seatLookup(strapi);
  const load = () => cache().get('all', async () => index(reuseUnchanged(await repo.listRooms())));

  return {
    /** Every room in display order (objects shared by all readers: never change them). */
    async rooms(filter: { kind?: string } = {}): Promise<RoomRecord[]> {
      const { rooms } = await load();
      return filter.kind ? rooms.filter((r) => r.kind === filter.kind) : rooms;
    },

    async room(documentId: string): Promise<RoomRecord | null> {
      return (await load()).roomsByDocumentId.get(documentId) ?? (await repo.findRoom(documentId));
    },

    async roomById(id: number): Promise<RoomRecord | null> {
      return (await load()).roomsById.get(id) ?? null;
    },

    async seatByDocumentId(documentId: string): Promise<SeatWithRoom | null> {
      return (await load()).seatsByDocumentId.get(documentId) ?? (await lookup.byDocumentId(documentId));
    },

    async seatByCode(code: string): Promise<SeatWithRoom | null> {
      return (await load()).seatsByCode.get(code) ?? (await lookup.byCode(code));
    },

    /** Labels and room names for presenting bookings; seats no longer in any room come from the database. */
    async labels(seatIds: number[]): Promise<Map<number, SeatLabel>> {
      const { seatsById } = await load();
      const out = new Map<number, SeatLabel>();
      const missing: number[] = [];
      for (const id of seatIds) {
        const seat = seatsById.get(id);
        if (seat) out.set(id, { documentId: seat.documentId, label: seat.label, type: seat.type, room: seat.room && { id: seat.room.id, documentId: seat.room.documentId, name: seat.room.name, kind: seat.room.kind } });
        else missing.push(id);
      }
      if (missing.length) for (const [id, row] of await lookup.labels(missing)) out.set(id, row);
      return out;
    },
  };
}
