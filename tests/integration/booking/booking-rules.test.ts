import { useCms, createRoom, ALL_WEEK_OPEN, loginMember, banMember, balance, book, fund, iso, range, setParameters, slotFromNow } from '../../support';

describe('booking a seat: rules, price and wallet payment', () => {
  const cms = useCms();
  let seats: any[];
  let room: any;
  beforeAll(async () => {
    ({ room, seats } = await createRoom(cms, { seats: 6 }));
  });

  it('a wallet booking is confirmed at once, charges the quoted price and writes one ledger row', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 10_000);
    const { start, end } = range(3, 2);
    const quote = await cms.api.post('/api/booking/quotes').set(m.auth).send({ seat: seats[0].documentId, start: iso(start), end: iso(end) });
    expect(quote.status).toBe(200);
    // A standard seat at 800 fen/h for 2 h.
    expect(quote.body.data).toMatchObject({ base_fen: 1600, member_discount_fen: 0, coupon_discount_fen: 0, total_fen: 1600 });

    const res = await book(cms, m, { seat: seats[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'confirmed', payWith: 'wallet', total_fen: 1600, seat: { id: seats[0].documentId, label: 'A1' }, room: { id: room.documentId } });
    expect(res.body.data.start).toMatch(/\+08:00$/);
    expect(await balance(cms, m)).toBe(8400);

    const ledger = await cms.api.get('/api/payments/transactions?type=booking_payment').set(m.auth);
    expect(ledger.body.data).toHaveLength(1);
    expect(ledger.body.data[0]).toMatchObject({ amount_fen: -1600, balance_after_fen: 8400 });

    const detail = await cms.api.get(`/api/booking/bookings/${res.body.data.id}`).set(m.auth);
    expect(detail.body.data.history).toEqual([expect.objectContaining({ from: null, to: 'confirmed', actor: 'member' })]);
  });

  it('a second member booking an overlapping range of the same seat gets SEAT_TAKEN and pays nothing', async () => {
    const a = await loginMember(cms);
    const b = await loginMember(cms);
    await fund(cms, a.id, 10_000);
    await fund(cms, b.id, 10_000);
    const first = range(6, 2);
    expect((await book(cms, a, { seat: seats[1].documentId, start: iso(first.start), end: iso(first.end), payWith: 'wallet' })).status).toBe(201);
    const overlap = { start: new Date(first.start.getTime() + 3600_000), end: new Date(first.end.getTime() + 3600_000) };
    const res = await book(cms, b, { seat: seats[1].documentId, start: iso(overlap.start), end: iso(overlap.end), payWith: 'wallet' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.code).toBe('SEAT_TAKEN');
    expect(res.body.error.message).toMatch(/A2/);
    expect(await balance(cms, b)).toBe(10_000);
    // Back to back is fine.
    const after = await book(cms, b, { seat: seats[1].documentId, start: iso(first.end), end: iso(new Date(first.end.getTime() + 3600_000)), payWith: 'wallet' });
    expect(after.status).toBe(201);
  });

  it('a retried request with the same Idempotency-Key returns the same booking and charges once', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 5_000);
    const { start, end } = range(10, 1);
    const body = { seat: seats[2].documentId, start: iso(start), end: iso(end), payWith: 'wallet' };
    const [r1, r2, r3] = await Promise.all([book(cms, m, body, 'retry-key-0001'), book(cms, m, body, 'retry-key-0001'), book(cms, m, body, 'retry-key-0001')]);
    const ids = new Set([r1, r2, r3].map((r) => r.body.data?.id));
    expect(ids.size).toBe(1);
    expect([r1, r2, r3].map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const later = await book(cms, m, body, 'retry-key-0001');
    expect(later.status).toBe(200);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.body.data.id).toBe(r1.body.data.id);
    expect(await balance(cms, m)).toBe(5_000 - 1200); // one power-seat hour, charged once
  });

  it('not enough balance is 402 INSUFFICIENT_BALANCE and the seat stays free', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 500);
    const { start, end } = range(12, 1);
    const res = await book(cms, m, { seat: seats[3].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
    expect(res.status).toBe(402);
    expect(res.body.error.details.code).toBe('INSUFFICIENT_BALANCE');
    const other = await loginMember(cms);
    await fund(cms, other.id, 5000);
    expect((await book(cms, other, { seat: seats[3].documentId, start: iso(start), end: iso(end), payWith: 'wallet' })).status).toBe(201);
  });

  describe('each rule refuses with its own code', () => {
    let m: any;
    beforeAll(async () => {
      m = await loginMember(cms);
      await fund(cms, m.id, 100_000);
    });
    const attempt = (body: Record<string, unknown>) => book(cms, m, { seat: seats[4].documentId, payWith: 'wallet', ...body });

    it('off the slot grid: SLOT_MISALIGNED', async () => {
      const start = new Date(slotFromNow(5).getTime() + 10 * 60_000);
      const res = await attempt({ start: iso(start), end: iso(new Date(start.getTime() + 3600_000)) });
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe('SLOT_MISALIGNED');
    });

    it('longer than the maximum: TOO_LONG', async () => {
      await setParameters(cms, { max_booking_minutes: 120 });
      const { start, end } = range(5, 3);
      const res = await attempt({ start: iso(start), end: iso(end) });
      await setParameters(cms, { max_booking_minutes: 720 });
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe('TOO_LONG');
    });

    it('beyond the booking horizon: BEYOND_HORIZON', async () => {
      const { start, end } = range(24 * 9, 1);
      const res = await attempt({ start: iso(start), end: iso(end) });
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe('BEYOND_HORIZON');
    });

    it('in the past: VALIDATION', async () => {
      const { start, end } = range(-5, 1);
      const res = await attempt({ start: iso(start), end: iso(end) });
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe('VALIDATION');
    });

    it('outside opening hours: OUTSIDE_OPENING_HOURS', async () => {
      const { seats: dayOnly } = await createRoom(cms, { seats: 1, hours: ALL_WEEK_OPEN.map((h) => ({ ...h, opens: '09:00', closes: '10:00' })) });
      const { start, end } = range(30, 4);
      const res = await book(cms, m, { seat: dayOnly[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe('OUTSIDE_OPENING_HOURS');
    });

    it('room in maintenance or seat disabled: ROOM_UNAVAILABLE', async () => {
      const { seats: closed } = await createRoom(cms, { seats: 1, status: 'maintenance' });
      const { start, end } = range(5, 1);
      const res = await book(cms, m, { seat: closed[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
      expect(res.status).toBe(409);
      expect(res.body.error.details.code).toBe('ROOM_UNAVAILABLE');
      await cms.strapi.documents('api::seat.seat').update({ documentId: seats[5].documentId, data: { enabled: false } });
      const disabled = await book(cms, m, { seat: seats[5].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
      expect(disabled.body.error.details.code).toBe('ROOM_UNAVAILABLE');
    });

    it('over the daily hour quota or the open-booking limit: QUOTA_EXCEEDED', async () => {
      await setParameters(cms, { daily_quota_hours: 2 });
      const day = slotFromNow(48);
      const d0 = new Date(Math.floor(day.getTime() / 86400_000) * 86400_000 + 2 * 3600_000); // 10:00 Shanghai
      const ok = await attempt({ start: iso(d0), end: iso(new Date(d0.getTime() + 2 * 3600_000)) });
      expect(ok.status).toBe(201);
      const over = await book(cms, m, { seat: seats[0].documentId, payWith: 'wallet', start: iso(new Date(d0.getTime() + 3 * 3600_000)), end: iso(new Date(d0.getTime() + 4 * 3600_000)) });
      expect(over.status).toBe(409);
      expect(over.body.error.details.code).toBe('QUOTA_EXCEEDED');
      await setParameters(cms, { daily_quota_hours: 12, open_booking_limit: 1 });
      const limited = await book(cms, m, { seat: seats[0].documentId, payWith: 'wallet', start: iso(new Date(d0.getTime() + 26 * 3600_000)), end: iso(new Date(d0.getTime() + 27 * 3600_000)) });
      await setParameters(cms, { open_booking_limit: 5 });
      expect(limited.status).toBe(409);
      expect(limited.body.error.details.code).toBe('QUOTA_EXCEEDED');
    });

    it('malformed input: VALIDATION naming the field; unknown seat: NOT_FOUND', async () => {
      const bad = await attempt({ start: 'tomorrow', end: iso(slotFromNow(6)) });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0].field).toBe('start');
      const pay = await book(cms, m, { seat: seats[0].documentId, start: iso(slotFromNow(5)), end: iso(slotFromNow(6)), payWith: 'cash' });
      expect(pay.body.error.details.errors[0].field).toBe('payWith');
      const missing = await book(cms, m, { seat: 'nope', start: iso(slotFromNow(5)), end: iso(slotFromNow(6)), payWith: 'wallet' });
      expect(missing.status).toBe(404);
      expect(missing.body.error.details.code).toBe('NOT_FOUND');
    });

    it('a banned member is refused with BANNED (until, reason)', async () => {
      const banned = await loginMember(cms);
      await fund(cms, banned.id, 5000);
      const until = new Date(Date.now() + 86400_000);
      await banMember(cms, banned.id, until, 'three no-shows');
      const { start, end } = range(5, 1);
      const res = await book(cms, banned, { seat: seats[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
      expect(res.status).toBe(403);
      expect(res.body.error.details).toMatchObject({ code: 'BANNED', until: until.toISOString(), reason: 'three no-shows' });
    });
  });

  it('members only see their own bookings', async () => {
    const a = await loginMember(cms);
    const b = await loginMember(cms);
    await fund(cms, a.id, 5000);
    const { start, end } = range(20, 1);
    const mine = await book(cms, a, { seat: seats[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
    expect(mine.status).toBe(201);
    expect((await cms.api.get(`/api/booking/bookings/${mine.body.data.id}`).set(b.auth)).status).toBe(404);
    expect((await cms.api.post(`/api/booking/bookings/${mine.body.data.id}/cancel`).set(b.auth).send({})).status).toBe(404);
    const list = await cms.api.get('/api/booking/bookings').set(b.auth);
    expect(list.body.data).toEqual([]);
    expect(list.body.meta.pagination).toMatchObject({ page: 1, total: 0 });
    const aList = await cms.api.get('/api/booking/bookings?status=confirmed').set(a.auth);
    expect(aList.body.data.map((x: any) => x.id)).toEqual([mine.body.data.id]);
    expect((await cms.api.get('/api/booking/bookings')).status).toBe(401);
  });
});
