/**
 * The waiting list and live seat status end to end, through the mini program's own service layer
 * (services/api, services/live over a real WebSocket) against the real CMS and the WeChat emulator:
 * join a full seat-range, watch the seat map live, get the offer pushed when the holder cancels, pay it.
 */
import WebSocket from 'ws';
import { startCms, type TestCms } from '../../support/cms';
import { createRoom } from '../../support/fixtures';
import { book, iso, range } from '../../support/booking';
import { fund } from '../../support/money';
import { loginMember } from '../../support/members';
import { wxOverHttp } from './wx-over-http';
import { configure } from '../../../miniprogram/config';
import * as api from '../../../miniprogram/services/api';
import { payHold } from '../../../miniprogram/services/booking-flow';
import { LiveSeats, type LiveDeps, type SocketLike, type WaitlistOfferMessage } from '../../../miniprogram/services/live';
import { currentSession } from '../../../miniprogram/services/session';
import type { Availability } from '../../../miniprogram/services/types';
import { storeDate } from '../../../miniprogram/utils/time';

/** wx.connectSocket's task, played by the `ws` client. */
const wsDeps: LiveDeps = {
  connect(url): SocketLike {
    const ws = new WebSocket(url);
    return {
      send: (o) => ws.send(o.data),
      close: (o) => ws.close(o && o.code && o.code >= 3000 ? o.code : 1000),
      onOpen: (cb) => ws.on('open', cb),
      onMessage: (cb) => ws.on('message', (data) => cb({ data: data.toString() })),
      onClose: (cb) => ws.on('close', (code, reason) => cb({ code, reason: reason.toString() })),
      onError: (cb) => ws.on('error', cb),
    };
  },
  token: () => currentSession()?.jwt ?? null,
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
  random: Math.random,
};

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('waiting list and live seats through the mini program services', () => {
  let cms: TestCms;
  beforeAll(async () => {
    cms = await startCms();
  });
  afterAll(async () => cms?.close());

  it('joins a full range, sees the seat freed live, gets the offer pushed, and pays it', async () => {
    const { room, seats } = await createRoom(cms, { name: '候补 E2E', seats: 1 });
    const { start, end } = range(5, 2);
    const holder = await loginMember(cms);
    await fund(cms, holder.id, 100_000);
    const held = await book(cms, holder, { seat: seats[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
    expect(held.status).toBe(201);

    wxOverHttp(cms, `o_mp_wait_${Date.now().toString(36)}`);
    configure({ apiBaseUrl: cms.url });
    const entry = (await api.waitlist.join({ room: room.documentId, start: iso(start), end: iso(end) })).data;
    expect(entry).toMatchObject({ status: 'waiting', position: 1, seat: null, offer: null });

    const date = storeDate(start.getTime());
    let day: Availability | null = null;
    const offers: WaitlistOfferMessage[] = [];
    let refetches = 0;
    const live = new LiveSeats(
      {
        onAvailability: (d) => (day = d),
        onRefetch: async () => {
          refetches += 1;
          day = (await api.rooms.availability(room.documentId, date)).data;
          live.refetched(day);
        },
        onOffer: (o) => offers.push(o),
      },
      wsDeps,
    );
    live.follow(room.documentId, date);
    await until(() => refetches === 1 && day !== null);
    expect(day!.seats[0].taken).toEqual([expect.objectContaining({ state: 'booked', mine: false })]);

    // The holder cancels: the seat is freed, and at once held for the waiting member (two pushes).
    expect((await cms.api.post(`/api/booking/bookings/${held.body.data.id}/cancel`).set(holder.auth).send({})).status).toBe(200);
    await until(() => offers.length === 1);
    expect(offers[0]).toMatchObject({ type: 'waitlist_offer', entry: entry.id, seat: seats[0].documentId, seatLabel: 'A1' });
    await until(() => !!day && day.seats[0].taken.length === 1 && day.seats[0].taken[0].state === 'held');
    expect(refetches).toBe(1); // both pushes applied by version, no refetch

    const [offered] = (await api.waitlist.list()).data;
    expect(offered).toMatchObject({ status: 'offered', offer: { booking: offers[0].booking } });
    const paid = await payHold(offered.offer!.booking, { intervalMs: 100, timeoutMs: 10_000 });
    expect(paid.outcome).toBe('confirmed');
    expect((await api.waitlist.list()).data).toEqual([]);
    await until(() => !!day && day.seats[0].taken[0].state === 'booked');
    live.stop();
  });
});
