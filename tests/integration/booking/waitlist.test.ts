/**
 * The waiting list, as members live it: join a full seat-range and see your place in line; a release
 * offers the seat (a hold) to the first in line, pushed live; an offer that lapses goes to the next;
 * paying the offer confirms the booking; leaving gives up place and offer.
 */
import { startCms, type TestCms } from '../../support/cms';
import { createRoom } from '../../support/fixtures';
import { loginMember, banMember, type Member } from '../../support/members';
import { book, iso, orphanClaims, overlappingBookings, productClock, range, runJob, setParameters } from '../../support/booking';
import { fund } from '../../support/money';
import { openLive } from '../../support/live';

describe('waiting list', () => {
  let cms: TestCms;
  beforeAll(async () => {
    cms = await startCms();
    await setParameters(cms, { open_booking_limit: 20, daily_quota_hours: 24, waitlist_offer_minutes: 10, waitlist_max_entries: 3 });
  });
  afterEach(() => productClock().reset());
  afterAll(async () => cms?.close());

  const join = (m: Member, body: Record<string, unknown>) => cms.api.post('/api/booking/waitlist').set(m.auth).send(body);
  const mine = async (m: Member) => {
    const res = await cms.api.get('/api/booking/waitlist').set(m.auth);
    expect(res.status).toBe(200);
    return res.body.data as any[];
  };
  const funded = async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 100_000);
    return m;
  };
  const seatTaken = async (room: any, seatId: string, at: Date, viewer: Member) => {
    const date = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const res = await cms.api.get(`/api/booking/rooms/${room.documentId}/availability?date=${date}`).set(viewer.auth);
    return res.body.data.seats.find((s: any) => s.id === seatId).taken;
  };

  it('join → position; a cancellation offers the seat to the first in line (live); it lapses to the second; paying confirms', async () => {
    const { room, seats } = await createRoom(cms, { seats: 2 });
    const { start, end } = range(5, 2);
    const body = { start: iso(start), end: iso(end) };
    const holder = await funded();
    const other = await funded();
    const held = await book(cms, holder, { seat: seats[0].documentId, ...body, payWith: 'wallet' });
    expect(held.status).toBe(201);
    expect((await book(cms, other, { seat: seats[1].documentId, ...body, payWith: 'wallet' })).status).toBe(201);

    const first = await loginMember(cms);
    const second = await loginMember(cms);
    const third = await loginMember(cms);
    const a = await join(first, { room: room.documentId, ...body });
    expect(a.status).toBe(201);
    expect(a.body.data).toMatchObject({ status: 'waiting', position: 1, seat: null, offer: null, room: { id: room.documentId } });
    const b = await join(second, { room: room.documentId, seat: seats[0].documentId, ...body });
    expect(b.body.data).toMatchObject({ status: 'waiting', position: 2, seat: { id: seats[0].documentId, label: 'A1' } });
    const c = await join(third, { room: room.documentId, seat: seats[1].documentId, ...body });
    expect(c.body.data.position).toBe(2); // behind `first` (any seat), not behind `second` (another seat)

    const live = await openLive(cms.url);
    live.send({ type: 'auth', token: first.jwt });
    await live.next((m) => m.type === 'ready');
    live.send({ type: 'ping' }); // the mini program's heartbeat
    await live.next((m) => m.type === 'pong');

    // The first in line said yes to the waiting-list reminder (wx.requestSubscribeMessage).
    const templates = (await cms.api.get('/api/me/subscriptions').set(first.auth)).body.data;
    const offerTemplate = templates.find((t: any) => t.kind === 'waitlist_offer').templateId;
    expect((await cms.api.post('/api/me/subscriptions').set(first.auth).send({ accepted: [offerTemplate] })).status).toBe(200);

    const cancelled = await cms.api.post(`/api/booking/bookings/${held.body.data.id}/cancel`).set(holder.auth).send({});
    expect(cancelled.status).toBe(200);

    const [offered] = await mine(first);
    expect(offered).toMatchObject({ status: 'offered', position: null, offer: { booking: expect.any(String), seat: { id: seats[0].documentId }, expiresAt: expect.any(String) } });
    expect(new Date(offered.offer.expiresAt).getTime() - productClock().nowMs()).toBeGreaterThan(9 * 60_000);
    const push = await live.next((m) => m.type === 'waitlist_offer');
    expect(push).toMatchObject({ entry: a.body.data.id, booking: offered.offer.booking, seat: seats[0].documentId, seatLabel: 'A1' });
    // …and by subscribe message, sent once by the reminders job.
    await runJob('booking.send-reminders');
    await runJob('booking.send-reminders');
    expect(cms.emulator.subscribeMessages.filter((m: any) => m.touser === first.openid)).toEqual([expect.objectContaining({ template_id: offerTemplate })]);
    live.close();
    expect(await seatTaken(room, seats[0].documentId, start, second)).toEqual([expect.objectContaining({ state: 'held', mine: false })]);
    expect((await mine(second))[0]).toMatchObject({ status: 'waiting', position: 1 });
    expect((await mine(third))[0]).toMatchObject({ status: 'waiting', position: 1 });
    // The offer is a hold: nobody else can book the seat meanwhile.
    expect((await book(cms, other, { seat: seats[0].documentId, ...body, payWith: 'wallet' })).body.error.details.code).toBe('SEAT_TAKEN');

    // The first member lets it lapse: the job expires the hold and the seat goes to the second in line.
    productClock().advance(11 * 60_000);
    expect((await runJob('booking.release-expired-holds')).result).toBe(1);
    expect(await mine(first)).toEqual([]);
    const lapsed = await cms.api.get(`/api/booking/bookings/${offered.offer.booking}`).set(first.auth);
    expect(lapsed.body.data.status).toBe('expired');
    const [secondOffer] = await mine(second);
    expect(secondOffer).toMatchObject({ status: 'offered', offer: { seat: { id: seats[0].documentId } } });

    // The second pays with the ordinary payment route: the booking is confirmed, the entry leaves the line.
    const pay = await cms.api.post(`/api/booking/bookings/${secondOffer.offer.booking}/payment`).set(second.auth);
    expect(pay.status).toBe(200);
    expect(pay.body.data.payment).toMatchObject({ package: expect.stringMatching(/^prepay_id=/) });
    const again = await cms.api.post(`/api/booking/bookings/${secondOffer.offer.booking}/payment`).set(second.auth);
    expect(again.body.data.payment).toEqual(pay.body.data.payment);
    const row = await cms.strapi.db.query('plugin::booking.booking').findOne({ where: { documentId: secondOffer.offer.booking } });
    expect([200, 204]).toContain((await cms.emulator.pay(row.out_trade_no)).status);
    const confirmed = await cms.api.get(`/api/booking/bookings/${secondOffer.offer.booking}`).set(second.auth);
    expect(confirmed.body.data.status).toBe('confirmed');
    expect(confirmed.body.data.history.map((h: any) => h.to)).toEqual(['pending_payment', 'confirmed']);
    expect(await mine(second)).toEqual([]);
    expect(await seatTaken(room, seats[0].documentId, start, second)).toEqual([expect.objectContaining({ state: 'booked', mine: true })]);
    expect((await mine(third))[0]).toMatchObject({ status: 'waiting', position: 1, offer: null });
    expect(await overlappingBookings(cms)).toEqual([]);
    expect(await orphanClaims(cms)).toBe(0);
  });

  it('a no-show release and a staff cancellation offer the freed seat time too', async () => {
    const { room, seats } = await createRoom(cms, { seats: 1 });
    const { start, end } = range(3, 2);
    const holder = await funded();
    expect((await book(cms, holder, { seat: seats[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' })).status).toBe(201);
    const waiter = await loginMember(cms);
    const secondHour = { start: iso(new Date(start.getTime() + 3600_000)), end: iso(end) };
    expect((await join(waiter, { room: room.documentId, ...secondHour })).body.data.position).toBe(1);
    // Past start + grace without check-in: the no-show job releases the seat; the second hour is offered.
    productClock().set(new Date(start.getTime() + 20 * 60_000));
    expect((await runJob('booking.mark-no-shows')).result).toBe(1);
    expect((await mine(waiter))[0]).toMatchObject({ status: 'offered', offer: { seat: { id: seats[0].documentId } } });
    productClock().reset();

    const later = range(8, 1);
    const booker = await funded();
    const b = await book(cms, booker, { seat: seats[0].documentId, start: iso(later.start), end: iso(later.end), payWith: 'wallet' });
    const w2 = await loginMember(cms);
    expect((await join(w2, { room: room.documentId, start: iso(later.start), end: iso(later.end) })).body.data.position).toBe(1);
    await cms.strapi.plugin('booking').service('cancellation').cancel({ documentId: b.body.data.id, userId: null, actor: { type: 'staff', id: 1 }, reason: 'seat broken' });
    expect((await mine(w2))[0]).toMatchObject({ status: 'offered' });
    expect(await overlappingBookings(cms)).toEqual([]);
  });

  it('leave; bad input answers with stable codes; someone else\'s entry is not found', async () => {
    const { room, seats } = await createRoom(cms, { seats: 2 });
    const { room: otherRoom, seats: otherSeats } = await createRoom(cms, { seats: 1 });
    const { start, end } = range(6, 1);
    const body = { room: room.documentId, start: iso(start), end: iso(end) };
    const m = await funded();
    const code = async (res: any) => [res.status, res.body.error?.details?.code];

    expect(await code(await join(m, { ...body, start: iso(new Date(start.getTime() + 7 * 60_000)) }))).toEqual([400, 'SLOT_MISALIGNED']);
    expect(await code(await join(m, { ...body, start: 'tomorrow' }))).toEqual([400, 'VALIDATION']);
    expect(await code(await join(m, { ...body, end: iso(start) }))).toEqual([400, 'VALIDATION']);
    expect(await code(await join(m, { ...body, extra: 1 }))).toEqual([400, 'VALIDATION']);
    expect(await code(await join(m, { ...body, room: 'nope' }))).toEqual([404, 'NOT_FOUND']);
    expect(await code(await join(m, { ...body, seat: otherSeats[0].documentId }))).toEqual([404, 'NOT_FOUND']);
    expect(await code(await join(m, { ...body, start: iso(new Date(start.getTime() + 60 * 86400_000)), end: iso(new Date(end.getTime() + 60 * 86400_000)) }))).toEqual([400, 'BEYOND_HORIZON']);
    expect(await code(await join(m, { ...body, end: iso(new Date(start.getTime() + 20 * 3600_000)) }))).toEqual([400, 'TOO_LONG']);
    expect([401, 403]).toContain((await cms.api.post('/api/booking/waitlist').send(body)).status);

    const first = await join(m, body);
    expect(first.status).toBe(201);
    expect(await code(await join(m, body))).toEqual([409, 'WAITLIST_DUPLICATE']);
    expect((await book(cms, m, { seat: otherSeats[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' })).status).toBe(201);
    expect(await code(await join(m, { ...body, seat: seats[1].documentId }))).toEqual([409, 'WAITLIST_ALREADY_BOOKED']);
    const later = range(10, 1);
    expect((await join(m, { room: otherRoom.documentId, start: iso(later.start), end: iso(later.end) })).status).toBe(201);
    const latest = range(12, 1);
    expect((await join(m, { room: otherRoom.documentId, start: iso(latest.start), end: iso(latest.end) })).status).toBe(201);
    const fourth = range(14, 1);
    expect(await code(await join(m, { room: room.documentId, start: iso(fourth.start), end: iso(fourth.end) }))).toEqual([409, 'QUOTA_EXCEEDED']);

    const stranger = await loginMember(cms);
    expect(await code(await cms.api.delete(`/api/booking/waitlist/${first.body.data.id}`).set(stranger.auth))).toEqual([404, 'NOT_FOUND']);
    const left = await cms.api.delete(`/api/booking/waitlist/${first.body.data.id}`).set(m.auth);
    expect(left.status).toBe(200);
    expect(left.body.data).toEqual({ id: first.body.data.id, status: 'left' });
    expect(await code(await cms.api.delete(`/api/booking/waitlist/${first.body.data.id}`).set(m.auth))).toEqual([409, 'INVALID_STATE']);
    expect((await mine(m)).map((e) => e.id)).not.toContain(first.body.data.id);

    const banned = await loginMember(cms);
    await banMember(cms, banned.id, new Date(Date.now() + 86400_000), 'no-shows');
    expect(await code(await join(banned, body))).toEqual([403, 'BANNED']);
  });

  it('an entry whose time has begun is no longer in my list', async () => {
    const { room, seats } = await createRoom(cms, { seats: 1 });
    const holder = await funded();
    const m = await loginMember(cms);
    const soon = range(2, 1);
    expect((await book(cms, holder, { seat: seats[0].documentId, start: iso(soon.start), end: iso(soon.end), payWith: 'wallet' })).status).toBe(201);
    expect((await join(m, { room: room.documentId, start: iso(soon.start), end: iso(soon.end) })).status).toBe(201);
    expect(await mine(m)).toHaveLength(1);
    productClock().set(new Date(soon.start.getTime() + 60_000));
    expect(await mine(m)).toEqual([]);
  });

  it('leaving with an open offer gives the seat to the next in line', async () => {
    const { room, seats } = await createRoom(cms, { seats: 1 });
    const { start, end } = range(7, 1);
    const holder = await funded();
    const held = await book(cms, holder, { seat: seats[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
    const first = await loginMember(cms);
    const second = await loginMember(cms);
    const entry = await join(first, { room: room.documentId, start: iso(start), end: iso(end) });
    await join(second, { room: room.documentId, start: iso(start), end: iso(end) });
    await cms.api.post(`/api/booking/bookings/${held.body.data.id}/cancel`).set(holder.auth).send({});
    const [offer] = await mine(first);
    expect(offer.status).toBe('offered');
    expect((await cms.api.delete(`/api/booking/waitlist/${entry.body.data.id}`).set(first.auth)).status).toBe(200);
    const gone = await cms.api.get(`/api/booking/bookings/${offer.offer.booking}`).set(first.auth);
    expect(gone.body.data.status).toBe('cancelled');
    expect((await mine(second))[0]).toMatchObject({ status: 'offered', offer: { seat: { id: seats[0].documentId } } });
    expect(await overlappingBookings(cms)).toEqual([]);
  });

  it('a member who has reached the open-booking limit since joining is passed over; the next in line gets the seat', async () => {
    const { room, seats } = await createRoom(cms, { seats: 2 });
    const { start, end } = range(9, 2);
    const holder = await funded();
    const held = await book(cms, holder, { seat: seats[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
    expect(held.status).toBe(201);
    const busy = await funded();
    const second = await loginMember(cms);
    expect((await join(busy, { room: room.documentId, seat: seats[0].documentId, start: iso(start), end: iso(end) })).status).toBe(201);
    expect((await join(second, { room: room.documentId, seat: seats[0].documentId, start: iso(start), end: iso(end) })).status).toBe(201);
    // Meanwhile `busy` books another seat, which is as many open bookings as the store now allows.
    await setParameters(cms, { open_booking_limit: 1 });
    try {
      const later = range(12, 1);
      expect((await book(cms, busy, { seat: seats[1].documentId, start: iso(later.start), end: iso(later.end), payWith: 'wallet' })).status).toBe(201);
      expect((await cms.api.post(`/api/booking/bookings/${held.body.data.id}/cancel`).set(holder.auth).send({})).status).toBe(200);
      // An offer would be a second open booking for `busy`: it goes to `second`, and `busy` keeps waiting.
      expect((await mine(busy))[0]).toMatchObject({ status: 'waiting', offer: null });
      expect((await mine(second))[0]).toMatchObject({ status: 'offered', offer: { seat: { id: seats[0].documentId } } });
      expect(await overlappingBookings(cms)).toEqual([]);
    } finally {
      await setParameters(cms, { open_booking_limit: 20 });
    }
  });
});
