import { useCms, createRoom, loginMember, book, fund, iso, orphanClaims, productClock, range, runJob } from '../../support';

describe('holds paid with WeChat Pay', () => {
  const cms = useCms({ resetClockAfterEach: true });
  let seats: any[];
  let room: any;
  beforeAll(async () => {
    ({ room, seats } = await createRoom(cms, { seats: 4 }));
  });

  const seatState = async (seatDocId: string, at: Date) => {
    const date = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const m = await loginMember(cms);
    const res = await cms.api.get(`/api/booking/rooms/${room.documentId}/availability?date=${date}`).set(m.auth);
    return res.body.data.seats.find((s: any) => s.id === seatDocId).taken;
  };

  it('a WeChat booking is held (pending_payment) with wx.requestPayment parameters, and the verified notification confirms it', async () => {
    const m = await loginMember(cms);
    const { start, end } = range(4, 1);
    const res = await book(cms, m, { seat: seats[0].documentId, start: iso(start), end: iso(end), payWith: 'wechat' });
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('pending_payment');
    expect(res.body.data.holdExpiresAt).toEqual(expect.any(String));
    expect(res.body.data.payment).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) });
    expect(await seatState(seats[0].documentId, start)).toEqual([expect.objectContaining({ state: 'held' })]);

    const booking = await cms.strapi.db.query('plugin::booking.booking').findOne({ where: { documentId: res.body.data.id } });
    const delivery = await cms.emulator.pay(booking.out_trade_no);
    expect([200, 204]).toContain(delivery.status);
    const after = await cms.api.get(`/api/booking/bookings/${res.body.data.id}`).set(m.auth);
    expect(after.body.data.status).toBe('confirmed');
    expect(after.body.data.history.map((h: any) => h.to)).toEqual(['pending_payment', 'confirmed']);
    expect(await seatState(seats[0].documentId, start)).toEqual([expect.objectContaining({ state: 'booked' })]);
  });

  it('an unpaid hold expires by the job and the seat is free again', async () => {
    const m = await loginMember(cms);
    const other = await loginMember(cms);
    await fund(cms, other.id, 5000);
    const { start, end } = range(6, 1);
    const hold = await book(cms, m, { seat: seats[1].documentId, start: iso(start), end: iso(end), payWith: 'wechat' });
    expect(hold.status).toBe(201);
    const blocked = await book(cms, other, { seat: seats[1].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
    expect(blocked.body.error.details.code).toBe('SEAT_TAKEN');

    productClock().advance(16 * 60_000); // hold_minutes is 15
    const again = await cms.api.post(`/api/booking/bookings/${hold.body.data.id}/payment`).set(m.auth);
    expect(again.status).toBe(410);
    expect(again.body.error.details.code).toBe('HOLD_EXPIRED');

    const run = await runJob('booking.release-expired-holds');
    expect(run).toMatchObject({ ran: true, result: 1 });
    expect((await runJob('booking.release-expired-holds')).result).toBe(0);
    const expired = await cms.api.get(`/api/booking/bookings/${hold.body.data.id}`).set(m.auth);
    expect(expired.body.data.status).toBe('expired');
    expect(await orphanClaims(cms)).toBe(0);
    const retaken = await book(cms, other, { seat: seats[1].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
    expect(retaken.status).toBe(201);
  });

  it('a payment arriving after the hold expired and the seat was retaken is refunded automatically', async () => {
    const m = await loginMember(cms);
    const other = await loginMember(cms);
    await fund(cms, other.id, 5000);
    const { start, end } = range(8, 1);
    const hold = await book(cms, m, { seat: seats[2].documentId, start: iso(start), end: iso(end), payWith: 'wechat' });
    const row = await cms.strapi.db.query('plugin::booking.booking').findOne({ where: { documentId: hold.body.data.id } });
    productClock().advance(16 * 60_000);
    await runJob('booking.release-expired-holds');
    expect((await book(cms, other, { seat: seats[2].documentId, start: iso(start), end: iso(end), payWith: 'wallet' })).status).toBe(201);

    // The member paid at the last second; WeChat reports it now (our close came too late at WeChat).
    cms.emulator.orders.get(row.out_trade_no).trade_state = 'NOTPAY';
    await cms.emulator.pay(row.out_trade_no);
    await new Promise((r) => setTimeout(r, 300));
    const after = await cms.api.get(`/api/booking/bookings/${hold.body.data.id}`).set(m.auth);
    expect(after.body.data.status).toBe('expired');
    expect(after.body.data.refund_fen).toBe(row.total_fen);
    const refunds = [...cms.emulator.refunds.values()].filter((r: any) => r.out_trade_no === row.out_trade_no);
    expect(refunds).toHaveLength(1);
    expect(refunds[0].amount.refund).toBe(row.total_fen);
  });

  it('a late payment while the seat is still free confirms the booking', async () => {
    const m = await loginMember(cms);
    const { start, end } = range(10, 1);
    const hold = await book(cms, m, { seat: seats[3].documentId, start: iso(start), end: iso(end), payWith: 'wechat' });
    const row = await cms.strapi.db.query('plugin::booking.booking').findOne({ where: { documentId: hold.body.data.id } });
    productClock().advance(16 * 60_000);
    await runJob('booking.release-expired-holds');
    cms.emulator.orders.get(row.out_trade_no).trade_state = 'NOTPAY';
    await cms.emulator.pay(row.out_trade_no);
    const after = await cms.api.get(`/api/booking/bookings/${hold.body.data.id}`).set(m.auth);
    expect(after.body.data.status).toBe('confirmed');
    expect(after.body.data.refund_fen).toBe(0);
  });

  it('WeChat failing to create the order releases the hold at once (502 PAYMENT_PROVIDER)', async () => {
    const m = await loginMember(cms);
    const { start, end } = range(12, 1);
    cms.emulator.inject({ pathPrefix: '/v3/pay/transactions/jsapi', status: 500, times: 3 });
    const res = await book(cms, m, { seat: seats[0].documentId, start: iso(start), end: iso(end), payWith: 'wechat' });
    cms.emulator.clearFaults();
    expect(res.status).toBe(502);
    expect(res.body.error.details.code).toBe('PAYMENT_PROVIDER');
    expect(await orphanClaims(cms)).toBe(0);
    const list = await cms.api.get('/api/booking/bookings').set(m.auth);
    expect(list.body.data[0].status).toBe('cancelled');
  });
});
