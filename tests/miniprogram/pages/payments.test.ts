/** Paying on the booking page: WeChat (hold, countdown, expiry), at the desk (proof image), and errors. */
import { load, render, sleep } from '../support/simulate';
import { createWx, fail, installWx, ok, settle } from '../support/wx';
import { fakeCms } from '../support/fake-cms';
import * as demo from '../support/demo-data';
import { saveSession } from '../../../miniprogram/services/session';
import { addDays, storeDate } from '../../../miniprogram/utils/time';

// Rendering whole pages in jsdom is slow on a busy 2-core machine; the waits themselves are event-based.
jest.setTimeout(30_000);

const query = (url: string) => Object.fromEntries(url.split('?')[1].split('&').map((kv) => kv.split('=')));
// Tomorrow 10:00–12:00 on the store's calendar, whenever the tests run.
const ROOM_QUERY = { room: 'room-b', seat: 'seat-A1', date: addDays(storeDate(Date.now()), 1), start: '600', end: '720' };

async function openRoom(cms: ReturnType<typeof fakeCms>, q: Record<string, string> = ROOM_QUERY, pay?: (p: any) => void | Promise<void>) {
  const fake = installWx(createWx({ handler: cms.handler, pay }));
  saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
  const room = render(load('subpackages/booking/room/index'));
  room.instance.onLoad(q);
  await settle();
  return { fake, room };
}
function payWith(room: any, method: string) {
  room.querySelectorAll('.method').find((m: any) => m.dom.getAttribute('data-pay') === method).dispatchEvent('tap');
}

