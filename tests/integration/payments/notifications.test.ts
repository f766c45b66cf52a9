import { useCms, loginMember, type Member, productClock, ledger, startRecharge, wallet, runJob } from '../../support';

describe('WeChat Pay payment notifications', () => {
  const cms = useCms({ checkLedgerAtEnd: true });
  /** A paid order whose genuine notification has not been delivered yet. */
  async function paidButUnannounced(m: Member, amount_fen = 5000) {
    const { outTradeNo } = await startRecharge(cms, m, { amount_fen });
    await cms.emulator.pay(outTradeNo, { deliver: false });
    return outTradeNo;
  }

  const orderStatus = async (m: Member, no: string) => {
    // Read without the status query's WeChat round trip: the row as the notification left it.
    const order = await cms.strapi.plugin('payments').service('checkout').findOrder(no);
    return order.status;
  };

  it('a duplicated notification credits once and is acknowledged both times', async () => {
    const m = await loginMember(cms);
    const no = await paidButUnannounced(m);
    expect((await cms.emulator.deliverTransactionNotification(no)).status).toBe(204);
    expect((await cms.emulator.deliverTransactionNotification(no)).status).toBe(204);
    expect((await wallet(cms, m)).balance_fen).toBe(5000);
    expect(await ledger(cms, m)).toHaveLength(1);
  });

  it('notifications arriving out of order credit each order once', async () => {
    const m = await loginMember(cms);
    const first = await paidButUnannounced(m, 1000);
    const second = await paidButUnannounced(m, 2000);
    expect((await cms.emulator.deliverTransactionNotification(second)).status).toBe(204);
    expect((await cms.emulator.deliverTransactionNotification(first)).status).toBe(204);
    expect((await cms.emulator.deliverTransactionNotification(second)).status).toBe(204);
    expect((await wallet(cms, m)).balance_fen).toBe(3000);
    expect((await ledger(cms, m)).map((r) => r.balance_after_fen)).toEqual([3000, 2000]);
  });

  it.each([
    ['a forged signature', { tamper: 'signature' }, 401, 'bad_signature'],
    ['a stale timestamp', { tamper: 'timestamp' }, 401, 'stale_timestamp'],
    ['an unknown certificate serial', { tamper: 'serial' }, 401, 'unknown_serial'],
    ['a SIGNTEST probe', { tamper: 'signtest' }, 401, 'signtest'],
    ['a tampered ciphertext (GCM tag)', { tamper: 'ciphertext' }, 400, 'bad_ciphertext'],
    ['an amount that differs from the order', { amountTotal: 1 }, 400, 'amount_mismatch'],
    ['another app id', { appid: 'wx_someone_else' }, 400, 'merchant_mismatch'],
    ['another merchant id', { mchid: '1999999999' }, 400, 'merchant_mismatch'],
  ])('%s is refused and changes nothing', async (_what, forgery, status, reason) => {
    const m = await loginMember(cms);
    const no = await paidButUnannounced(m);
    const answer = await cms.emulator.deliverTransactionNotification(no, forgery);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body).error.details.reason).toBe(reason);
    expect(await orderStatus(m, no)).toBe('pending');
    expect((await wallet(cms, m)).balance_fen).toBe(0);
    expect(await ledger(cms, m)).toEqual([]);
    // The genuine one still works afterwards.
    expect((await cms.emulator.deliverTransactionNotification(no)).status).toBe(204);
    expect((await wallet(cms, m)).balance_fen).toBe(5000);
  });

  it('a body with escaped unicode verifies over the raw bytes', async () => {
    const m = await loginMember(cms);
    const no = await paidButUnannounced(m, 1234);
    const delivered = await cms.emulator.deliverTransactionNotification(no, { escapedUnicode: true });
    expect(delivered.status).toBe(204);
    expect(cms.emulator.notifications.at(-1).body).toContain('\\u652f'); // 支 as sent
    expect((await wallet(cms, m)).balance_fen).toBe(1234);
  });

  it('a request that is not a WeChat notification at all is a 4xx, never a 500', async () => {
    const empty = await cms.api.post('/api/payments/wechat/notify').send({});
    expect(empty.status).toBe(400);
    const garbage = await cms.api.post('/api/payments/wechat/notify').set('Content-Type', 'application/json').send('{"id":');
    expect(garbage.status).toBe(400);
  });

  it('a payment whose notification was lost (crash before our commit) is recovered by the reconcile job, once', async () => {
    const m = await loginMember(cms);
    const no = await paidButUnannounced(m, 7700);
    // Nothing arrives; two minutes later the job asks WeChat.
    productClock().advance(2 * 60_000);
    try {
      const run = await runJob('payments.reconcile-orders');
      expect(run.ran).toBe(true);
      expect(run.result).toMatchObject({ paid: 1 });
      const again = await runJob('payments.reconcile-orders');
      expect(again.result).toMatchObject({ paid: 0 });
    } finally {
      productClock().reset();
    }
    expect(await orderStatus(m, no)).toBe('paid');
    expect((await wallet(cms, m)).balance_fen).toBe(7700);
    // WeChat's retry of the notification, whenever it comes, is a harmless duplicate.
    expect((await cms.emulator.deliverTransactionNotification(no)).status).toBe(204);
    expect(await ledger(cms, m)).toHaveLength(1);
  });

  it('the reconcile job closes expired unpaid orders at WeChat and here', async () => {
    const m = await loginMember(cms);
    const { outTradeNo } = await startRecharge(cms, m, { amount_fen: 900 });
    productClock().advance(40 * 60_000);
    try {
      const run = await runJob('payments.reconcile-orders');
      expect(run.result.closed).toBeGreaterThanOrEqual(1);
    } finally {
      productClock().reset();
    }
    expect(await orderStatus(m, outTradeNo)).toBe('closed');
    expect(cms.emulator.orders.get(outTradeNo).trade_state).toBe('CLOSED');
  });
});

describe('a CMS without WeChat Pay configuration', () => {
  const cms = useCms({ env: { WECHATPAY_MCHID: '', WECHATPAY_APIV3_KEY: '' } });
  it('answers payment routes with PAYMENTS_NOT_CONFIGURED and keeps the wallet working', async () => {
    const m = await loginMember(cms);
    const recharge = await cms.api.post('/api/payments/recharges').set(m.auth).send({ amount_fen: 1000 });
    expect(recharge.status).toBe(503);
    expect(recharge.body.error.details.code).toBe('PAYMENTS_NOT_CONFIGURED');
    expect(recharge.body.error.message).toMatch(/WeChat Pay is not set up/);
    const notify = await cms.api.post('/api/payments/wechat/notify').send({ id: 'x' });
    expect(notify.status).toBe(503);
    const w = await cms.api.get('/api/payments/wallet').set(m.auth);
    expect(w.status).toBe(200);
    expect(w.body.data).toMatchObject({ balance_fen: 0, tier: null });
  });
});
