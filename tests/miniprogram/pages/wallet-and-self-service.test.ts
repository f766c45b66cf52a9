/** Recharging (paid in WeChat, credited only when the server says so) and the self-service tab. */
import { load, render, sleep } from '../support/simulate';
import { createWx, fail, installWx, ok, settle } from '../support/wx';
import { fakeCms } from '../support/fake-cms';
import * as demo from '../support/demo-data';
import { saveSession } from '../../../miniprogram/services/session';

// Rendering whole pages in jsdom is slow on a busy 2-core machine; the waits themselves are event-based.
jest.setTimeout(30_000);


describe('recharge', () => {
  it('pays a package with WeChat, polls the order until credited, and shows the new balance', async () => {
    let balance = demo.walletSummary.balance_fen;
    let polls = 0;
    const cms = fakeCms({
      'GET /api/payments/wallet': () => ok({ ...demo.walletSummary, balance_fen: balance }),
      'POST /api/payments/recharges': (r) => ok({ outTradeNo: 'RC1', payment: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wxR', signType: 'RSA', paySign: 's' }, pay_fen: 10000, bonus_fen: 1000, body: r.body }, {}, 201),
      'GET /api/payments/recharges/:no': () => {
        polls += 1;
        // WeChat's notification reaches the CMS on the second look.
        if (polls < 2) return ok({ outTradeNo: 'RC1', status: 'pending', credited_fen: 0 });
        balance += 11000;
        return ok({ outTradeNo: 'RC1', status: 'paid', credited_fen: 11000 });
      },
    });
    const fake = installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const page = render(load('subpackages/wallet/recharge/index'));
    page.instance.onLoad();
    await settle();
    expect(page.dom.textContent).toContain('送 ¥10');
    expect(page.data.packageId).toBe('pk-100');
    page.querySelector('.bar .btn').dispatchEvent('tap');
    await sleep(1300);
    await settle();
    expect(fake.requests.find((r) => r.path === '/api/payments/recharges')!.body).toEqual({ package: 'pk-100' });
    expect(fake.payments).toHaveLength(1);
    expect(polls).toBe(2);
    expect(page.dom.textContent).toContain('充值成功');
    expect(page.dom.textContent).toContain('到账 ¥110.00，当前余额 ¥210.60');
  });

  it('a custom amount outside the store limits is refused before paying', async () => {
    const cms = fakeCms();
    const fake = installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const page = render(load('subpackages/wallet/recharge/index'));
    page.instance.onLoad();
    await settle();
    page.instance.onCustom({ detail: { value: '0.5' } });
    await settle();
    expect(page.dom.textContent).toContain('单次充值 ¥1–¥5000');
    page.querySelector('.bar .btn').dispatchEvent('tap');
    await settle();
    expect(fake.payments).toHaveLength(0);
  });
});

describe('membership', () => {
  it('shows each tier with its benefits and buys a month card from the wallet', async () => {
    const cms = fakeCms({ 'POST /api/payments/memberships/purchase': (r) => ok({ id: 'm1', tier: r.body.tier, plan: r.body.plan }, {}, 201) });
    const fake = installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const page = render(load('subpackages/wallet/membership/index'));
    page.instance.onLoad();
    await settle();
    expect(page.dom.textContent).toContain('预约 9 折');
    expect(page.dom.textContent).toContain('当前：金卡');
    fake.sheetAnswer = 0; // 钱包余额支付
    page.querySelectorAll('.plan').find((p: any) => p.dom.getAttribute('data-id') === 't-black' && p.dom.getAttribute('data-plan') === 'month').dispatchEvent('tap');
    await settle();
    expect(fake.modals.pop()).toEqual({ title: '购买会员', content: '黑卡 月卡，¥399.00' });
    expect(fake.requests.find((r) => r.path === '/api/payments/memberships/purchase')!.body).toEqual({ tier: 't-black', plan: 'month', payWith: 'wallet' });
    expect(fake.toasts.pop()).toBe('购买成功');
  });
});

describe('self-service', () => {
  it('shows my current seat with the time left, and checks in the next booking by scanning the seat code', async () => {
    const now = Date.now();
    const current = demo.booking({ id: 'cur', status: 'checked_in', seat: { id: 's', label: 'C5', type: 'power' }, start: new Date(now - 3600_000).toISOString(), end: new Date(now + 3600_000 + 30_000).toISOString() });
    const next = demo.booking({ id: 'nxt', start: new Date(now + 3 * 3600_000).toISOString(), end: new Date(now + 5 * 3600_000).toISOString() });
    const cms = fakeCms({
      'GET /api/booking/bookings': (r) => ok(r.query.status === 'checked_in' ? [current] : [next]),
      'POST /api/booking/checkin': (r) => (r.body.seatCode === 'B-A1' ? ok({ ...next, status: 'checked_in' }) : fail(404, 'NOT_FOUND')),
    });
    const fake = installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const page = render(load('pages/self-service/index'));
    page.instance.onLoad();
    await settle();
    expect(page.dom.textContent).toContain('C5');
    expect(page.data.leftText).toMatch(/^1:00:(2|3)\d$/);
    fake.scanResult = 'studyroom://seat/B-A1';
    page.querySelector('.scan').dispatchEvent('tap');
    await settle();
    expect(fake.requests.find((r) => r.path === '/api/booking/checkin')!.body).toEqual({ seatCode: 'B-A1' });
    expect(fake.toasts.pop()).toBe('签到成功 · A1');
    page.instance.stopTicker();
  });

  it('a scan outside the check-in window says when check-in opens', async () => {
    const cms = fakeCms({
      'GET /api/booking/bookings': () => ok([]),
      'POST /api/booking/checkin': () => fail(409, 'CHECKIN_WINDOW', { opensAt: '2026-12-01T13:45:00+08:00' }),
    });
    const fake = installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const page = render(load('pages/self-service/index'));
    page.instance.onLoad();
    await settle();
    expect(page.dom.textContent).toContain('现在没有进行中或待签到的预约');
    fake.scanResult = 'B-A1';
    page.querySelector('.scan').dispatchEvent('tap');
    await settle();
    expect(fake.modals.pop()!.content).toBe('现在不在签到时间内，请在 12月1日 13:45 之后签到。');
  });
});