describe('paying for a booking', () => {
  it('WeChat Pay: the hold is paid in the sheet and the page waits for the server to confirm', async () => {
    const cms = fakeCms();
    let confirmCalls = 0;
    const { fake, room } = await openRoom(cms, ROOM_QUERY, () => {
      // WeChat notifies the CMS; the next detail read shows it confirmed.
      for (const [id, b] of cms.bookings) cms.bookings.set(id, { ...b, status: 'confirmed', holdExpiresAt: null });
      confirmCalls += 1;
    });
    payWith(room, 'wechat');
    await settle();
    expect(room.dom.textContent).toContain('座位为你保留 15 分钟');
    room.querySelector('.bar .btn').dispatchEvent('tap');
    await settle();
    await sleep(50);
    expect(fake.payments).toHaveLength(1);
    expect(fake.payments[0]).toMatchObject({ package: 'prepay_id=wx1', signType: 'RSA' });
    expect(confirmCalls).toBe(1);
    const nav = fake.navigations.pop()!;
    expect(query(nav.url).outcome).toBe('confirmed');
  });

  it('WeChat Pay closed by the member: the result shows the hold countdown and "continue"; once lapsed, the seat is released', async () => {
    const cms = fakeCms();
    const { fake, room } = await openRoom(cms, ROOM_QUERY, () => Promise.reject(new Error('requestPayment:fail cancel')));
    payWith(room, 'wechat');
    room.querySelector('.bar .btn').dispatchEvent('tap');
    await settle();
    const nav = fake.navigations.pop()!;
    expect(query(nav.url).outcome).toBe('awaiting_payment');

    const result = render(load('subpackages/booking/result/index'));
    result.instance.onLoad(query(nav.url));
    await settle();
    expect(result.dom.textContent).toContain('待支付');
    expect(result.dom.textContent).toContain('座位保留');
    expect(result.dom.textContent).toContain('继续微信支付');
    expect(result.data.holdMs).toBeGreaterThan(14 * 60_000);

    // The hold lapses before the member pays again.
    const id = query(nav.url).id;
    cms.bookings.set(id, { ...cms.bookings.get(id), holdExpiresAt: new Date(Date.now() - 1000).toISOString() });
    result.querySelector('.btn.wechat').dispatchEvent('tap');
    await settle();
    expect(result.dom.textContent).toContain('支付超时');
    expect(result.dom.textContent).toContain('座位已释放');
    expect(result.dom.textContent).toContain('重新选座');
  });

  it('pay at the desk is offered only when the store enables it, and a proof image is uploaded as `file`', async () => {
    const off = fakeCms({ 'GET /api/settings/public': () => ok({ ...demo.settings, offlinePayment: { enabled: false, holdMinutes: 30 } }) });
    const closed = await openRoom(off);
    expect(closed.room.querySelectorAll('.method').map((m: any) => m.dom.getAttribute('data-pay'))).toEqual(['wallet', 'wechat']);

    const cms = fakeCms();
    const { fake, room } = await openRoom(cms);
    expect(room.dom.textContent).toContain('到店支付');
    expect(room.dom.textContent).toContain('30 分钟内到前台付款');
    payWith(room, 'offline');
    room.querySelector('.bar .btn').dispatchEvent('tap');
    await settle();
    const nav = fake.navigations.pop()!;
    expect(query(nav.url).outcome).toBe('awaiting_desk');
    const created = fake.requests.find((r) => r.path === '/api/booking/bookings')!;
    expect(created.body.payWith).toBe('offline');

    const result = render(load('subpackages/booking/result/index'));
    result.instance.onLoad(query(nav.url));
    await settle();
    expect(result.dom.textContent).toContain('请到前台付款');
    expect(result.dom.textContent).toContain('未上传');
    fake.media = { tempFilePath: 'wxfile://tmp/receipt.jpg', size: 200_000 };
    result.querySelector('.actions .btn').dispatchEvent('tap');
    await settle();
    const upload = fake.requests.find((r) => r.path.endsWith('/offline-proof'))!;
    expect(upload.body).toMatchObject({ file: 'wxfile://tmp/receipt.jpg', field: 'file' });
    expect(result.dom.textContent).toContain('已上传，等待确认');
  });

  it('a proof image over 5 MB is refused on the phone, before uploading', async () => {
    const cms = fakeCms();
    const { fake, room } = await openRoom(cms);
    payWith(room, 'offline');
    room.querySelector('.bar .btn').dispatchEvent('tap');
    await settle();
    const result = render(load('subpackages/booking/result/index'));
    result.instance.onLoad(query(fake.navigations.pop()!.url));
    await settle();
    fake.media = { tempFilePath: 'wxfile://tmp/huge.png', size: 6 * 1024 * 1024 };
    result.querySelector('.actions .btn').dispatchEvent('tap');
    await settle();
    expect(fake.modals.pop()!.content).toContain('不能超过 5 MB');
    expect(fake.requests.some((r) => r.path.endsWith('/offline-proof'))).toBe(false);
  });

  it('a seat taken meanwhile: the member reads why, and the seat map is reloaded', async () => {
    const cms = fakeCms({ 'POST /api/booking/bookings': () => fail(409, 'SEAT_TAKEN') });
    const { fake, room } = await openRoom(cms);
    const before = cms.calls.filter((c) => c.endsWith('/availability')).length;
    room.querySelector('.bar .btn').dispatchEvent('tap');
    await settle();
    expect(fake.modals.pop()!.content).toBe('这个座位在所选时段已被占用，请换个座位或时段。');
    expect(cms.calls.filter((c) => c.endsWith('/availability')).length).toBe(before + 1);
  });

  it('a wallet without enough money is told before anything is booked', async () => {
    const cms = fakeCms({ 'GET /api/payments/wallet': () => ok({ ...demo.walletSummary, balance_fen: 100 }) });
    const { fake, room } = await openRoom(cms);
    room.querySelector('.bar .btn').dispatchEvent('tap');
    await settle();
    expect(fake.modals.pop()!.content).toBe('钱包余额不足，请先充值，或改用微信支付。');
    expect(fake.requests.some((r) => r.path === '/api/booking/bookings')).toBe(false);
  });

  it('a coupon is picked from the usable ones and the quote shows its discount', async () => {
    const cms = fakeCms();
    const { fake, room } = await openRoom(cms);
    fake.sheetAnswer = 1;
    room.querySelectorAll('.cell').find((c: any) => c.dom.textContent.includes('优惠券')).dispatchEvent('tap');
    await settle();
    expect(fake.sheets.pop()).toEqual(['不使用优惠券', '新人券 ¥5', '周末 9 折']);
    expect(room.dom.textContent).toContain('-¥5.00');
    const quote = fake.requests.filter((r) => r.path === '/api/booking/quotes').pop()!;
    expect(quote.body.coupon).toBe('cp-1');
  });
});

