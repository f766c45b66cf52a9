/**
 * The waiting list in the mini program: join from a full seat map, see my place in line and an offer
 * with its countdown, pay the offer, leave the line; and the seat map following live pushes.
 */
import { load, render } from '../support/simulate';
import { createWx, installWx, ok, settle } from '../support/wx';
import { fakeCms } from '../support/fake-cms';
import * as demo from '../support/demo-data';
import { resetReminders } from '../../../miniprogram/services/reminders';
import { saveSession } from '../../../miniprogram/services/session';
import { addDays, storeDate, storeIso } from '../../../miniprogram/utils/time';
import { waitlistRow } from '../../../miniprogram/utils/waitlist-view';

jest.setTimeout(30_000);

const tomorrow = () => addDays(storeDate(Date.now()), 1);
const entry = (over: Record<string, unknown> = {}) => ({
  id: 'wl-1',
  room: { id: 'room-b', name: '开放区 B · 24 小时' },
  seat: null,
  start: storeIso(tomorrow(), 600),
  end: storeIso(tomorrow(), 720),
  status: 'waiting',
  joinedAt: new Date().toISOString(),
  position: 2,
  offer: null,
  ...over,
});

describe('waiting-list rows', () => {
  it('read as a place in line, or as the offer with its time left', () => {
    const now = Date.parse('2026-12-01T13:00:00+08:00');
    expect(waitlistRow(entry() as any, now)).toMatchObject({ title: '开放区 B · 24 小时 · 任意座位', standing: '排第 2 位', offered: false });
    expect(waitlistRow(entry({ position: 1, seat: { id: 's', label: 'B2' } }) as any, now)).toMatchObject({ title: '开放区 B · 24 小时 · 座位 B2', standing: '排第 1 位：有座位空出时先通知你' });
    const offered = waitlistRow(entry({ status: 'offered', position: null, offer: { booking: 'bk-9', seat: { id: 's', label: 'A4' }, total_fen: 1440, expiresAt: '2026-12-01T13:08:30+08:00' } }) as any, now);
    expect(offered).toMatchObject({ offered: true, booking: 'bk-9', offerMs: 510_000, total: '¥14.40' });
    expect(offered.standing).toContain('A4 已为你保留');
    // The countdown ran out before the list refreshed: no pay button for a lapsed hold.
    expect(waitlistRow(entry({ status: 'offered', position: null, offer: { booking: 'bk-9', seat: { id: 's', label: 'A4' }, total_fen: 1440, expiresAt: '2026-12-01T12:59:00+08:00' } }) as any, now).offered).toBe(false);
  });
});

describe('joining from a full seat map', () => {
  it('offers the waiting list when no seat is free for the range, and joins for any seat', async () => {
    const cms = fakeCms({
      'GET /api/booking/rooms/:id/availability': (r) => {
        const a = demo.availability(r.query.date, { start: storeIso(r.query.date, 0), end: storeIso(r.query.date, 1440) });
        for (const s of a.seats) {
          s.taken = s.taken.map((t) => ({ ...t, mine: false }));
          if (!s.taken.length) s.taken.push({ start: storeIso(r.query.date, 0), end: storeIso(r.query.date, 1440), state: 'booked', mine: false });
        }
        return ok(a);
      },
      'POST /api/booking/waitlist': (r) => ok(entry({ start: r.body.start, end: r.body.end, position: 3 }), {}, 201),
      'GET /api/me/subscriptions': () => ok([{ kind: 'booking_confirmed', templateId: 't-confirmed', remaining: 0 }, { kind: 'waitlist_offer', templateId: 't-offer', remaining: 0 }]),
      'POST /api/me/subscriptions': (r) => ok([{ kind: 'waitlist_offer', templateId: 't-offer', remaining: r.body.accepted.length }]),
    });
    resetReminders();
    const fake = installWx(createWx({ handler: cms.handler }));
    fake.subscribeAnswer = { 't-offer': 'accept' };
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const room = render(load('subpackages/booking/room/index'));
    room.instance.onLoad({ room: 'room-b', date: tomorrow(), start: '600', end: '720' });
    await settle();
    expect(room.data.full).toBe(true);
    expect(room.dom.textContent).toContain('排队候补（任意座位）');
    room.querySelector('.waitlist .btn').dispatchEvent('tap');
    await settle();
    const joined = fake.requests.find((r) => r.method === 'POST' && r.path === '/api/booking/waitlist')!;
    expect(joined.body).toEqual({ room: 'room-b', start: storeIso(tomorrow(), 600), end: storeIso(tomorrow(), 720) });
    // The tap asked for the waiting-list reminder only, and the accepted consent was counted.
    expect(fake.subscribeAsks).toEqual([['t-offer']]);
    expect(fake.requests.find((r) => r.method === 'POST' && r.path === '/api/me/subscriptions')!.body).toEqual({ accepted: ['t-offer'] });
    expect(fake.toasts).toContain('已排队，第 3 位');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/subpackages/booking/waitlist/index' });
  });

  it('does not offer the waiting list while a seat is free', async () => {
    const cms = fakeCms();
    installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const room = render(load('subpackages/booking/room/index'));
    room.instance.onLoad({ room: 'room-b', date: tomorrow(), start: '600', end: '720' });
    await settle();
    expect(room.data.full).toBe(false);
    expect(room.querySelector('.waitlist')).toBeFalsy();
  });
});

