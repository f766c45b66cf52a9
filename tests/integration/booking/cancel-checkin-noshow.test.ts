import { useCms, createRoom, loginMember, loginStaff, balance, book, fund, iso, orphanClaims, productClock, range, runJob, setParameters, slotFromNow } from '../../support';

describe('cancellation, check-in, check-out, no-shows and staff operations', () => {
  const cms = useCms({ resetClockAfterEach: true });
  let seats: any[];
  beforeAll(async () => {
    ({ seats } = await createRoom(cms, { seats: 8 }));
    await setParameters(cms, { cancel_free_hours: 2, cancel_fee_percent: 20, open_booking_limit: 20, daily_quota_hours: 24 });
  });

  async function walletBooking(seatIdx: number, startHours: number, lengthHours = 1) {
    const m = await loginMember(cms);
    await fund(cms, m.id, 10_000);
    const { start, end } = range(startHours, lengthHours);
    const res = await book(cms, m, { seat: seats[seatIdx].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
    expect(res.status).toBe(201);
    return { m, booking: res.body.data, start, end };
  }

  describe('cancellation policy', () => {
    it('free until N hours before the start: full refund to the wallet, seat free again', async () => {
      const { m, booking } = await walletBooking(0, 5, 2); // 1600 fen
      const res = await cms.api.post(`/api/booking/bookings/${booking.id}/cancel`).set(m.auth).send({ reason: 'plans changed' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ status: 'cancelled', refund_fen: 1600, fee_fen: 0, cancelReason: 'plans changed' });
      expect(await balance(cms, m)).toBe(10_000);
      expect(await orphanClaims(cms)).toBe(0);
    });

    it('inside the paid window a fee % is kept', async () => {
      const { m, booking } = await walletBooking(1, 1, 2); // a window seat (1000 fen/h) starting within 2 h
      const res = await cms.api.post(`/api/booking/bookings/${booking.id}/cancel`).set(m.auth).send({});
      expect(res.body.data).toMatchObject({ status: 'cancelled', fee_fen: 400, refund_fen: 1600 });
      expect(await balance(cms, m)).toBe(10_000 - 400);
    });

    it('after the start a member cannot cancel: CANCEL_NOT_ALLOWED; twice: INVALID_STATE', async () => {
      const { m, booking } = await walletBooking(2, 1, 1);
      productClock().advance(2 * 3600_000);
      const late = await cms.api.post(`/api/booking/bookings/${booking.id}/cancel`).set(m.auth).send({});
      expect(late.status).toBe(409);
      expect(late.body.error.details.code).toBe('CANCEL_NOT_ALLOWED');
      productClock().reset();
      const { m: m2, booking: b2 } = await walletBooking(2, 8, 1);
      expect((await cms.api.post(`/api/booking/bookings/${b2.id}/cancel`).set(m2.auth).send({})).status).toBe(200);
      const again = await cms.api.post(`/api/booking/bookings/${b2.id}/cancel`).set(m2.auth).send({});
      expect(again.status).toBe(409);
      expect(again.body.error.details.code).toBe('INVALID_STATE');
    });

    it('batch cancel reports each booking on its own', async () => {
      const { m, booking } = await walletBooking(3, 9, 1);
      const res = await cms.api.post('/api/booking/bookings/cancel').set(m.auth).send({ bookings: [booking.id, 'not-mine'] });
      expect(res.status).toBe(200);
      expect(res.body.meta).toEqual({ cancelled: 1, failed: 1 });
      expect(res.body.data[1]).toMatchObject({ id: 'not-mine', ok: false, error: { code: 'NOT_FOUND' } });
    });
  });

  describe('check-in and check-out', () => {
    it('QR token: the member checks in inside the window; expired, forged and other members\' tokens are refused', async () => {
      const { m, booking, start } = await walletBooking(4, 3, 2);
      const qr = await cms.api.get(`/api/booking/bookings/${booking.id}/qr`).set(m.auth);
      expect(qr.status).toBe(200);
      expect(qr.body.data.token).toEqual(expect.any(String));

      const other = await loginMember(cms);
      const stolen = await cms.api.post('/api/booking/checkin').set(other.auth).send({ token: qr.body.data.token });
      expect(stolen.status).toBe(403);
      expect(stolen.body.error.details.code).toBe('FORBIDDEN');

      const forged = qr.body.data.token.slice(0, -3) + (qr.body.data.token.endsWith('AAA') ? 'BBB' : 'AAA');
      const bad = await cms.api.post('/api/booking/checkin').set(m.auth).send({ token: forged });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details).toMatchObject({ code: 'VALIDATION', reason: 'forged' });

      // Too early: the window opens 15 minutes before the start.
      const early = await cms.api.post('/api/booking/checkin').set(m.auth).send({ token: qr.body.data.token });
      expect(early.status).toBe(409);
      expect(early.body.error.details.code).toBe('CHECKIN_WINDOW');

      productClock().set(new Date(start.getTime() - 5 * 60_000));
      const stale = await cms.api.post('/api/booking/checkin').set(m.auth).send({ token: qr.body.data.token });
      expect(stale.status).toBe(400);
      expect(stale.body.error.details.reason).toBe('expired');

      const fresh = await cms.api.get(`/api/booking/bookings/${booking.id}/qr`).set(m.auth);
      const ok = await cms.api.post('/api/booking/checkin').set(m.auth).send({ token: fresh.body.data.token });
      expect(ok.status).toBe(200);
      expect(ok.body.data.status).toBe('checked_in');
    });

    it('seat code: a member scans the code on the seat inside the window; early check-out frees the rest', async () => {
      const { m, booking, start, end } = await walletBooking(5, 3, 2);
      productClock().set(new Date(start.getTime() - 30 * 60_000));
      const early = await cms.api.post('/api/booking/checkin').set(m.auth).send({ seatCode: seats[5].code });
      expect(early.status).toBe(409);
      expect(early.body.error.details.code).toBe('CHECKIN_WINDOW');
      productClock().set(new Date(start.getTime() + 5 * 60_000));
      const res = await cms.api.post('/api/booking/checkin').set(m.auth).send({ seatCode: seats[5].code });
      expect(res.status).toBe(200);
      expect(res.body.data.status).toBe('checked_in');

      productClock().set(new Date(start.getTime() + 50 * 60_000));
      const out = await cms.api.post('/api/booking/checkout').set(m.auth).send({ booking: booking.id });
      expect(out.status).toBe(200);
      expect(out.body.data.status).toBe('completed');
      // Released from the next 15-minute unit (start + 60 min); no refund by default.
      expect(new Date(out.body.data.releasedFrom).getTime()).toBe(start.getTime() + 60 * 60_000);
      expect(out.body.data.refund_fen).toBe(0);
      const other = await loginMember(cms);
      await fund(cms, other.id, 5000);
      const rest = await book(cms, other, { seat: seats[5].documentId, start: iso(new Date(start.getTime() + 60 * 60_000)), end: iso(end), payWith: 'wallet' });
      expect(rest.status).toBe(201);
      const unknown = await cms.api.post('/api/booking/checkin').set(m.auth).send({ seatCode: 'NO-SUCH-SEAT' });
      expect(unknown.status).toBe(404);
    });
  });

  describe('no-shows, violations and bans', () => {
    it('no check-in by start + grace: no_show, seat released, violation; the third one bans; a banned member is refused', async () => {
      const m = await loginMember(cms);
      await fund(cms, m.id, 50_000);
      const made = [];
      for (let i = 0; i < 3; i += 1) {
        const { start, end } = range(2 + i * 2, 1);
        const res = await book(cms, m, { seat: seats[6].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
        expect(res.status).toBe(201);
        made.push({ id: res.body.data.id, start });
      }
      productClock().set(new Date(made[0].start.getTime() + 16 * 60_000));
      expect((await runJob('booking.mark-no-shows')).result).toBeGreaterThanOrEqual(1);
      const first = await cms.api.get(`/api/booking/bookings/${made[0].id}`).set(m.auth);
      expect(first.body.data.status).toBe('no_show');
      expect((await cms.api.get('/api/users/me').set(m.auth)).body.ban).toBeNull();

      const second = await cms.api.get(`/api/booking/bookings/${made[1].id}`).set(m.auth);
      expect(second.body.data.status).toBe('confirmed');
      productClock().set(new Date(made[2].start.getTime() + 16 * 60_000));
      expect((await runJob('booking.mark-no-shows')).result).toBeGreaterThanOrEqual(2);
      // Running again changes nothing (idempotent).
      expect((await runJob('booking.mark-no-shows')).result).toBe(0);
      const me = await cms.api.get('/api/users/me').set(m.auth);
      expect(me.body.ban).toMatchObject({ reason: expect.stringMatching(/3 no-shows/), appeal: null });
      expect(await orphanClaims(cms)).toBe(0);

      const { start, end } = range(30, 1, );
      const refused = await book(cms, m, { seat: seats[7].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.details.code).toBe('BANNED');
      const appeal = await cms.api.post('/api/me/appeals').set(m.auth).send({ text: 'I was ill, here is a note.' });
      expect(appeal.status).toBe(201);
    });
  });

  describe('staff operations', () => {
    it('front desk lists bookings, moves one to another seat (same guarantee), checks a member in by hand; the manager cancels without fee', async () => {
      const desk = await loginStaff(cms, 'front-desk');
      const { m, booking, start } = await walletBooking(0, 1, 1);
      const list = await cms.api.get('/booking/bookings?status=confirmed').set(desk.auth);
      expect(list.status).toBe(200);
      expect(list.body.data.map((b: any) => b.id)).toContain(booking.id);

      // Occupy seat 7 at that time, then try to move there: SEAT_TAKEN, nothing changes.
      const blocker = await loginMember(cms);
      await fund(cms, blocker.id, 5000);
      expect((await book(cms, blocker, { seat: seats[7].documentId, start: iso(start), end: iso(new Date(start.getTime() + 3600_000)), payWith: 'wallet' })).status).toBe(201);
      const taken = await cms.api.post(`/booking/bookings/${booking.id}/move`).set(desk.auth).send({ seat: seats[7].documentId });
      expect(taken.status).toBe(409);
      expect(taken.body.error.details.code).toBe('SEAT_TAKEN');

      const moved = await cms.api.post(`/booking/bookings/${booking.id}/move`).set(desk.auth).send({ seat: seats[1].documentId, reason: 'window seat requested' });
      expect(moved.status).toBe(200);
      expect(moved.body.data.seat.id).toBe(seats[1].documentId);

      productClock().set(new Date(start.getTime() - 5 * 60_000));
      const checked = await cms.api.post(`/booking/bookings/${booking.id}/checkin`).set(desk.auth).send({});
      expect(checked.status).toBe(200);
      expect(checked.body.data.status).toBe('checked_in');
      productClock().reset();

      const { m: m2, booking: late } = await walletBooking(2, 1, 1);
      // Waiving the fee gives money away: front desk is refused, the store manager may.
      const refused = await cms.api.post(`/booking/bookings/${late.id}/cancel`).set(desk.auth).send({ waiveFee: true, reason: 'store closed early' });
      expect(refused.status).toBe(403);
      const manager = await loginStaff(cms, 'store-manager');
      const cancelled = await cms.api.post(`/booking/bookings/${late.id}/cancel`).set(manager.auth).send({ waiveFee: true, reason: 'store closed early' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.data).toMatchObject({ status: 'cancelled', fee_fen: 0, refund_fen: 1200 }); // a power seat hour, fee waived
      expect(await balance(cms, m2)).toBe(10_000);
      void m;
    });

    it('a content editor cannot touch bookings', async () => {
      const editor = await loginStaff(cms, 'content-editor');
      const res = await cms.api.get('/booking/bookings').set(editor.auth);
      expect(res.status).toBe(403);
    });

    it('completed: a checked-in booking whose end passed is completed by the job', async () => {
      const { m, booking, start, end } = await walletBooking(3, 2, 1);
      productClock().set(new Date(start.getTime()));
      await cms.api.post('/api/booking/checkin').set(m.auth).send({ seatCode: seats[3].code });
      productClock().set(new Date(end.getTime() + 60_000));
      expect((await runJob('booking.complete-finished-bookings')).result).toBeGreaterThanOrEqual(1);
      const after = await cms.api.get(`/api/booking/bookings/${booking.id}`).set(m.auth);
      expect(after.body.data.status).toBe('completed');
      void slotFromNow;
    });
  });
});