describe('banned members', () => {
  it('any page that meets BANNED says why and until when, and links to the appeal', async () => {
    const cms = fakeCms({ 'GET /api/booking/rooms/:id': () => fail(403, 'BANNED', { until: '2026-12-08T00:00:00+08:00', reason: '7 天内 3 次未签到' }) });
    const { fake, room } = await openRoom(cms);
    expect(room.dom.textContent).toContain('至 12月8日 00:00 解除。原因：7 天内 3 次未签到');
    room.querySelector('#state').querySelector('.action').dispatchEvent('tap');
    await settle();
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/subpackages/service/ban/index' });
  });

  it('the ban page shows the reason and lets the member appeal once', async () => {
    let profile: any = { id: 1, documentId: 'u1', nickname: '小林', avatar: null, tier: null, tags: [], ban: { until: '2026-12-08T00:00:00+08:00', reason: '7 天内 3 次未签到', appeal: null } };
    const cms = fakeCms({
      'GET /api/users/me': () => ({ status: 200, body: { ...profile, data: profile, meta: {} } }),
      'POST /api/me/appeals': (r) => {
        profile = { ...profile, ban: { ...profile.ban, appeal: { id: 'ap1', status: 'open', text: r.body.text, createdAt: '2026-12-01T12:00:00+08:00' } } };
        return ok(profile.ban.appeal, {}, 201);
      },
    });
    const fake = installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const page = render(load('subpackages/service/ban/index'));
    page.instance.onLoad();
    await settle();
    expect(page.dom.textContent).toContain('账号已被限制预约');
    expect(page.dom.textContent).toContain('12月8日 00:00');
    page.instance.onText({ detail: { value: '那几天生病住院了，有病历' } });
    page.querySelector('.btn').dispatchEvent('tap');
    await settle();
    expect(fake.requests.find((r) => r.path === '/api/me/appeals')!.body).toEqual({ text: '那几天生病住院了，有病历' });
    expect(page.dom.textContent).toContain('审核中');
    expect(page.querySelector('textarea')).toBeFalsy();
  });
});

describe('my booking', () => {
  it('cancelling shows the fee before the member confirms', async () => {
    const cms = fakeCms();
    const soon = new Date(Date.now() + 50 * 60_000);
    cms.bookings.set('bk-1', demo.booking({ start: soon.toISOString(), end: new Date(soon.getTime() + 2 * 3600_000).toISOString() }));
    const fake = installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    fake.modalAnswer.confirm = false;
    const page = render(load('subpackages/booking/detail/index'));
    page.instance.onLoad({ id: 'bk-1' });
    await settle();
    page.querySelector('.btn.danger').dispatchEvent('tap');
    await settle();
    // Gold: free until 1 hour before; 20% of ¥9.40 = ¥1.88.
    expect(fake.modals.pop()!.content).toBe('距开始不足 1 小时，取消将收取手续费 ¥1.88，退回钱包 ¥7.52。');
    expect(fake.requests.some((r) => r.path.endsWith('/cancel'))).toBe(false);
    fake.modalAnswer.confirm = true;
    page.querySelector('.btn.danger').dispatchEvent('tap');
    await settle();
    expect(fake.requests.some((r) => r.path === '/api/booking/bookings/bk-1/cancel')).toBe(true);
    expect(page.dom.textContent).toContain('已取消');
    expect(page.dom.textContent).toContain('取消手续费');
  });

  it('batch cancel shows the total fee of the picked bookings first, then cancels them in one call', async () => {
    const now = Date.now();
    const cms = fakeCms({
      'POST /api/booking/bookings/cancel': (r) => ok(r.body.bookings.map((id: string) => ({ id, ok: true })), { cancelled: r.body.bookings.length, failed: 0 }),
    });
    // One starts in 30 minutes (inside Gold's 1-hour window: 20% fee), one tomorrow (free), one already done.
    cms.bookings.set('soon', demo.booking({ id: 'soon', start: new Date(now + 30 * 60_000).toISOString(), end: new Date(now + 150 * 60_000).toISOString(), total_fen: 1000 }));
    cms.bookings.set('later', demo.booking({ id: 'later', start: new Date(now + 26 * 3600_000).toISOString(), end: new Date(now + 28 * 3600_000).toISOString() }));
    cms.bookings.set('done', demo.booking({ id: 'done', status: 'completed', start: new Date(now - 5 * 3600_000).toISOString(), end: new Date(now - 3 * 3600_000).toISOString() }));
    const fake = installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const page = render(load('pages/bookings/index'));
    page.instance.onLoad();
    await settle();
    page.querySelector('.toolbar .link').dispatchEvent('tap');
    await settle();
    for (const card of page.querySelectorAll('.booking')) card.dispatchEvent('tap');
    await settle();
    expect(page.data.pickedCount).toBe(2); // the completed one cannot be picked
    page.querySelector('.picking-bar .btn').dispatchEvent('tap');
    await settle();
    expect(fake.modals.pop()).toEqual({ title: '批量取消', content: '取消这 2 个预约共收取手续费 ¥2.00，其余金额退回钱包。' });
    expect(fake.requests.find((r) => r.path === '/api/booking/bookings/cancel')!.body).toEqual({ bookings: ['soon', 'later'] });
    expect(fake.toasts.pop()).toBe('已取消 2 个');
  });
});
