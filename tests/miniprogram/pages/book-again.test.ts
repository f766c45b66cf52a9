/**
 * The member's fastest path: from the home tab, the remembered seat and duration, to a paid booking.
 * Every tap the member makes is counted.
 */
import { load, render, sleep } from '../support/simulate';
import { createWx, installWx, settle } from '../support/wx';
import { fakeCms } from '../support/fake-cms';
import { saveSession } from '../../../miniprogram/services/session';
import { addDays, storeDate } from '../../../miniprogram/utils/time';

// Rendering whole pages in jsdom is slow on a busy 2-core machine; the waits themselves are event-based.
jest.setTimeout(30_000);

const parseUrl = (url: string) => {
  const [path, qs = ''] = url.split('?');
  return { path, query: Object.fromEntries(qs.split('&').filter(Boolean).map((kv) => kv.split('=').map(decodeURIComponent))) as Record<string, string> };
};

describe('book again from the home tab', () => {
  it('reaches "booked and paid" in 2 taps (at most 4) with the last seat and duration remembered', async () => {
    const cms = fakeCms();
    const fake = installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    fake.storage.set('studyroom.lastBooking', { roomId: 'room-b', roomName: '开放区 B · 24 小时', seatId: 'seat-A1', seatLabel: 'A1', durationMinutes: 120, payWith: 'wallet' });
    let taps = 0;
    const tap = async (comp: any, selector: string) => {
      const el = comp.querySelector(selector);
      expect(el).toBeTruthy();
      taps += 1;
      el.dispatchEvent('tap');
      await settle();
    };

    // Home tab: the "book again" card shows the remembered seat and a 2-hour range.
    const home = render(load('pages/home/index'));
    home.instance.onLoad();
    await settle();
    expect(home.dom.textContent).toContain('再订一次');
    expect(home.dom.textContent).toContain('开放区 B · 24 小时 · A1 座');
    expect(home.dom.textContent).toContain('2 小时');
    await tap(home, '.again');
    const toRoom = fake.navigations.pop()!;
    expect(toRoom.kind).toBe('navigateTo');
    const { path, query } = parseUrl(toRoom.url);
    expect(path).toBe('/subpackages/booking/room/index');
    expect(query).toMatchObject({ room: 'room-b', seat: 'seat-A1', pay: 'wallet' });

    // Booking page: seat, range and wallet are already chosen; the quote is there.
    const room = render(load('subpackages/booking/room/index'));
    room.instance.onLoad(query);
    await settle();
    if (room.data.state !== 'ready') throw new Error(`room page: ${room.data.state} ${room.data.error} ${JSON.stringify(cms.calls)}`);
    expect(room.data.seatLabel).toBe('A1');
    expect(room.data.end - room.data.start).toBe(120);
    expect(room.data.totalText).toBe('¥14.40');
    expect(room.dom.textContent).toContain('余额支付');
    await tap(room, '.bar .btn');
    const toResult = fake.navigations.pop()!;
    expect(toResult.kind).toBe('redirectTo');
    const created = fake.requests.find((r) => r.path === '/api/booking/bookings' && r.method === 'POST')!;
    expect(created.body).toMatchObject({ seat: 'seat-A1', payWith: 'wallet' });
    expect(created.headers['Idempotency-Key']).toMatch(/^mp-/);

    // Result: paid.
    const result = render(load('subpackages/booking/result/index'));
    result.instance.onLoad(parseUrl(toResult.url).query);
    await settle();
    expect(result.dom.textContent).toContain('预约成功');
    expect(result.dom.textContent).toContain('A1');
    expect(taps).toBeLessThanOrEqual(4);
    expect(taps).toBe(2);
  });

  it('when the remembered seat is taken for the next range, the page says so and asks for another seat', async () => {
    const cms = fakeCms({
      'GET /api/booking/rooms/:id/availability': (r) => {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const demo = require('../support/demo-data');
        const a = demo.availability(r.query.date, { start: '2000-01-01T00:00:00Z', end: '2100-01-01T00:00:00Z' });
        a.seats.find((s: any) => s.id === 'seat-A1').taken.push({ start: '2000-01-01T00:00:00Z', end: '2100-01-01T00:00:00Z', state: 'booked', mine: false });
        return { status: 200, body: { data: a, meta: {} } };
      },
    });
    installWx(createWx({ handler: cms.handler }));
    saveSession({ jwt: 'jwt-a', refreshToken: 'r-a', userId: 1 });
    const room = render(load('subpackages/booking/room/index'));
    room.instance.onLoad({ room: 'room-b', seat: 'seat-A1', date: addDays(storeDate(Date.now()), 1), start: '600', end: '720', pay: 'wallet' });
    await settle();
    expect(room.data.seatId).toBe('');
    expect(room.dom.textContent).toContain('上次的座位在这个时段已被占用，请另选一个座位。');
    expect(room.data.canPay).toBe(false);
  });
});
