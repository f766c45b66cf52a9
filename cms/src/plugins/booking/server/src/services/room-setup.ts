import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { inTransaction } from '../../../../../platform/transaction';
import { roomSetupRepository, type FutureBookingRow, type RoomSetupRecord } from '../repositories/room-setup';
import { seatLookup } from '../repositories/rooms';
import { membersRepository } from '../repositories/members';
import { checkClosures, checkLayoutDraft, dayBounds, localDay, planLayoutSave, toLocalIso, type Closure, type LayoutDraft } from '../domain';
import { loadParameters } from './policy';
import { getBookingService } from './accessor';
import { reply } from '../../../../../platform/reply';

export interface RoomSettings {
  name: string;
  kind: 'hall' | 'private';
  state: 'open' | 'maintenance';
  floor?: string | null;
  address?: string | null;
  description?: string | null;
  sort?: number;
  photos: number[];
  openingHours: { weekday: number; opens: string; closes: string }[];
  prices: { seatType: string; price_per_hour_fen: number }[];
  closures: Closure[];
}

/**
 * Store setup: rooms (settings, photos, opening hours, prices, closures) and their seat layouts.
 * A layout save is one transaction guarded by the room's layout version; a closure can cancel and
 * fully refund the bookings it covers, in the same transaction as the closure itself.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rooms = roomSetupRepository(strapi);
  const seats = seatLookup(strapi);
  const availability = () => getBookingService(strapi, 'availability');
  const cancellation = () => getBookingService(strapi, 'cancellation');

  async function loadRoom(documentId: string): Promise<RoomSetupRecord> {
    const room = await rooms.findRoom(documentId);
    if (!room) throw fail('NOT_FOUND', 'This room does not exist (it may have been removed).', { room: documentId });
    return room;
  }

  /** Bookings as a refusal or a closure warning lists them, with the bookings board that shows each. */
  async function presentBookings(rows: FutureBookingRow[], roomDocumentId: string, tz: string) {
    const labels = await seats.labels(rows.map((r) => r.seat_id));
    const members = await membersRepository(strapi).summaries([...new Set(rows.map((r) => r.user_id))]);
    return rows.map((r) => {
      const date = localDay(r.start_at, tz);
      return {
        id: r.document_id,
        status: r.status,
        seat: labels.get(r.seat_id)?.label ?? null,
        start: toLocalIso(r.start_at, tz),
        end: toLocalIso(r.end_at, tz),
        member: members.get(r.user_id) ?? { id: r.user_id, nickname: null, avatar: null },
        board: `/admin/plugins/booking/bookings?room=${roomDocumentId}&date=${date}`,
      };
    });
  }

  function presentRoom(room: RoomSetupRecord) {
    const seatList = room.seats ?? [];
    return {
      id: room.documentId,
      name: room.name,
      kind: room.kind,
      state: room.state,
      floor: room.floor ?? null,
      address: room.address ?? null,
      description: room.description ?? null,
      sort: room.sort ?? 0,
      photos: (room.photos ?? []).map((p) => ({ id: p.id, url: p.formats?.small?.url ?? p.url, name: p.name ?? null, alt: p.alternativeText ?? null })),
      openingHours: (room.opening_hours ?? []).map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes })),
      prices: (room.prices ?? []).map((p) => ({ seatType: p.seat_type, price_per_hour_fen: p.price_per_hour_fen })),
      closures: (room.closures ?? []).map((c) => ({ starts_on: c.starts_on, ends_on: c.ends_on, reason: c.reason ?? null })),
      seatCount: seatList.length,
      enabledSeats: seatList.filter((s) => s.enabled).length,
      layout: {
        version: room.layout_version ?? 0,
        rows: room.layout?.rows ?? Math.max(1, ...seatList.map((s) => s.row + 1)),
        cols: room.layout?.cols ?? Math.max(1, ...seatList.map((s) => s.col + 1)),
        cells: (room.layout?.cells ?? []).filter((c) => c.kind !== 'seat').map((c) => ({ row: c.row, col: c.col, kind: c.kind })),
        seats: seatList.map((s) => ({ id: s.documentId, label: s.label, type: s.type, row: s.row, col: s.col, code: s.code ?? null, enabled: s.enabled })),
      },
    };
  }

  /** Bookings the closures would cover that are still to come (or under way). */
  async function bookingsCoveredBy(room: RoomSetupRecord, closures: Closure[], tz: string, now: Date) {
    const found = new Map<number, FutureBookingRow>();
    for (const c of closures) {
      const from = dayBounds(c.starts_on, tz).start;
      const to = dayBounds(c.ends_on, tz).end;
      if (to <= now) continue;
      for (const b of await rooms.bookingsInRoom(room.id, from, to, now)) found.set(b.id, b);
    }
    return [...found.values()].sort((a, b) => a.start_at.getTime() - b.start_at.getTime());
  }

  return {
    async listRooms() {
      const today = localDay(clock.now(), (await loadParameters(strapi)).store_timezone);
      const list = (await rooms.listRooms()).map((room) => {
        const { layout, ...summary } = presentRoom(room);
        return {
          ...summary,
          layoutVersion: layout.version,
          closures: summary.closures.filter((c) => c.ends_on >= today),
          closedToday: summary.closures.some((c) => c.starts_on <= today && c.ends_on >= today),
        };
      });
      return reply(list);
    },

    async getRoom(documentId: string) {
      return reply(presentRoom(await loadRoom(documentId)));
    },

    /**
     * Saves a whole layout. Seats keep their documentId (and so their bookings) when moved or
     * relabelled; a seat with bookings still to come is never removed; a stale version is refused.
     */
    async saveLayout(documentId: string, draft: LayoutDraft & { version: number }) {
      checkLayoutDraft(draft);
      const tz = (await loadParameters(strapi)).store_timezone;
      await inTransaction(strapi, async () => {
        const room = await loadRoom(documentId);
        const current = room.layout_version ?? 0;
        const conflict = () =>
          fail('CONFLICT', 'Someone else saved this layout after you opened it. Your changes are still in the editor: reload to see theirs, then apply yours again.', {
            reason: 'LAYOUT_CHANGED',
            expectedVersion: draft.version,
            currentVersion: current,
          });
        if (current !== draft.version) throw conflict();
        const plan = planLayoutSave(room.seats ?? [], draft);
        const codes = draft.seats.map((s) => s.code?.trim()).filter((c): c is string => !!c);
        const clash = await rooms.codesUsedElsewhere(room.id, codes);
        if (clash.length > 0) throw fail('VALIDATION', `Seat code ${clash[0]} belongs to a seat of another room; seat codes are unique in the store.`, { errors: [{ path: ['code'], field: 'code', message: 'code in use' }], codes: clash });
        const booked = await rooms.futureBookingsOnSeats(plan.remove.map((s) => s.id), clock.now());
        if (booked.length > 0) {
          const labels = [...new Set(booked.map((b) => plan.remove.find((s) => s.id === b.seat_id)?.label))].join(', ');
          throw fail('SEAT_IN_USE', `Seat ${labels} has bookings still to come and cannot be removed. Move or cancel them on the bookings board first, or disable the seat instead.`, {
            bookings: await presentBookings(booked, documentId, tz),
          });
        }
        // Another save between our read and this statement makes it match no row: refused, nothing written.
        if (!(await rooms.advanceLayoutVersion(room.id, current))) throw conflict();
        for (const s of plan.remove) await rooms.deleteSeat(s.documentId);
        // Codes are unique in the store: free the changing ones first, so two seats can swap codes.
        const recoded = plan.update.filter((s) => (room.seats ?? []).find((x) => x.id === s.id)?.code !== s.data.code);
        for (const s of recoded) await rooms.updateSeat(s.documentId, { ...s.data, code: null });
        for (const s of plan.update) await rooms.updateSeat(s.documentId, s.data);
        for (const s of plan.create) await rooms.createSeat(documentId, s);
        await rooms.writeLayout(documentId, { rows: draft.rows, cols: draft.cols, cells: draft.cells });
        // The availability version is keyed in the database: every process stops reading the old day.
        await availability().touch(room.id);
      });
      return reply(presentRoom(await loadRoom(documentId)));
    },

    /** The bookings these closures would cover, to show staff before they save. */
    async closureImpact(documentId: string, closures: Closure[]) {
      checkClosures(closures);
      const tz = (await loadParameters(strapi)).store_timezone;
      const room = await loadRoom(documentId);
      return reply(await presentBookings(await bookingsCoveredBy(room, closures, tz, clock.now()), documentId, tz));
    },

    /**
     * Saves the room's settings. With `cancelAffected`, the bookings its closures cover are cancelled
     * with the fee waived (full refund through the cancellation service) in the same transaction; the
     * reply lists them in `meta.cancelled`.
     */
    async updateRoom(documentId: string, input: RoomSettings, staffId: number, cancelAffected: { reason: string } | null) {
      checkClosures(input.closures);
      const tz = (await loadParameters(strapi)).store_timezone;
      let cancelled: string[] = [];
      await inTransaction(strapi, async () => {
        const room = await loadRoom(documentId);
        await rooms.updateRoom(documentId, {
          name: input.name,
          kind: input.kind,
          state: input.state,
          floor: input.floor ?? null,
          address: input.address ?? null,
          description: input.description ?? null,
          sort: input.sort ?? 0,
          photos: input.photos,
          opening_hours: input.openingHours,
          prices: input.prices.map((p) => ({ seat_type: p.seatType, price_per_hour_fen: p.price_per_hour_fen })),
          closures: input.closures.map((c) => ({ starts_on: c.starts_on, ends_on: c.ends_on, reason: c.reason ?? null })),
        });
        if (cancelAffected) {
          const affected = await bookingsCoveredBy(room, input.closures, tz, clock.now());
          for (const b of affected) {
            await cancellation().cancel({ documentId: b.document_id, userId: null, actor: { type: 'staff', id: staffId }, reason: cancelAffected.reason, waiveFee: true });
          }
          cancelled = affected.map((b) => b.document_id);
        }
        await availability().touch(room.id);
      });
      return reply(presentRoom(await loadRoom(documentId)), { cancelled });
    },
  };
};
