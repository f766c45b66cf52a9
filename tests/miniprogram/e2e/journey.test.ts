/**
 * The member's journey end to end, through the mini program's own service layer against the real CMS
 * and the WeChat emulator: log in, browse, quote, book with the wallet, QR, check in, check out;
 * recharge through WeChat; a WeChat-paid booking; cancel with a fee; a refund request; a ban and its
 * appeal.
 */
import { useCms, createRoom, banMember, iso, productClock, slotFromNow, createPackage } from '../../support';
import { wxOverHttp } from './wx-over-http';
import { configure } from '../../../miniprogram/config';
import * as api from '../../../miniprogram/services/api';
import { BookingAttempt } from '../../../miniprogram/services/idempotency';
import { placeBooking } from '../../../miniprogram/services/booking-flow';
import { requestPayment, waitForRecharge } from '../../../miniprogram/services/payment';
import { currentSession } from '../../../miniprogram/services/session';
import { ApiError } from '../../../miniprogram/services/errors';
import { storeDate } from '../../../miniprogram/utils/time';
import { buildSeatMap } from '../../../miniprogram/utils/seat-map';

const POLL = { intervalMs: 100, timeoutMs: 10_000 };

describe('the member journey through the mini program services', () => {
  const cms = useCms({ resetClockAfterEach: true });
  let roomId: string;
  let seatIds: string[];
  let packageId: string;

  beforeAll(async () => {
    const { room, seats } = await createRoom(cms, { name: '开放区 E2E', seats: 6 });
    roomId = room.documentId;
    seatIds = seats.map((s: any) => s.documentId);
    packageId = (await createPackage(cms, 10000, 1000)).documentId;
  });

  function member(name: string) {
    const fake = wxOverHttp(cms, `o_mp_${name}_${Date.now().toString(36)}`);
    configure({ apiBaseUrl: cms.url });
    return fake;
  }

  it('logs in with wx.login, recharges with WeChat Pay (the emulator pays) and sees the balance', async () => {
    const fake = member('recharge');
    const profile = await api.me.profile();
    expect(fake.loginCodes).toBe(1);
    expect(currentSession()).toMatchObject({ userId: profile.id });
    expect(profile.ban).toBeNull();

    const packages = (await api.wallet.packages()).data;
    expect(packages.find((p) => p.id === packageId)).toMatchObject({ amount_fen: 10000, bonus_fen: 1000 });
    const order = (await api.wallet.recharge({ package: packageId })).data;
    await requestPayment(order.payment);
    const status = await waitForRecharge(order.outTradeNo, POLL);
    expect(status).toMatchObject({ status: 'paid', credited_fen: 11000 });
    expect((await api.wallet.summary()).data.balance_fen).toBe(11000);
    const rows = (await api.wallet.transactions()).data;
    expect(rows.map((r) => r.type).sort()).toEqual(['recharge', 'recharge_bonus']);
  });

  it('browses, quotes, books with the wallet, shows the QR, checks in with it and checks out', async () => {
    const fake = member('wallet');
    const order = (await api.wallet.recharge({ amount_fen: 5000 })).data;
    await requestPayment(order.payment);
    await waitForRecharge(order.outTradeNo, POLL);

    const list = (await api.rooms.list({ sort: 'availability' })).data;
    expect(list.find((r) => r.id === roomId)).toMatchObject({ name: '开放区 E2E', freeSeats: 6 });
    const room = (await api.rooms.detail(roomId)).data;
    const start = slotFromNow(2);
    const end = new Date(start.getTime() + 2 * 3600_000);
    const availability = (await api.rooms.availability(roomId, storeDate(start))).data;
    const map = buildSeatMap(room.layout, availability.seats, { start: iso(start), end: iso(end) });
    expect(map.flat().filter((c) => c.state === 'free')).toHaveLength(6);

    const quote = (await api.quotes.create({ seat: seatIds[0], start: iso(start), end: iso(end) })).data;
    expect(quote).toMatchObject({ base_fen: 1600, total_fen: 1600 });
    const result = await placeBooking({ seat: seatIds[0], start: iso(start), end: iso(end), payWith: 'wallet' }, new BookingAttempt());
    expect(result.outcome).toBe('confirmed');
    expect((await api.wallet.summary()).data.balance_fen).toBe(5000 - 1600);
    expect(fake.storage.get('studyroom.lastBooking')).toMatchObject({ seatId: seatIds[0], durationMinutes: 120 });

    // The seat now shows as mine on the map.
    const after = (await api.rooms.availability(roomId, storeDate(start))).data;
    const mine = buildSeatMap(room.layout, after.seats, { start: iso(start), end: iso(end) }).flat().find((c) => c.seatId === seatIds[0]);
    expect(mine!.state).toBe('mine');

    // At the door, five minutes before the start.
    productClock().set(new Date(start.getTime() - 5 * 60_000));
    const qr = (await api.bookings.qr(result.booking.id)).data;
    expect(new Date(qr.expiresAt).getTime()).toBeGreaterThan(productClock().nowMs());
    const checkedIn = (await api.bookings.checkIn({ token: qr.token })).data;
    expect(checkedIn.status).toBe('checked_in');
    const done = (await api.bookings.checkOut(result.booking.id)).data;
    expect(done.status).toBe('completed');
    const detail = (await api.bookings.detail(result.booking.id)).data;
    expect(detail.history!.map((h) => h.to)).toEqual(['confirmed', 'checked_in', 'completed']);
  });

  it('a WeChat-paid booking is held, then paid through wx.requestPayment and confirmed by the notification', async () => {
    member('wechat');
    const start = slotFromNow(5);
    const end = new Date(start.getTime() + 3600_000);
    const result = await placeBooking({ seat: seatIds[1], start: iso(start), end: iso(end), payWith: 'wechat' }, new BookingAttempt(), POLL);
    expect(result.outcome).toBe('confirmed');
    expect(result.booking.history!.map((h) => h.to)).toEqual(['pending_payment', 'confirmed']);
  });

  it('a WeChat hold the member did not pay stays held; retrying the same attempt does not book twice', async () => {
    const fake = member('hold');
    fake.wx.requestPayment = (o: any) => o.fail({ errMsg: 'requestPayment:fail cancel' });
    const start = slotFromNow(7);
    const body = { seat: seatIds[2], start: iso(start), end: iso(new Date(start.getTime() + 3600_000)), payWith: 'wechat' as const };
    const attempt = new BookingAttempt();
    const key = attempt.keyFor(body);
    const first = await placeBooking(body, attempt, POLL);
    expect(first.outcome).toBe('awaiting_payment');
    expect(first.booking.status).toBe('pending_payment');
    // The same attempt replayed by hand (a lost answer): the server answers the same booking.
    const replay = await api.bookings.create(body, key);
    expect(replay.data.id).toBe(first.booking.id);
    expect((await api.bookings.list({ status: 'pending_payment' })).data).toHaveLength(1);
  });

  it('cancels with the fee shown by the policy, and the rest goes back to the wallet', async () => {
    member('cancel');
    const order = (await api.wallet.recharge({ amount_fen: 5000 })).data;
    await requestPayment(order.payment);
    await waitForRecharge(order.outTradeNo, POLL);
    const settings = (await api.content.settings()).data;
    const start = slotFromNow(1); // inside the free-cancel window, so a fee applies
    const booked = await placeBooking({ seat: seatIds[3], start: iso(start), end: iso(new Date(start.getTime() + 3600_000)), payWith: 'wallet' }, new BookingAttempt());
    const cancelled = (await api.bookings.cancel(booked.booking.id)).data;
    const fee = Math.floor((800 * settings.cancelFeePercent + 50) / 100);
    expect(cancelled).toMatchObject({ status: 'cancelled', fee_fen: fee, refund_fen: 800 - fee });
    expect((await api.wallet.summary()).data.balance_fen).toBe(5000 - fee);
  });

  it('files a refund request and sees it pending', async () => {
    member('refund');
    const order = (await api.wallet.recharge({ amount_fen: 3000 })).data;
    await requestPayment(order.payment);
    await waitForRecharge(order.outTradeNo, POLL);
    const filed = (await api.refunds.create({ kind: 'withdraw', amount_fen: 1000, reason: '不再使用了' })).data;
    expect(filed).toMatchObject({ kind: 'withdraw', status: 'pending' });
    expect((await api.refunds.mine()).data.map((r) => r.id)).toEqual([filed.id]);
  });

  it('a banned member is told why and until when, and files an appeal', async () => {
    member('banned');
    const profile = await api.me.profile();
    await banMember(cms, profile.id, new Date(Date.now() + 7 * 86400_000), '7 天内 3 次未签到');
    const start = slotFromNow(3);
    const err = await placeBooking({ seat: seatIds[4], start: iso(start), end: iso(new Date(start.getTime() + 3600_000)), payWith: 'wallet' }, new BookingAttempt()).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('BANNED');
    expect(err.message).toContain('原因：7 天内 3 次未签到');
    expect(err.message).toMatch(/至 \d+月\d+日 \d\d:\d\d 解除/);

    const me = await api.me.profile();
    expect(me.ban).toMatchObject({ reason: '7 天内 3 次未签到', appeal: null });
    await api.me.appeal('那周我生病住院了，可以提供病历。');
    const later = await api.me.profile();
    expect(later.ban!.appeal).toMatchObject({ status: 'open', text: '那周我生病住院了，可以提供病历。' });
    const second = await api.me.appeal('再申诉一次').catch((e) => e);
    expect(second.code).toBe('INVALID_STATE');
  });

  it('a request after the JWT is revoked refreshes once and carries on', async () => {
    member('refresh');
    await api.wallet.summary();
    const s = currentSession()!;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { saveSession } = require('../../../miniprogram/services/session');
    saveSession({ ...s, jwt: `${s.jwt}x` }); // a JWT the server rejects
    const results = await Promise.all([api.wallet.summary(), api.bookings.list(), api.me.profile()]);
    expect(results).toHaveLength(3);
    expect(currentSession()!.refreshToken).not.toBe(s.refreshToken);
  });
});
