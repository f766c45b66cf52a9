import { useCms, type TestCms, loginMember, type Member, loginStaff, createPackage, eventually, ledger, rechargeAndPay, startRecharge, svc, wallet, runJob } from '../../support';

describe('refund requests: withdrawals and disputes, reviewed by staff', () => {
  const cms = useCms({ checkLedgerAtEnd: true });
  let manager: { auth: Record<string, string> };
  beforeAll(async () => {
    manager = await loginStaff(cms, 'store-manager');
  });
  async function fileWithdrawal(m: Member, amount_fen: number) {
    const res = await cms.api.post('/api/payments/refund-requests').set(m.auth).send({ kind: 'withdraw', amount_fen, reason: 'moving away' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ kind: 'withdraw', amount_fen, status: 'pending' });
    return res.body.data.id as string;
  }

  const approve = (id: string, body: Record<string, unknown> = {}) =>
    cms.api.post(`/payments/refund-requests/${id}/approve`).set(manager.auth).send(body);

  const requestOf = async (id: string) => (await cms.api.get(`/payments/refund-requests/${id}`).set(manager.auth)).body.data;

  it('a withdrawal spread over two recharge orders settles on the refund notifications', async () => {
    const m = await loginMember(cms);
    const older = await rechargeAndPay(cms, m, 3000);
    const newer = await rechargeAndPay(cms, m, 5000);
    const id = await fileWithdrawal(m, 6000);

    const approved = await approve(id, { note: 'ok' });
    expect(approved.status).toBe(200);
    expect(approved.body.data.status).toBe('refunding');
    // Newest order first, never above an order's total.
    expect(approved.body.data.refunds.map((r: any) => [r.outTradeNo, r.amount_fen, r.status])).toEqual([
      [newer, 5000, 'processing'],
      [older, 1000, 'processing'],
    ]);
    // Reserved from the wallet at approval.
    expect(await wallet(cms, m)).toMatchObject({ balance_fen: 2000 });

    for (const r of approved.body.data.refunds) {
      const delivery = await cms.emulator.settleRefund(r.outRefundNo, 'SUCCESS');
      expect(delivery.status).toBe(204);
    }
    const done = await requestOf(id);
    expect(done).toMatchObject({ status: 'completed', refunded_fen: 6000, returned_fen: 0 });
    expect(done.refunds.every((r: any) => r.status === 'success')).toBe(true);
    expect((await ledger(cms, m)).map((r) => [r.type, r.amount_fen])).toEqual([
      ['refund_withdrawal', -6000],
      ['recharge', 5000],
      ['recharge', 3000],
    ]);
    // A duplicated settlement notification changes nothing.
    const again = await cms.emulator.deliverRefundNotification(done.refunds[0].outRefundNo);
    expect(again.status).toBe(204);
    expect(await wallet(cms, m)).toMatchObject({ balance_fen: 2000 });
  });

  it('an emulator 500 on the refund call leaves the money in the wallet', async () => {
    const m = await loginMember(cms);
    await rechargeAndPay(cms, m, 4000);
    const id = await fileWithdrawal(m, 4000);
    cms.emulator.inject({ pathPrefix: '/v3/refund/domestic/refunds', method: 'POST', status: 500, times: 1 });
    const res = await approve(id);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'failed', returned_fen: 4000, refunded_fen: 0 });
    expect(await wallet(cms, m)).toMatchObject({ balance_fen: 4000, withdrawable_fen: 4000 });
    expect((await ledger(cms, m)).map((r) => [r.type, r.amount_fen, r.balance_after_fen])).toEqual([
      ['refund_reversal', 4000, 4000],
      ['refund_withdrawal', -4000, 0],
      ['recharge', 4000, 4000],
    ]);
    // The order's refundable amount is whole again: a new request can take it all.
    const retry = await fileWithdrawal(m, 4000);
    const second = await approve(retry);
    expect(second.body.data.refunds).toEqual([expect.objectContaining({ amount_fen: 4000, status: 'processing' })]);
  });

  it('a refund WeChat closes gives the money back; a late ABNORMAL after it changes nothing', async () => {
    const m = await loginMember(cms);
    await rechargeAndPay(cms, m, 2500);
    const id = await fileWithdrawal(m, 2500);
    const { body } = await approve(id);
    const no = body.data.refunds[0].outRefundNo;
    await cms.emulator.settleRefund(no, 'CLOSED');
    expect(await requestOf(id)).toMatchObject({ status: 'failed', returned_fen: 2500 });
    expect((await wallet(cms, m)).balance_fen).toBe(2500);
    const late = await cms.emulator.deliverRefundNotification(no, { eventType: 'REFUND.ABNORMAL' });
    expect(late.status).toBe(204);
    expect((await wallet(cms, m)).balance_fen).toBe(2500);
  });

  it('a forged refund notification is refused and settles nothing', async () => {
    const m = await loginMember(cms);
    await rechargeAndPay(cms, m, 1500);
    const id = await fileWithdrawal(m, 1500);
    const { body } = await approve(id);
    const no = body.data.refunds[0].outRefundNo;
    await cms.emulator.settleRefund(no, 'SUCCESS', { deliver: false });
    const forged = await cms.emulator.deliverRefundNotification(no, { tamper: 'signature' });
    expect(forged.status).toBe(401);
    expect((await requestOf(id)).status).toBe('refunding');
    // The refund-sync job asks WeChat when no (genuine) notification came.
    const run = await runJob('payments.refund-sync');
    expect(run.result.checked).toBeGreaterThanOrEqual(1);
    expect(await requestOf(id)).toMatchObject({ status: 'completed', refunded_fen: 1500 });
  });

  it('bonus money cannot be withdrawn; a second open withdrawal is refused', async () => {
    const m = await loginMember(cms);
    const pkg = await createPackage(cms, 10000, 2000);
    const { outTradeNo } = await startRecharge(cms, m, { package: pkg.documentId });
    await cms.emulator.pay(outTradeNo);
    const tooMuch = await cms.api.post('/api/payments/refund-requests').set(m.auth).send({ kind: 'withdraw', amount_fen: 10001, reason: 'all of it' });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details).toMatchObject({ code: 'VALIDATION', withdrawable_fen: 10000 });
    await fileWithdrawal(m, 10000);
    const second = await cms.api.post('/api/payments/refund-requests').set(m.auth).send({ kind: 'withdraw', amount_fen: 1, reason: 'more' });
    expect(second.status).toBe(409);
    expect(second.body.error.details.code).toBe('INVALID_STATE');
    const mine = await cms.api.get('/api/payments/refund-requests').set(m.auth);
    expect(mine.body.data).toHaveLength(1);
    expect(mine.body.meta.pagination.total).toBe(1);
  });

  it('staff reject with a reason; the wallet is untouched and the decision is final', async () => {
    const m = await loginMember(cms);
    await rechargeAndPay(cms, m, 1000);
    const id = await fileWithdrawal(m, 1000);
    const noReason = await cms.api.post(`/payments/refund-requests/${id}/reject`).set(manager.auth).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.code).toBe('VALIDATION');
    const rejected = await cms.api.post(`/payments/refund-requests/${id}/reject`).set(manager.auth).send({ reason: 'recharged for a promotion' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.data).toMatchObject({ status: 'rejected', decision_note: 'recharged for a promotion' });
    const late = await approve(id);
    expect(late.status).toBe(409);
    expect(late.body.error.details.code).toBe('INVALID_STATE');
    expect((await wallet(cms, m)).balance_fen).toBe(1000);
  });

  it('a disputed wallet-paid booking is returned to the wallet on approval', async () => {
    const m = await loginMember(cms);
    await rechargeAndPay(cms, m, 2000);
    // What the booking plugin does when a member pays a booking from the wallet.
    await svc(cms, 'wallet').debit({ userId: m.id, amountFen: 1200, type: 'booking_payment', ref: { kind: 'booking', id: 'bk-disputed' }, actor: { type: 'member', id: m.id } });
    const filed = await cms.api.post('/api/payments/refund-requests').set(m.auth).send({ kind: 'dispute', booking: 'bk-disputed', reason: 'the seat was broken' });
    expect(filed.status).toBe(201);
    expect(filed.body.data.amount_fen).toBe(1200);
    const notMine = await cms.api.post('/api/payments/refund-requests').set(m.auth).send({ kind: 'dispute', booking: 'bk-other', reason: 'x y' });
    expect(notMine.status).toBe(404);
    const res = await approve(filed.body.data.id, { amount_fen: 600 });
    expect(res.body.data).toMatchObject({ status: 'completed', refunded_fen: 600 });
    expect((await ledger(cms, m, '?type=booking_refund'))[0]).toMatchObject({ amount_fen: 600, ref: { kind: 'booking', id: 'bk-disputed' } });
    expect((await wallet(cms, m)).balance_fen).toBe(1400);
  });

  it('staff powers come from admin roles: a content editor and a member token are refused', async () => {
    const m = await loginMember(cms);
    const editor = await loginStaff(cms, 'content-editor');
    expect((await cms.api.get('/payments/refund-requests').set(editor.auth)).status).toBe(403);
    expect((await cms.api.get('/payments/refund-requests').set(m.auth)).status).toBe(401);
    const list = await cms.api.get('/payments/refund-requests?status=pending').set(manager.auth);
    expect(list.status).toBe(200);
    expect(list.body.meta.pagination).toMatchObject({ page: 1 });
  });

  it('staff adjust a wallet with a reason, as one ledger row; never below zero', async () => {
    const m = await loginMember(cms);
    const up = await cms.api.post(`/payments/wallets/${m.id}/adjust`).set(manager.auth).send({ amount_fen: 800, part: 'bonus', reason: 'compensation for noise' });
    expect(up.status).toBe(201);
    expect(up.body.data).toMatchObject({ balance_after_fen: 800, bonus_after_fen: 800 });
    const down = await cms.api.post(`/payments/wallets/${m.id}/adjust`).set(manager.auth).send({ amount_fen: -900, part: 'bonus', reason: 'mistake' });
    expect(down.status).toBe(400);
    expect(down.body.error.details).toMatchObject({ code: 'VALIDATION', available_fen: 800 });
    const [row] = await ledger(cms, m);
    expect(row).toMatchObject({ type: 'staff_adjustment', amount_fen: 800, note: 'compensation for noise' });
    const view = await cms.api.get(`/payments/wallets/${m.id}`).set(manager.auth);
    expect(view.body.data.balance_fen).toBe(800);
    await eventually(async () => true);
  });
});

