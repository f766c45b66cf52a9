import { useCms, loginMember, productClock, createPackage, createTemplate, ledger, rechargeAndPay, startRecharge, svc, wallet } from '../../support';

describe('recharge with WeChat Pay (emulator)', () => {
  const cms = useCms({ checkLedgerAtEnd: true });
  it('lists the active recharge packages to anyone', async () => {
    await createPackage(cms, 10000, 1000);
    await createPackage(cms, 5000, 0, { active: false });
    const res = await cms.api.get('/api/payments/recharge-packages');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([expect.objectContaining({ amount_fen: 10000, bonus_fen: 1000 })]);
  });

  it('a package recharge: order → pay → notification → principal and bonus credited as two ledger rows', async () => {
    const m = await loginMember(cms);
    const pkg = await createPackage(cms, 20000, 3000);
    const { outTradeNo, payment, pay_fen, bonus_fen } = await startRecharge(cms, m, { package: pkg.documentId });
    expect({ pay_fen, bonus_fen }).toEqual({ pay_fen: 20000, bonus_fen: 3000 });
    expect(payment).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=/), paySign: expect.any(String), timeStamp: expect.any(String) });

    // Not credited before WeChat says so (wx.requestPayment success is not payment).
    let status = await cms.api.get(`/api/payments/recharges/${outTradeNo}`).set(m.auth);
    expect(status.body.data).toMatchObject({ status: 'pending', credited_fen: 0 });
    expect((await wallet(cms, m)).balance_fen).toBe(0);

    const delivery = await cms.emulator.pay(outTradeNo);
    expect(delivery.status).toBe(204);

    expect(await wallet(cms, m)).toMatchObject({ balance_fen: 23000, bonus_fen: 3000, withdrawable_fen: 20000 });
    const rows = await ledger(cms, m);
    expect(rows.map((r) => [r.type, r.amount_fen, r.balance_after_fen])).toEqual([
      ['recharge_bonus', 3000, 23000],
      ['recharge', 20000, 20000],
    ]);
    expect(rows.every((r) => r.ref.kind === 'recharge' && r.ref.id === outTradeNo)).toBe(true);
    status = await cms.api.get(`/api/payments/recharges/${outTradeNo}`).set(m.auth);
    expect(status.body.data).toMatchObject({ status: 'paid', credited_fen: 23000 });
  });

  it('a custom amount must lie within the store bounds; bad input is a 400 with the field named', async () => {
    const m = await loginMember(cms);
    const tooSmall = await cms.api.post('/api/payments/recharges').set(m.auth).send({ amount_fen: 1 });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.body.error.details).toMatchObject({ code: 'VALIDATION', min_fen: 100 });
    const float = await cms.api.post('/api/payments/recharges').set(m.auth).send({ amount_fen: 10.5 });
    expect(float.status).toBe(400);
    expect(float.body.error.details.errors[0].path).toEqual(['amount_fen']);
    const both = await cms.api.post('/api/payments/recharges').set(m.auth).send({ amount_fen: 1000, package: 'x' });
    expect(both.status).toBe(400);
    const unknownPackage = await cms.api.post('/api/payments/recharges').set(m.auth).send({ package: 'nope' });
    expect(unknownPackage.status).toBe(400);
    expect(unknownPackage.body.error.details.code).toBe('VALIDATION');
    const anonymous = await cms.api.post('/api/payments/recharges').send({ amount_fen: 1000 });
    expect(anonymous.status).toBe(401);
  });

  it("another member's recharge is not found", async () => {
    const a = await loginMember(cms);
    const b = await loginMember(cms);
    const { outTradeNo } = await startRecharge(cms, a, { amount_fen: 1000 });
    const res = await cms.api.get(`/api/payments/recharges/${outTradeNo}`).set(b.auth);
    expect(res.status).toBe(404);
    expect(res.body.error.details.code).toBe('NOT_FOUND');
  });

  it('a recharge coupon adds bonus (never lowers what is paid) and is used once', async () => {
    const m = await loginMember(cms);
    const tpl = await createTemplate(cms, { kind: 'percent_off', percent_off: 10, max_discount_fen: 500, applies_to: 'recharge', min_spend_fen: 1000 });
    const issued = await svc(cms, 'coupons').issue({ template: tpl.documentId, userId: m.id, source: 'staff' });
    const couponId = issued.coupon.documentId;
    const { outTradeNo, pay_fen, bonus_fen } = await startRecharge(cms, m, { amount_fen: 8000, coupon: couponId });
    expect({ pay_fen, bonus_fen }).toEqual({ pay_fen: 8000, bonus_fen: 500 });
    // Reserved by this order: it cannot back a second one.
    const again = await cms.api.post('/api/payments/recharges').set(m.auth).send({ amount_fen: 8000, coupon: couponId });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ code: 'COUPON_INVALID', reason: 'used' });
    await cms.emulator.pay(outTradeNo);
    expect(await wallet(cms, m)).toMatchObject({ balance_fen: 8500, bonus_fen: 500 });
  });

  it('an unpaid recharge closes when it expires and gives its coupon back', async () => {
    const m = await loginMember(cms);
    const tpl = await createTemplate(cms, { kind: 'amount_off', amount_off_fen: 300, applies_to: 'recharge' });
    const { coupon } = await svc(cms, 'coupons').issue({ template: tpl.documentId, userId: m.id, source: 'staff' });
    const { outTradeNo } = await startRecharge(cms, m, { amount_fen: 5000, coupon: coupon.documentId });
    productClock().advance(31 * 60_000);
    try {
      const run = await cms.strapi.plugin('payments').service('checkout').syncOrder(outTradeNo);
      expect(run).toBe('closed');
    } finally {
      productClock().reset();
    }
    expect(cms.emulator.orders.get(outTradeNo).trade_state).toBe('CLOSED');
    const status = await cms.api.get(`/api/payments/recharges/${outTradeNo}`).set(m.auth);
    expect(status.body.data.status).toBe('closed');
    const usable = await cms.api.get('/api/payments/coupons?usable=true').set(m.auth);
    expect(usable.body.data.map((c: any) => c.id)).toContain(coupon.documentId);
    expect((await wallet(cms, m)).balance_fen).toBe(0);
  });

  it('a member polling a pending recharge gets it credited by a verified query when the notification is lost', async () => {
    const m = await loginMember(cms);
    const { outTradeNo } = await startRecharge(cms, m, { amount_fen: 4200 });
    await cms.emulator.pay(outTradeNo, { deliver: false });
    const res = await cms.api.get(`/api/payments/recharges/${outTradeNo}`).set(m.auth);
    expect(res.body.data).toMatchObject({ status: 'paid', credited_fen: 4200 });
    expect((await wallet(cms, m)).balance_fen).toBe(4200);
    // The late notification changes nothing.
    const late = await cms.emulator.deliverTransactionNotification(outTradeNo);
    expect(late.status).toBe(204);
    expect((await ledger(cms, m)).length).toBe(1);
  });

  it('transactions are paged newest first and filter by type; stats sum by type', async () => {
    const m = await loginMember(cms);
    await rechargeAndPay(cms, m, 1000);
    await rechargeAndPay(cms, m, 2000);
    const page1 = await cms.api.get('/api/payments/transactions?pageSize=1').set(m.auth);
    expect(page1.body.data).toHaveLength(1);
    expect(page1.body.data[0]).toMatchObject({ type: 'recharge', amount_fen: 2000, balance_after_fen: 3000 });
    expect(page1.body.meta.pagination).toEqual({ page: 1, pageSize: 1, pageCount: 2, total: 2 });
    const filtered = await cms.api.get('/api/payments/transactions?type=recharge_bonus').set(m.auth);
    expect(filtered.body.data).toEqual([]);
    const bad = await cms.api.get('/api/payments/transactions?pageSize=500').set(m.auth);
    expect(bad.status).toBe(400);
    const stats = await cms.api.get('/api/payments/transactions/stats').set(m.auth);
    expect(stats.status).toBe(200);
    expect(stats.body.data.byType).toEqual([{ type: 'recharge', total_fen: 3000, count: 2 }]);
    expect(stats.body.data.in_fen).toBe(3000);
  });
});
