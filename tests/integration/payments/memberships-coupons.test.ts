import { useCms, loginMember, loginStaff, createRoom, productClock, createTemplate, createTier, fund, ledger, rechargeAndPay, svc, wallet, runJob } from '../../support';

describe('memberships', () => {
  const cms = useCms({ checkLedgerAtEnd: true });
  beforeAll(async () => {
    await createTier(cms, { code: 'silver', name: 'Silver', level: 1, discount_percent: 5, booking_horizon_days: 10, price_month_fen: 3000, price_quarter_fen: 8000, earn_by_recharge_fen: 50000 });
    await createTier(cms, { code: 'gold', name: 'Gold', level: 2, discount_percent: 10, booking_horizon_days: 14, free_cancel_hours: 1, daily_quota_hours: 10, price_month_fen: 6000 });
  });
  it('lists tiers with benefits and prices to anyone', async () => {
    const res = await cms.api.get('/api/payments/memberships/tiers');
    expect(res.status).toBe(200);
    expect(res.body.data.map((t: any) => [t.code, t.prices.month_fen, t.benefits.discount_percent])).toEqual([
      ['silver', 3000, 5],
      ['gold', 6000, 10],
    ]);
  });

  it('buying a monthly card from the wallet debits it and shows the tier on the wallet and /users/me', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 10000);
    const res = await cms.api.post('/api/payments/memberships/purchase').set(m.auth).send({ tier: 'gold', plan: 'month', payWith: 'wallet' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ tier: 'gold', status: 'active', price_fen: 6000 });
    const w = await wallet(cms, m);
    expect(w).toMatchObject({ balance_fen: 4000, tier: { code: 'gold' }, benefits: { discount_percent: 10, booking_horizon_days: 14 } });
    expect(w.tierExpiresAt).toBe(res.body.data.expiresAt);
    expect((await ledger(cms, m, '?type=membership_purchase'))[0]).toMatchObject({ amount_fen: -6000, ref: { kind: 'membership' } });
    const me = await cms.api.get('/api/users/me').set(m.auth);
    expect(me.body.tier).toMatchObject({ code: 'gold', expiresAt: res.body.data.expiresAt });
    // Another tier while gold runs is refused rather than wasting paid days.
    const other = await cms.api.post('/api/payments/memberships/purchase').set(m.auth).send({ tier: 'silver', plan: 'month', payWith: 'wallet' });
    expect(other.status).toBe(409);
    expect(other.body.error.details.code).toBe('INVALID_STATE');
  });

  it('without enough money the purchase is INSUFFICIENT_BALANCE and no card is created', async () => {
    const m = await loginMember(cms);
    const res = await cms.api.post('/api/payments/memberships/purchase').set(m.auth).send({ tier: 'silver', plan: 'quarter', payWith: 'wallet' });
    expect(res.status).toBe(402);
    expect(res.body.error.details.code).toBe('INSUFFICIENT_BALANCE');
    expect((await wallet(cms, m)).tier).toBeNull();
    const bad = await cms.api.post('/api/payments/memberships/purchase').set(m.auth).send({ tier: 'silver', plan: 'year', payWith: 'wallet' });
    expect(bad.status).toBe(400);
    const unknown = await cms.api.post('/api/payments/memberships/purchase').set(m.auth).send({ tier: 'platinum', plan: 'month', payWith: 'wallet' });
    expect(unknown.status).toBe(404);
  });

  it('a card bought with WeChat Pay starts when the payment is confirmed', async () => {
    const m = await loginMember(cms);
    const res = await cms.api.post('/api/payments/memberships/purchase').set(m.auth).send({ tier: 'silver', plan: 'month', payWith: 'wechat' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'pending', payment: { signType: 'RSA' } });
    expect((await wallet(cms, m)).tier).toBeNull();
    expect((await cms.emulator.pay(res.body.data.outTradeNo)).status).toBe(204);
    const w = await wallet(cms, m);
    expect(w).toMatchObject({ balance_fen: 0, tier: { code: 'silver', source: 'purchased' } });
  });

  it('a tier is earned by cumulative recharge', async () => {
    const m = await loginMember(cms);
    await rechargeAndPay(cms, m, 30000);
    expect((await wallet(cms, m)).tier).toBeNull();
    await rechargeAndPay(cms, m, 20000);
    expect((await wallet(cms, m)).tier).toMatchObject({ code: 'silver', source: 'earned' });
    expect((await wallet(cms, m)).tierExpiresAt).toBeNull();
  });

  it('cards expire: benefits end at expiry and the job marks them expired', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 3000);
    await cms.api.post('/api/payments/memberships/purchase').set(m.auth).send({ tier: 'silver', plan: 'month', payWith: 'wallet' });
    const benefitsNow = await svc(cms, 'pricing').benefits(m.id, new Date());
    expect(benefitsNow).toMatchObject({ tierCode: 'silver', discountPercent: 5 });
    productClock().advance(32 * 24 * 3600_000);
    try {
      expect((await wallet(cms, m)).tier).toBeNull();
      const run = await runJob('payments.expire-memberships');
      expect(run.result.expired).toBeGreaterThanOrEqual(1);
      const params = await cms.strapi.service('api::parameter.parameter').current();
      expect(await svc(cms, 'pricing').benefits(m.id, productClock().now())).toMatchObject({
        tierCode: null,
        discountPercent: 0,
        bookingHorizonDays: params.booking_horizon_days,
        freeCancelHours: params.cancel_free_hours,
      });
    } finally {
      productClock().reset();
    }
  });
});