describe('refunds when WeChat answers late or refuses', () => {
  // A short client timeout so an emulated slow gateway is a timeout here.
  const cms = useCms({ env: { WECHATPAY_TIMEOUT_MS: '800' }, checkLedgerAtEnd: true });
  let manager: { auth: Record<string, string> };
  beforeAll(async () => {
    manager = await loginStaff(cms, 'store-manager');
  });

  async function approvedWithdrawal(m: Member, amount_fen: number) {
    const filed = await cms.api.post('/api/payments/refund-requests').set(m.auth).send({ kind: 'withdraw', amount_fen, reason: 'closing my account' });
    return cms.api.post(`/payments/refund-requests/${filed.body.data.id}/approve`).set(manager.auth).send({});
  }

  it('a refund call that times out keeps the reservation and is paid out once, by the retry', async () => {
    const m = await loginMember(cms);
    await rechargeAndPay(cms, m, 3000);
    // Slow, not lost: the emulator creates the refund after 1.5 s; our client gave up at 0.8 s.
    cms.emulator.inject({ pathPrefix: '/v3/refund/domestic/refunds', method: 'POST', timeoutMs: 1500, processWhenGone: true, times: 1 });
    const res = await approvedWithdrawal(m, 3000);
    expect(res.body.data.refunds).toEqual([expect.objectContaining({ status: 'submitting' })]);
    expect((await wallet(cms, m)).balance_fen).toBe(0);
    await eventually(async () => cms.emulator.refunds.size >= 1);
    const run = await runJob('payments.refund-sync');
    expect(run.result.checked).toBe(1);
    const no = res.body.data.refunds[0].outRefundNo;
    expect((await svc(cms, 'checkout').findRefund(no)).status).toBe('processing');
    // WeChat saw one refund (the resubmission was a retry of the same out_refund_no).
    expect([...cms.emulator.refunds.values()].filter((r: any) => r.out_refund_no === no)).toHaveLength(1);
    await cms.emulator.settleRefund(no, 'SUCCESS');
    expect((await cms.api.get(`/payments/refund-requests/${res.body.data.id}`).set(manager.auth)).body.data.status).toBe('completed');
    expect((await wallet(cms, m)).balance_fen).toBe(0);
  });

  it('an over-refund WeChat refuses (NOT_ENOUGH) fails cleanly and returns the money to the wallet', async () => {
    const m = await loginMember(cms);
    const no = await rechargeAndPay(cms, m, 2000);
    // Someone refunded part of the order at WeChat behind our back (e.g. in the merchant console).
    refundBehindOurBack(cms, no, `console${Date.now()}`);
    const res = await approvedWithdrawal(m, 2000);
    expect(res.body.data).toMatchObject({ status: 'failed', returned_fen: 2000 });
    expect(res.body.data.refunds[0]).toMatchObject({ status: 'failed', failure: expect.stringContaining('NOT_ENOUGH') });
    expect((await wallet(cms, m)).balance_fen).toBe(2000);
  });
});

/** A refund made directly at the emulator (not through the CMS), so WeChat's own over-refund rule bites. */
function refundBehindOurBack(cms: TestCms, outTradeNo: string, outRefundNo: string) {
  const order = cms.emulator.orders.get(outTradeNo);
  cms.emulator.refunds.set(outRefundNo, {
    refund_id: `5030${Date.now()}`,
    out_refund_no: outRefundNo,
    out_trade_no: outTradeNo,
    amount: { refund: 500, total: order.amount.total },
    status: 'SUCCESS',
    create_time: new Date().toISOString(),
    success_time: new Date().toISOString(),
  });
}
