import { useCms, createRoom, loginMember, type Member, balance, book, fund, iso, range } from '../../support';

describe('booking with memberships, coupons and WeChat refunds', () => {
  const cms = useCms();
  let seats: any[];
  let room: any;
  beforeAll(async () => {
    ({ room, seats } = await createRoom(cms, { seats: 4 }));
  });

  async function giveCoupon(member: Member, data: Record<string, unknown>) {
    const template = await cms.strapi.documents('api::coupon-template.coupon-template').create({
      data: { name: `T ${Math.random()}`, kind: 'amount_off', amount_off_fen: 500, min_spend_fen: 1000, applies_to: 'booking', valid_days_after_issue: 10, per_member_limit: 5, active: true, ...data },
    });
    await cms.strapi.plugin('payments').service('coupons').issue({ template: template.documentId, userId: member.id, source: 'staff' });
    const mine = await cms.api.get('/api/payments/coupons?usable=true').set(member.auth);
    return mine.body.data.find((c: any) => c.name === template.name);
  }

  it('a member tier discount shows in the quote and is exactly what is charged', async () => {
    const tier = await cms.strapi.documents('api::membership-tier.membership-tier').create({
      data: { name: 'Gold', code: 'gold-test', level: 2, discount_percent: 10, booking_horizon_days: 14, free_cancel_hours: 1, price_month_fen: 1000 },
    });
    const m = await loginMember(cms);
    await fund(cms, m.id, 10_000);
    const bought = await cms.api.post('/api/payments/memberships/purchase').set(m.auth).send({ tier: tier.code, plan: 'month', payWith: 'wallet' });
    expect([200, 201]).toContain(bought.status);
    const { start, end } = range(4, 2);
    const body = { seat: seats[1].documentId, start: iso(start), end: iso(end) }; // window seat, 1000/h
    const quote = await cms.api.post('/api/booking/quotes').set(m.auth).send(body);
    expect(quote.body.data).toMatchObject({ base_fen: 2000, member_discount_fen: 200, coupon_discount_fen: 0, total_fen: 1800 });
    const res = await book(cms, m, { ...body, payWith: 'wallet' });
    expect(res.body.data).toMatchObject({ status: 'confirmed', base_fen: 2000, member_discount_fen: 200, total_fen: 1800 });
    expect(await balance(cms, m)).toBe(10_000 - 1000 - 1800);
  });

  it('a coupon is applied once, refused when used again (COUPON_INVALID used), and released on cancellation', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 10_000);
    const coupon = await giveCoupon(m, {});
    expect(coupon).toBeDefined();
    const first = range(6, 2); // standard seat 800/h: 1600 - 500
    const res = await book(cms, m, { seat: seats[0].documentId, start: iso(first.start), end: iso(first.end), coupon: coupon.id, payWith: 'wallet' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ base_fen: 1600, coupon_discount_fen: 500, total_fen: 1100, coupon: coupon.id });

    const second = range(9, 2);
    const again = await book(cms, m, { seat: seats[0].documentId, start: iso(second.start), end: iso(second.end), coupon: coupon.id, payWith: 'wallet' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ code: 'COUPON_INVALID', reason: 'used' });
    expect(await balance(cms, m)).toBe(10_000 - 1100);

    const cancel = await cms.api.post(`/api/booking/bookings/${res.body.data.id}/cancel`).set(m.auth).send({});
    expect(cancel.body.data).toMatchObject({ status: 'cancelled', refund_fen: 1100 });
    const usable = await cms.api.get('/api/payments/coupons?usable=true').set(m.auth);
    expect(usable.body.data.map((c: any) => c.id)).toContain(coupon.id);
  });

  it('a coupon for another room or another member is COUPON_INVALID and nothing is charged', async () => {
    const m = await loginMember(cms);
    const stranger = await loginMember(cms);
    await fund(cms, m.id, 10_000);
    await fund(cms, stranger.id, 10_000);
    const { room: other } = await createRoom(cms, { seats: 1 });
    const elsewhere = await giveCoupon(m, { rooms: [other.documentId] });
    const { start, end } = range(12, 2);
    const wrongRoom = await book(cms, m, { seat: seats[2].documentId, start: iso(start), end: iso(end), coupon: elsewhere.id, payWith: 'wallet' });
    expect(wrongRoom.status).toBe(409);
    expect(wrongRoom.body.error.details).toMatchObject({ code: 'COUPON_INVALID', reason: 'wrong_room' });
    const notMine = await book(cms, stranger, { seat: seats[2].documentId, start: iso(start), end: iso(end), coupon: elsewhere.id, payWith: 'wallet' });
    expect(notMine.body.error.details.code).toBe('COUPON_INVALID');
    expect(await balance(cms, m)).toBe(10_000);
    expect(await balance(cms, stranger)).toBe(10_000);
    void room;
  });

  it('cancelling a WeChat-paid booking refunds through WeChat (full amount when free, settled by notification)', async () => {
    const m = await loginMember(cms);
    const { start, end } = range(20, 1);
    const res = await book(cms, m, { seat: seats[3].documentId, start: iso(start), end: iso(end), payWith: 'wechat' });
    expect(res.status).toBe(201);
    const row = await cms.strapi.db.query('plugin::booking.booking').findOne({ where: { documentId: res.body.data.id } });
    await cms.emulator.pay(row.out_trade_no);
    expect((await cms.api.get(`/api/booking/bookings/${res.body.data.id}`).set(m.auth)).body.data.status).toBe('confirmed');

    const cancel = await cms.api.post(`/api/booking/bookings/${res.body.data.id}/cancel`).set(m.auth).send({});
    expect(cancel.status).toBe(200);
    expect(cancel.body.data).toMatchObject({ status: 'cancelled', refund_fen: row.total_fen, fee_fen: 0 });
    const refunds = [...cms.emulator.refunds.values()].filter((r: any) => r.out_trade_no === row.out_trade_no);
    expect(refunds).toHaveLength(1);
    expect(refunds[0].amount.refund).toBe(row.total_fen);
  });
});
