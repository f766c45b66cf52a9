/**
 * Store setup through the admin API: a manager saves seat layouts (create, move, relabel, remove) and
 * room closures; members see the effect through the member API (room, availability, bookings, wallet).
 */
import { DateTime } from 'luxon';
import { useCms, createRoom, balance, book, fund, loginMember, type Member, loginStaff } from '../../support';

jest.setTimeout(120_000);

const TZ = 'Asia/Shanghai';
const localDay = (days: number) => DateTime.now().setZone(TZ).plus({ days }).toISODate()!;
const at = (days: number, hour: number) => DateTime.now().setZone(TZ).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toISO()!;

const cms = useCms();
let manager: Record<string, string>;
let member: Member;

beforeAll(async () => {
  manager = (await loginStaff(cms, 'store-manager')).auth;
  member = await loginMember(cms);
  await fund(cms, member.id, 100_000);
}, 300_000);

const staffRoom = async (id: string) => (await cms.api.get(`/booking/rooms/${id}`).set(manager)).body.data;
const saveLayout = (id: string, body: object) => cms.api.put(`/booking/rooms/${id}/layout`).set(manager).send(body);

describe('saving a seat layout', () => {
  it('creates seats from an empty grid, and members see them on the room', async () => {
    const room = await cms.strapi.documents('api::room.room').create({ data: { name: '新厅', kind: 'hall', state: 'open', opening_hours: [], prices: [{ seat_type: 'standard', price_per_hour_fen: 800 }] } });
    const before = await staffRoom(room.documentId);
    expect(before.layout.seats).toEqual([]);
    const res = await saveLayout(room.documentId, {
      version: before.layout.version,
      rows: 2,
      cols: 3,
      cells: [{ row: 1, col: 0, kind: 'door' }, { row: 1, col: 1, kind: 'aisle' }],
      seats: [
        { label: 'A1', type: 'standard', row: 0, col: 0, code: 'NEW-1', enabled: true },
        { label: 'A2', type: 'window', row: 0, col: 2, code: null, enabled: true },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.layout.version).toBe(before.layout.version + 1);
    const pub = await cms.api.get(`/api/booking/rooms/${room.documentId}`);
    expect(pub.body.data.layout).toMatchObject({ rows: 2, cols: 3 });
    const cells = pub.body.data.layout.cells;
    expect(cells).toEqual(expect.arrayContaining([
      { row: 1, col: 0, kind: 'door' },
      { row: 1, col: 1, kind: 'aisle' },
      expect.objectContaining({ row: 0, col: 2, kind: 'seat', seat: expect.objectContaining({ label: 'A2', type: 'window' }) }),
    ]));
  });

  it('a moved and relabelled seat keeps its id and its booking; the availability cache follows', async () => {
    const { room, seats } = await createRoom(cms, { seats: 3 });
    const res0 = await book(cms, member, { seat: seats[0].documentId, start: at(1, 10), end: at(1, 12), payWith: 'wallet' });
    expect(res0.status).toBe(201);
    const date = localDay(1);
    // Warm the cache with the old layout.
    const warm = await cms.api.get(`/api/booking/rooms/${room.documentId}/availability?date=${date}`).set(member.auth);
    expect(warm.body.data.seats.find((s: any) => s.id === seats[0].documentId).col).toBe(0);

    const current = await staffRoom(room.documentId);
    const moved = current.layout.seats.map((s: any) => (s.id === seats[0].documentId ? { ...s, label: 'B9', row: 1, col: 5 } : s));
    const res = await saveLayout(room.documentId, { version: current.layout.version, rows: 2, cols: 10, cells: current.layout.cells, seats: moved });
    expect(res.status).toBe(200);

    const seat = res.body.data.layout.seats.find((s: any) => s.id === seats[0].documentId);
    expect(seat).toMatchObject({ label: 'B9', row: 1, col: 5 });
    const mine = await cms.api.get(`/api/booking/bookings/${res0.body.data.id}`).set(member.auth);
    expect(mine.body.data.seat).toMatchObject({ id: seats[0].documentId, label: 'B9' });
    const after = await cms.api.get(`/api/booking/rooms/${room.documentId}/availability?date=${date}`).set(member.auth);
    const seen = after.body.data.seats.find((s: any) => s.id === seats[0].documentId);
    expect(seen).toMatchObject({ label: 'B9', row: 1, col: 5 });
    expect(seen.taken).toHaveLength(1);
  });

  it('removing a seat with a future booking is refused and lists the booking with its board link', async () => {
    const { room, seats } = await createRoom(cms, { seats: 2 });
    const booked = await book(cms, member, { seat: seats[1].documentId, start: at(2, 14), end: at(2, 15), payWith: 'wallet' });
    expect(booked.status).toBe(201);
    const current = await staffRoom(room.documentId);
    const res = await saveLayout(room.documentId, { version: current.layout.version, rows: 2, cols: 10, cells: [], seats: current.layout.seats.filter((s: any) => s.id !== seats[1].documentId) });
    expect(res.status).toBe(409);
    expect(res.body.error.details.code).toBe('SEAT_IN_USE');
    expect(res.body.error.message).toContain('A2');
    expect(res.body.error.details.bookings).toEqual([
      expect.objectContaining({ id: booked.body.data.id, seat: 'A2', board: `/admin/plugins/booking/bookings?room=${room.documentId}&date=${localDay(2)}` }),
    ]);
    // Nothing was written: the seat, the door cell and the version are as before.
    const again = await staffRoom(room.documentId);
    expect(again.layout.seats).toHaveLength(2);
    expect(again.layout.cells).toEqual([{ row: 1, col: 0, kind: 'door' }]);
    expect(again.layout.version).toBe(current.layout.version);
  });

  it('the second of two staff saving the same version is told the layout changed, and the first save stands', async () => {
    const { room } = await createRoom(cms, { seats: 2 });
    const opened = await staffRoom(room.documentId);
    const first = await saveLayout(room.documentId, { version: opened.layout.version, rows: 2, cols: 10, cells: [], seats: [...opened.layout.seats, { label: 'A3', type: 'standard', row: 0, col: 2, enabled: true }] });
    expect(first.status).toBe(200);
    const second = await saveLayout(room.documentId, { version: opened.layout.version, rows: 2, cols: 10, cells: [], seats: opened.layout.seats.map((s: any) => ({ ...s, label: `X${s.label}` })) });
    expect(second.status).toBe(409);
    expect(second.body.error.details).toMatchObject({ code: 'CONFLICT', reason: 'LAYOUT_CHANGED' });
    expect(second.body.error.message).toMatch(/Someone else saved this layout/);
    const now = await staffRoom(room.documentId);
    expect(now.layout.seats.map((s: any) => s.label).sort()).toEqual(['A1', 'A2', 'A3']);
  });

  it('two seats can swap their codes in one save', async () => {
    const { room } = await createRoom(cms, { seats: 2 });
    const opened = await staffRoom(room.documentId);
    const [a, b] = opened.layout.seats;
    const res = await saveLayout(room.documentId, { version: opened.layout.version, rows: 2, cols: 10, cells: [], seats: [{ ...a, code: b.code }, { ...b, code: a.code }] });
    expect(res.status).toBe(200);
    expect(res.body.data.layout.seats.map((s: any) => s.code)).toEqual([b.code, a.code]);
  });

  it('bad layouts are refused with a sentence and nothing changes', async () => {
    const { room } = await createRoom(cms, { seats: 1 });
    const opened = await staffRoom(room.documentId);
    const res = await saveLayout(room.documentId, { version: opened.layout.version, rows: 2, cols: 3, cells: [{ row: 0, col: 0, kind: 'wall' }], seats: opened.layout.seats });
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('VALIDATION');
    expect((await staffRoom(room.documentId)).layout.version).toBe(opened.layout.version);
  });
});

describe('room closures', () => {
  const settingsOf = (r: any) => ({
    name: r.name, kind: r.kind, state: r.state, floor: r.floor, address: r.address, description: r.description, sort: r.sort,
    photos: r.photos.map((p: any) => p.id), openingHours: r.openingHours, prices: r.prices, closures: r.closures,
  });

  it('a closure refuses new bookings on its days, shows the bookings it covers, and refunds them in full with the reason', async () => {
    const { room, seats } = await createRoom(cms, { seats: 2 });
    const existing = await book(cms, member, { seat: seats[0].documentId, start: at(3, 9), end: at(3, 11), payWith: 'wallet' });
    expect(existing.status).toBe(201);
    const walletAfterBooking = await balance(cms, member);
    const closure = { starts_on: localDay(3), ends_on: localDay(4), reason: '设备检修' };

    const impact = await cms.api.post(`/booking/rooms/${room.documentId}/closure-impact`).set(manager).send({ closures: [closure] });
    expect(impact.status).toBe(200);
    expect(impact.body.data.map((b: any) => b.id)).toEqual([existing.body.data.id]);

    const current = await staffRoom(room.documentId);
    const saved = await cms.api.put(`/booking/rooms/${room.documentId}`).set(manager).send({ ...settingsOf(current), closures: [closure], cancelAffected: { reason: '设备检修，房间停用' } });
    expect(saved.status).toBe(200);
    expect(saved.body.meta.cancelled).toEqual([existing.body.data.id]);

    const mine = (await cms.api.get(`/api/booking/bookings/${existing.body.data.id}`).set(member.auth)).body.data;
    expect(mine).toMatchObject({ status: 'cancelled', fee_fen: 0, refund_fen: existing.body.data.total_fen, cancelReason: '设备检修，房间停用' });
    expect(await balance(cms, member)).toBe(walletAfterBooking + existing.body.data.total_fen);

    const refused = await book(cms, member, { seat: seats[1].documentId, start: at(4, 15), end: at(4, 16), payWith: 'wallet' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.code).toBe('ROOM_UNAVAILABLE');
    expect(refused.body.error.message).toContain('设备检修');
    const nextDay = await book(cms, member, { seat: seats[1].documentId, start: at(5, 15), end: at(5, 16), payWith: 'wallet' });
    expect(nextDay.status).toBe(201);
  });

  it('saving a closure without cancelling leaves the bookings in place', async () => {
    const { room, seats } = await createRoom(cms, { seats: 1 });
    const existing = await book(cms, member, { seat: seats[0].documentId, start: at(2, 9), end: at(2, 10), payWith: 'wallet' });
    const current = await staffRoom(room.documentId);
    const saved = await cms.api.put(`/booking/rooms/${room.documentId}`).set(manager).send({ ...settingsOf(current), closures: [{ starts_on: localDay(2), ends_on: localDay(2), reason: null }] });
    expect(saved.status).toBe(200);
    expect(saved.body.meta.cancelled).toEqual([]);
    expect((await cms.api.get(`/api/booking/bookings/${existing.body.data.id}`).set(member.auth)).body.data.status).toBe('confirmed');
  });

  it('staff cannot move a booking onto a closed day of another room', async () => {
    const { seats: open } = await createRoom(cms, { seats: 1 });
    const { room: closed, seats: shut } = await createRoom(cms, { seats: 1 });
    const current = await staffRoom(closed.documentId);
    await cms.api.put(`/booking/rooms/${closed.documentId}`).set(manager).send({ ...settingsOf(current), closures: [{ starts_on: localDay(6), ends_on: localDay(6), reason: '盘点' }] });
    const b = await book(cms, member, { seat: open[0].documentId, start: at(6, 9), end: at(6, 10), payWith: 'wallet' });
    expect(b.status).toBe(201);
    const moved = await cms.api.post(`/booking/bookings/${b.body.data.id}/move`).set(manager).send({ seat: shut[0].documentId });
    expect(moved.status).toBe(409);
    expect(moved.body.error.details.code).toBe('ROOM_UNAVAILABLE');
  });

  it('a closure ending before it starts is refused', async () => {
    const { room } = await createRoom(cms, { seats: 1 });
    const res = await cms.api.post(`/booking/rooms/${room.documentId}/closure-impact`).set(manager).send({ closures: [{ starts_on: localDay(3), ends_on: localDay(2) }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('VALIDATION');
  });
});

describe('room setup role matrix', () => {
  it.each([
    ['store-manager', [200, 200, 400, 400]],
    ['front-desk', [200, 200, 403, 403]],
    ['content-editor', [403, 403, 403, 403]],
  ] as const)('%s', async (role, expected) => {
    const { room } = await createRoom(cms, { seats: 1 });
    const auth = (await loginStaff(cms, role)).auth;
    const got = [
      (await cms.api.get('/booking/rooms').set(auth)).status,
      (await cms.api.get(`/booking/rooms/${room.documentId}`).set(auth)).status,
      // Empty bodies: an allowed role gets a validation refusal and nothing changes.
      (await cms.api.put(`/booking/rooms/${room.documentId}`).set(auth).send({})).status,
      (await cms.api.put(`/booking/rooms/${room.documentId}/layout`).set(auth).send({})).status,
    ];
    expect(got).toEqual(expected);
  });
});
