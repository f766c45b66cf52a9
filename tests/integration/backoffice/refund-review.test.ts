import { useCms, loginMember, loginStaff, rechargeAndPay, wallet, setNickname, type Staff } from '../../support';

describe('refund review: the queue, approve, reject, and status following WeChat', () => {
  const cms = useCms({ checkLedgerAtEnd: true });
  let manager: Staff;
  let desk: Staff;
  beforeAll(async () => {
    manager = await loginStaff(cms, 'store-manager');
    desk = await loginStaff(cms, 'front-desk');
  });
  async function withdrawal(amount: number, nickname: string) {
    const m = await loginMember(cms);
    await setNickname(cms, m.id, nickname);
    await rechargeAndPay(cms, m, amount);
    const res = await cms.api.post('/api/payments/refund-requests').set(m.auth).send({ kind: 'withdraw', amount_fen: amount, reason: '毕业离校' });
    expect(res.status).toBe(201);
    return { m, id: res.body.data.id as string };
  }

  const requestOf = async (id: string) => (await cms.api.get(`/payments/refund-requests/${id}`).set(desk.auth)).body.data;

  it('the queue lists pending withdrawals with the member nickname; approval goes pending → refunding → completed', async () => {
    const { m, id } = await withdrawal(3000, '毕业的小王');
    const queue = await cms.api.get('/payments/refund-queue').query({ status: 'pending', kind: 'withdraw' }).set(desk.auth);
    expect(queue.status).toBe(200);
    expect(queue.body.data.find((r: any) => r.id === id)).toMatchObject({ kind: 'withdraw', amount_fen: 3000, status: 'pending', member: m.id, memberNickname: '毕业的小王' });

    // Front desk may look, not decide.
    const deskTry = await cms.api.post(`/payments/refund-requests/${id}/approve`).set(desk.auth).send({});
    expect(deskTry.status).toBe(403);
    expect(await requestOf(id)).toMatchObject({ status: 'pending' });

    const approved = await cms.api.post(`/payments/refund-requests/${id}/approve`).set(manager.auth).send({ note: '核实无误' });
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ status: 'refunding', refunds: [expect.objectContaining({ status: 'processing', amount_fen: 3000 })] });
    expect((await wallet(cms, m)).balance_fen).toBe(0);

    await cms.emulator.settleRefund(approved.body.data.refunds[0].outRefundNo, 'SUCCESS');
    expect(await requestOf(id)).toMatchObject({ status: 'completed', refunded_fen: 3000, refunds: [expect.objectContaining({ status: 'success' })] });
  });

  it('a refund WeChat closes shows as failed, with why, and the money is back in the wallet', async () => {
    const { m, id } = await withdrawal(2000, '退款失败的同学');
    const approved = await cms.api.post(`/payments/refund-requests/${id}/approve`).set(manager.auth).send({});
    await cms.emulator.settleRefund(approved.body.data.refunds[0].outRefundNo, 'CLOSED');
    const failed = await requestOf(id);
    expect(failed).toMatchObject({ status: 'failed', returned_fen: 2000, refunds: [expect.objectContaining({ status: 'closed' })] });
    expect((await wallet(cms, m)).balance_fen).toBe(2000);
    const queue = await cms.api.get('/payments/refund-queue').query({ status: 'failed' }).set(manager.auth);
    expect(queue.body.data.map((r: any) => r.id)).toContain(id);
    const detail = await cms.api.get(`/payments/refund-queue/${id}`).set(desk.auth);
    expect(detail.body.data).toMatchObject({ id, status: 'failed', memberNickname: '退款失败的同学', refunds: [expect.objectContaining({ status: 'closed' })] });
  });

  it('a rejection carries the reason the member reads', async () => {
    const { m, id } = await withdrawal(1500, '想退款的同学');
    const noReason = await cms.api.post(`/payments/refund-requests/${id}/reject`).set(manager.auth).send({});
    expect(noReason.status).toBe(400);
    const rejected = await cms.api.post(`/payments/refund-requests/${id}/reject`).set(manager.auth).send({ reason: '本月已有一笔退款，请下月再申请' });
    expect(rejected.status).toBe(200);
    const mine = await cms.api.get('/api/payments/refund-requests').set(m.auth);
    expect(mine.body.data[0]).toMatchObject({ id, status: 'rejected', decision_note: '本月已有一笔退款，请下月再申请' });
    expect((await wallet(cms, m)).balance_fen).toBe(1500);
  });
});