describe('my waiting list', () => {
  const offered = () =>
    entry({ id: 'wl-2', status: 'offered', position: null, seat: { id: 'seat-A4', label: 'A4' }, offer: { booking: 'bk-offer', seat: { id: 'seat-A4', label: 'A4' }, total_fen: 1440, expiresAt: new Date(Date.now() + 8 * 60_000).toISOString() } });

  it('shows my place in line and the offer with pay; paying opens the hold, leaving asks first and leaves', async () => {
    let entries: any[] = [entry(), offered()];
    const cms = fakeCms({
      'GET /api/booking/waitlist': () => ok(entries),
      'DELETE /api/booking/waitlist/:id': (_r, [id]) => {
        entries = entries.filter((e) => e.id !== id);
        return ok({ id, status: 'left' });
      },
    });
    const fake = installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const page = render(load('subpackages/booking/waitlist/index'));
    page.instance.onLoad();
    await settle();
    expect(page.data.state).toBe('ready');
    expect(page.dom.textContent).toContain('排第 2 位');
    expect(page.dom.textContent).toContain('座位 A4 已为你保留');
    expect(page.dom.textContent).toContain('¥14.40');

    page.querySelector('.entry.offered .btn.wechat').dispatchEvent('tap');
    await settle();
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/subpackages/booking/result/index?id=bk-offer' });

    fake.modalAnswer = { confirm: false };
    page.querySelector('.entry .btn.ghost').dispatchEvent('tap');
    await settle();
    expect(fake.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    fake.modalAnswer = { confirm: true };
    page.querySelector('.entry .btn.ghost').dispatchEvent('tap');
    await settle();
    expect(fake.modals[fake.modals.length - 1].content).toContain('失去当前排位');
    expect(fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/booking/waitlist/wl-1']);
    expect(fake.toasts).toContain('已退出候补');
    expect(page.data.list.map((r: any) => r.id)).toEqual(['wl-2']);
  });

  it('an offer pushed live while the page is open shows up at once', async () => {
    let entries: any[] = [entry()];
    const cms = fakeCms({ 'GET /api/booking/waitlist': () => ok(entries) });
    const fake = installWx(createWx({ handler: cms.handler }));
    const h: Record<string, (x?: any) => void> = {};
    let closed = false;
    fake.wx.connectSocket = () => ({ send: () => undefined, close: () => (closed = true), onOpen: (cb: any) => (h.open = cb), onMessage: (cb: any) => (h.message = cb), onClose: () => undefined, onError: () => undefined });
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const page = render(load('subpackages/booking/waitlist/index'));
    page.instance.onLoad();
    page.instance.onShow();
    await settle();
    h.open();
    h.message({ data: JSON.stringify({ type: 'ready' }) });
    entries = [offered()];
    h.message({ data: JSON.stringify({ type: 'waitlist_offer', entry: 'wl-2', booking: 'bk-offer', seatLabel: 'A4' }) });
    await settle();
    expect(fake.toasts).toContain('有座位为你保留了');
    expect(page.dom.textContent).toContain('座位 A4 已为你保留');
    page.instance.onHide();
    expect(closed).toBe(true);
  });

  it('an empty line says how to join', async () => {
    const cms = fakeCms({ 'GET /api/booking/waitlist': () => ok([]) });
    installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const page = render(load('subpackages/booking/waitlist/index'));
    page.instance.onLoad();
    await settle();
    expect(page.data.state).toBe('empty');
  });
});

describe('the seat map follows live pushes', () => {
  it('subscribes to the room-day, redraws on the next version, and stops when hidden', async () => {
    const cms = fakeCms();
    const fake = installWx(createWx({ handler: cms.handler }));
    const sent: any[] = [];
    const handlers: Record<string, (x?: any) => void> = {};
    let closed = false;
    fake.wx.connectSocket = () => ({
      send: (o: { data: string }) => sent.push(JSON.parse(o.data)),
      close: () => (closed = true),
      onOpen: (cb: any) => (handlers.open = cb),
      onMessage: (cb: any) => (handlers.message = cb),
      onClose: (cb: any) => (handlers.close = cb),
      onError: (cb: any) => (handlers.error = cb),
    });
    const receive = (m: unknown) => handlers.message({ data: JSON.stringify(m) });
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const date = tomorrow();
    const room = render(load('subpackages/booking/room/index'));
    room.instance.onLoad({ room: 'room-b', date, start: '600', end: '720' });
    await settle();
    handlers.open();
    receive({ type: 'ready' });
    expect(sent).toEqual([{ type: 'auth', token: 'jwt-a' }, { type: 'subscribe', room: 'room-b', date }]);
    receive({ type: 'subscribed', room: 'room-b', date, version: 3 });
    await settle();
    expect(room.data.live).toBe(true);
    const seatA1 = () => room.data.rows.flat().find((c: any) => c.label === 'A1');
    expect(seatA1().state).toBe('free');

    receive({ type: 'seats', room: 'room-b', date, version: 4, changes: [{ seat: seatA1().seatId, start: storeIso(date, 600), end: storeIso(date, 720), state: 'held' }] });
    await settle();
    expect(seatA1().state).toBe('held');
    const fetched = fake.requests.filter((r) => r.path.endsWith('/availability')).length;
    receive({ type: 'seats', room: 'room-b', date, version: 7, changes: [] });
    await settle();
    expect(fake.requests.filter((r) => r.path.endsWith('/availability')).length).toBe(fetched + 1); // a gap: refetched

    room.instance.onHide();
    expect(closed).toBe(true);
  });
});