describe('coupons', () => {
  const cms = useCms({ checkLedgerAtEnd: true });
  it('concurrent redemption of one coupon succeeds once', async () => {
    const m = await loginMember(cms);
    const tpl = await createTemplate(cms, { kind: 'amount_off', amount_off_fen: 500 });
    const { coupon } = await svc(cms, 'coupons').issue({ template: tpl.documentId, userId: m.id, source: 'staff' });
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        cms.strapi.db
          .transaction(() => svc(cms, 'coupons').redeem({ couponId: coupon.documentId, userId: m.id, ref: { kind: 'booking', id: `b${i}` }, now: new Date() }))
          .then(() => 'redeemed', (e: any) => e.details?.reason ?? e.message),
      ),
    );
    expect(outcomes.filter((o) => o === 'redeemed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'used')).toHaveLength(29);
  });

  it('concurrent recharges with one coupon over HTTP: one order gets it, the others are refused', async () => {
    const m = await loginMember(cms);
    const tpl = await createTemplate(cms, { kind: 'amount_off', amount_off_fen: 200, applies_to: 'recharge' });
    const { coupon } = await svc(cms, 'coupons').issue({ template: tpl.documentId, userId: m.id, source: 'staff' });
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => cms.api.post('/api/payments/recharges').set(m.auth).send({ amount_fen: 1000, coupon: coupon.documentId }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
  });

  it('release gives a coupon back only to the use that took it, and only per the cancellation policy', async () => {
    const m = await loginMember(cms);
    const tpl = await createTemplate(cms, {});
    const { coupon } = await svc(cms, 'coupons').issue({ template: tpl.documentId, userId: m.id, source: 'staff' });
    await svc(cms, 'coupons').redeem({ couponId: coupon.documentId, userId: m.id, ref: { kind: 'booking', id: 'a' } });
    expect(await svc(cms, 'coupons').release({ couponId: coupon.documentId, ref: { kind: 'booking', id: 'b' } })).toMatchObject({ released: false });
    expect(await svc(cms, 'coupons').release({ couponId: coupon.documentId, ref: { kind: 'booking', id: 'a' }, reason: 'cancelled' })).toEqual({ released: true });
    const params = await cms.strapi.db.query('api::parameter.parameter').findOne({});
    await cms.strapi.db.query('api::parameter.parameter').update({ where: { id: params.id }, data: { release_coupon_on_cancel: false } });
    await svc(cms, 'coupons').redeem({ couponId: coupon.documentId, userId: m.id, ref: { kind: 'booking', id: 'c' } });
    expect(await svc(cms, 'coupons').release({ couponId: coupon.documentId, ref: { kind: 'booking', id: 'c' }, reason: 'cancelled' })).toMatchObject({ released: false, reason: 'policy' });
    await cms.strapi.db.query('api::parameter.parameter').update({ where: { id: params.id }, data: { release_coupon_on_cancel: true } });
  });

  it('quoteBooking applies the member discount, then the coupon; refuses a coupon for another room', async () => {
    const m = await loginMember(cms);
    const { room } = await createRoom(cms, { seats: 1 });
    const { room: otherRoom } = await createRoom(cms, { seats: 1 });
    const tpl = await createTemplate(cms, { kind: 'percent_off', percent_off: 20, max_discount_fen: 300, applies_to: 'booking', min_spend_fen: 1000, rooms: [room.documentId] });
    const { coupon } = await svc(cms, 'coupons').issue({ template: tpl.documentId, userId: m.id, source: 'staff' });
    const quote = await svc(cms, 'pricing').quoteBooking({ userId: m.id, baseFen: 2400, pricePerHourFen: 800, minutes: 180, roomId: room.documentId, couponId: coupon.documentId, now: new Date() });
    expect(quote).toEqual({ base_fen: 2400, member_discount_fen: 0, coupon_discount_fen: 300, total_fen: 2100, coupon: { id: coupon.id, documentId: coupon.documentId } });
    await expect(
      svc(cms, 'pricing').quoteBooking({ userId: m.id, baseFen: 2400, pricePerHourFen: 800, minutes: 180, roomId: otherRoom.documentId, couponId: coupon.documentId, now: new Date() }),
    ).rejects.toMatchObject({ code: 'COUPON_INVALID', details: { reason: 'wrong_room' } });
    const stranger = await loginMember(cms);
    await expect(
      svc(cms, 'pricing').quoteBooking({ userId: stranger.id, baseFen: 2400, pricePerHourFen: 800, minutes: 180, roomId: room.documentId, couponId: coupon.documentId, now: new Date() }),
    ).rejects.toMatchObject({ code: 'COUPON_INVALID', details: { reason: 'not_owned' } });
  });

  it('GET /coupons?usable=true&amount_fen=&room= lists only what fits that order, with the discount', async () => {
    const m = await loginMember(cms);
    const { room } = await createRoom(cms, { seats: 1 });
    const fits = await createTemplate(cms, { name: 'fits', kind: 'amount_off', amount_off_fen: 300, min_spend_fen: 1000, applies_to: 'booking' });
    const tooBig = await createTemplate(cms, { name: 'min 5000', kind: 'amount_off', amount_off_fen: 1000, min_spend_fen: 5000, applies_to: 'booking' });
    for (const t of [fits, tooBig]) await svc(cms, 'coupons').issue({ template: t.documentId, userId: m.id, source: 'staff' });
    const res = await cms.api.get(`/api/payments/coupons?usable=true&amount_fen=2000&room=${room.documentId}&purpose=booking`).set(m.auth);
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: any) => [c.name, c.discount_fen])).toEqual([['fits', 300]]);
    const all = await cms.api.get('/api/payments/coupons').set(m.auth);
    expect(all.body.meta.pagination.total).toBe(2);
    const bad = await cms.api.get('/api/payments/coupons?amount_fen=abc').set(m.auth);
    expect(bad.status).toBe(400);
  });

  it('the per-member limit holds under concurrent issue', async () => {
    const m = await loginMember(cms);
    const tpl = await createTemplate(cms, { per_member_limit: 2 });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => svc(cms, 'coupons').issue({ template: tpl.documentId, userId: m.id, source: 'staff' })));
    expect(outcomes.filter((o: any) => o.issued)).toHaveLength(2);
    const count = await cms.strapi.db.query('plugin::payments.coupon').count({ where: { user_id: m.id, template_id: tpl.id } });
    expect(count).toBe(2);
  });

  it('staff issue to a member and to a tag (batch); limits are reported, not exceeded', async () => {
    const manager = await loginStaff(cms, 'store-manager');
    const a = await loginMember(cms);
    const b = await loginMember(cms);
    const tag = await cms.strapi.documents('api::tag.tag').create({ data: { name: `vip-${Date.now()}` } });
    for (const m of [a, b]) await cms.strapi.documents('api::member-tag.member-tag').create({ data: { user: m.id, tag: tag.documentId } });
    const tpl = await createTemplate(cms, { name: 'VIP gift' });
    const batch = await cms.api.post('/payments/coupons/issue').set(manager.auth).send({ template: tpl.documentId, tag: tag.documentId });
    expect(batch.status).toBe(201);
    expect(batch.body.data).toMatchObject({ members: 2, issued: 2, skipped_limit: 0 });
    const again = await cms.api.post('/payments/coupons/issue').set(manager.auth).send({ template: tpl.documentId, members: [a.id] });
    expect(again.body.data).toMatchObject({ issued: 0, skipped_limit: 1 });
    const stats = await cms.api.get(`/payments/coupon-templates/${tpl.documentId}/stats`).set(manager.auth);
    expect(stats.body.data).toMatchObject({ issued: 2, unused: 2 });
    const bad = await cms.api.post('/payments/coupons/issue').set(manager.auth).send({ template: tpl.documentId });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.code).toBe('VALIDATION');
  });

  it('sign-up coupons are issued on a member\'s first login, once', async () => {
    await createTemplate(cms, { name: 'Welcome', issue_on_signup: true });
    const m = await loginMember(cms);
    const again = await loginMember(cms, m.openid);
    expect(again.id).toBe(m.id);
    const res = await cms.api.get('/api/payments/coupons').set(m.auth);
    expect(res.body.data.filter((c: any) => c.name === 'Welcome')).toHaveLength(1);
    expect(res.body.data.find((c: any) => c.name === 'Welcome').source).toBe('signup');
  });

  it('a recharge above a template\'s threshold earns its coupon once, even if the notification repeats', async () => {
    await createTemplate(cms, { name: 'Big spender', issue_on_recharge_min_fen: 5000 });
    const m = await loginMember(cms);
    await rechargeAndPay(cms, m, 4000);
    const no = await rechargeAndPay(cms, m, 6000);
    await cms.emulator.deliverTransactionNotification(no);
    const res = await cms.api.get('/api/payments/coupons').set(m.auth);
    expect(res.body.data.filter((c: any) => c.name === 'Big spender')).toHaveLength(1);
  });

  it('unused coupons expire by the job', async () => {
    const m = await loginMember(cms);
    const tpl = await createTemplate(cms, { valid_days_after_issue: 1 });
    const { coupon } = await svc(cms, 'coupons').issue({ template: tpl.documentId, userId: m.id, source: 'staff' });
    productClock().advance(2 * 24 * 3600_000);
    try {
      const run = await runJob('payments.expire-coupons');
      expect(run.result.expired).toBeGreaterThanOrEqual(1);
      await expect(svc(cms, 'coupons').redeem({ couponId: coupon.documentId, userId: m.id, ref: { kind: 'booking', id: 'late' } })).rejects.toMatchObject({
        details: { reason: 'expired' },
      });
    } finally {
      productClock().reset();
    }
    expect((await svc(cms, 'coupons').find(coupon.documentId)).status).toBe('expired');
  });
});
