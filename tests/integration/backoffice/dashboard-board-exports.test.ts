import { DateTime } from 'luxon';
import { useCms, createRoom, loginMember, type Member, loginStaff, book, productClock, setParameters, asText, parseCsv } from '../../support';

/**
 * One store day, built by hand, and the figures staff should see for it. The clock is pinned to 09:00
 * (Asia/Shanghai) two days ahead, so "today" never straddles midnight whenever the test runs.
 */
describe('dashboard, board and exports against a hand-built day', () => {
  const cms = useCms();
  let room: any;
  let seats: any[];
  let manager: Awaited<ReturnType<typeof loginStaff>>;
  let desk: Awaited<ReturnType<typeof loginStaff>>;
  const day = DateTime.now().setZone('Asia/Shanghai').plus({ days: 2 }).startOf('day');
  const at = (hhmm: string) => DateTime.fromISO(`${day.toISODate()}T${hhmm}:00`, { zone: 'Asia/Shanghai' }).toISO()!;
  const realToday = DateTime.now().setZone('Asia/Shanghai').toISODate()!;
  const members: Record<string, Member> = {};
  const bookings: Record<string, any> = {};

  async function recharge(m: Member, fen: number) {
    await cms.strapi.plugin('payments').service('wallet').credit({ userId: m.id, principalFen: fen, type: 'recharge', ref: { kind: 'recharge', id: `t-${m.id}` }, actor: { type: 'system' }, countsAsRecharge: true });
  }

  beforeAll(async () => {
    ({ room, seats } = await createRoom(cms, { seats: 4, name: '一号自习室' }));
    await setParameters(cms, { open_booking_limit: 20, daily_quota_hours: 24, offline_payment_enabled: true, offline_hold_minutes: 120, cancel_free_hours: 0 });
    manager = await loginStaff(cms, 'store-manager');
    desk = await loginStaff(cms, 'front-desk');
    productClock().set(new Date(at('09:00')));
    for (const name of ['m1', 'm2', 'm3', 'm4']) members[name] = await loginMember(cms);
    await recharge(members.m1, 10_000);
    await recharge(members.m2, 5_000);
    await recharge(members.m3, 3_000);
    // seats: A1 standard 800/h, A2 window 1000/h, A3 power 1200/h, A4 standard 800/h
    const make = async (key: string, m: Member, seat: number, from: string, to: string, payWith = 'wallet') => {
      const res = await book(cms, m, { seat: seats[seat].documentId, start: at(from), end: at(to), payWith });
      expect(res.status).toBe(201);
      bookings[key] = res.body.data;
    };
    await make('a1', members.m1, 0, '10:00', '12:00'); // 1600
    await make('a2', members.m2, 1, '09:30', '10:30'); // 1000
    await make('a3', members.m3, 2, '10:00', '11:00'); // 1200, cancelled below with a full refund
    await make('a4', members.m4, 3, '09:30', '11:00', 'offline'); // 1200, confirmed at the desk below
    expect((await cms.api.post(`/booking/bookings/${bookings.a3.id}/cancel`).set(manager.auth).send({ reason: 'test', waiveFee: true })).status).toBe(200);
    expect((await cms.api.post(`/booking/offline-payments/${bookings.a4.id}/confirm`).set(desk.auth).send({})).status).toBe(200);
    productClock().set(new Date(at('09:40')));
    // Within the 15-minute grace after the 09:30 start.
    const checkin = await cms.api.post(`/booking/bookings/${bookings.a2.id}/checkin`).set(desk.auth).send({});
    expect([checkin.status, checkin.body.error?.message]).toEqual([200, undefined]);
    await cms.strapi.db.query('api::appeal.appeal').create({ data: { user: members.m3.id, text: '请解除封禁', status: 'open' } });
  }, 300_000);
  it('shows seats in use, held and free per room right now', async () => {
    const res = await cms.api.get('/booking/dashboard').set(desk.auth);
    expect(res.status).toBe(200);
    expect(res.body.data.rooms.find((r: any) => r.id === room.documentId)).toMatchObject({ seats: 4, inUse: 1, held: 1, free: 2 });
  });

  it("shows today's bookings, check-ins, no-shows and cancellations", async () => {
    const res = await cms.api.get('/booking/dashboard').set(desk.auth);
    expect(res.body.data.today).toEqual({ bookings: 3, checkIns: 1, noShows: 0, cancellations: 1 });
  });

  it('shows money in, out, consumption and what the wallets owe, identical for today, 7 and 30 days', async () => {
    const { money, owed, queues } = (await cms.api.get('/booking/dashboard').set(manager.auth)).body.data;
    const expected = {
      in: { rechargesFen: 18_000, wechatBookingsFen: 0, wechatMembershipsFen: 0, offlineReceiptsFen: 1200, totalFen: 19_200 },
      out: { refundsFen: 0 },
      // 1600 + 1000 + 1200 − 1200 refunded + 1200 paid offline through the wallet
      consumption: { bookingsFen: 3800, membershipsFen: 0, totalFen: 3800 },
    };
    expect(money.today).toEqual(expected);
    expect(money.last7Days).toEqual(expected);
    expect(money.last30Days).toEqual(expected);
    expect(owed.balanceFen).toBe(8400 + 4000 + 3000 + 0);
    expect(queues).toMatchObject({ refundRequests: 0, appeals: 1, offlinePayments: 0 });
  });

  it('charts occupancy by hour of day over 7 days and money in per day over 30 days', async () => {
    const res = await cms.api.get('/booking/dashboard/charts').set(desk.auth);
    expect(res.status).toBe(200);
    const strip = res.body.data.occupancy.rooms.find((r: any) => r.id === room.documentId).percent;
    expect(strip).toHaveLength(24);
    // seat-minutes booked / (4 seats × 7 days × 60): 09h 60 → 4 %, 10h 150 → 9 %, 11h 60 → 4 %
    expect([strip[8], strip[9], strip[10], strip[11], strip[12]]).toEqual([0, 4, 9, 4, 0]);
    const revenue = res.body.data.revenue;
    expect(revenue).toHaveLength(30);
    expect(revenue[29]).toEqual({ date: day.toISODate(), inFen: 19_200 });
    expect(revenue.slice(0, 29).every((d: any) => d.inFen === 0)).toBe(true);
  });

  it('draws the board of the room and day: every seat, every booking with its status and member', async () => {
    const res = await cms.api.get(`/booking/board?room=${room.documentId}&date=${day.toISODate()}`).set(desk.auth);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data.seats.map((s: any) => s.label)).toEqual(['A1', 'A2', 'A3', 'A4']);
    const byId = Object.fromEntries(data.bookings.map((b: any) => [b.id, b]));
    expect(byId[bookings.a1.id]).toMatchObject({ seat: seats[0].documentId, status: 'confirmed', start: at('10:00').replace('.000', ''), member: { id: members.m1.id } });
    expect(byId[bookings.a2.id].status).toBe('checked_in');
    expect(byId[bookings.a3.id].status).toBe('cancelled');
    expect(byId[bookings.a4.id]).toMatchObject({ status: 'confirmed', payWith: 'offline' });
    const otherDay = await cms.api.get(`/booking/board?room=${room.documentId}&date=${day.plus({ days: 1 }).toISODate()}`).set(desk.auth);
    expect(otherDay.body.data.bookings).toHaveLength(0);
    const unknown = await cms.api.get('/booking/board?room=nope').set(desk.auth);
    expect(unknown.status).toBe(404);
  });

  it('exports the day’s bookings as CSV with a BOM, row by row', async () => {
    const res = await cms.api.get(`/booking/exports/bookings?from=${day.toISODate()}&to=${day.toISODate()}`).set(manager.auth).buffer(true).parse(asText);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toContain(`bookings_${day.toISODate()}_${day.toISODate()}.csv`);
    const csv = parseCsv(res.body);
    expect(csv.bom).toBe(true);
    expect(csv.header[0]).toBe('预约编号 booking_id');
    expect(csv.rows).toHaveLength(4);
    const row = csv.rows.find((r) => r[0] === bookings.a3.id)!;
    expect([row[4], row[5], row[8], row[9], row[13], row[15]]).toEqual(['一号自习室', 'A3', 'cancelled', 'wallet', '1200', '1200']);
  });

  it('exports the ledger and the members (manager only)', async () => {
    const ledger = await cms.api.get(`/payments/exports/ledger?from=${day.toISODate()}&to=${day.toISODate()}`).set(manager.auth).buffer(true).parse(asText);
    expect(ledger.status).toBe(200);
    const rows = parseCsv(ledger.body).rows;
    expect(rows.map((r) => r[3]).sort()).toEqual(['booking_payment', 'booking_payment', 'booking_payment', 'booking_payment', 'booking_refund', 'offline_receipt', 'recharge', 'recharge', 'recharge'].sort());
    expect(rows.reduce((sum, r) => sum + Number(r[4]), 0)).toBe(15_400);
    const membersCsv = await cms.api.get(`/payments/exports/members?from=${realToday}&to=${day.toISODate()}`).set(manager.auth).buffer(true).parse(asText);
    const memberRows = parseCsv(membersCsv.body).rows;
    expect(memberRows.find((r) => Number(r[0]) === members.m1.id)![4]).toBe('8400');
    const refunds = await cms.api.get(`/payments/exports/refund-requests?from=${day.toISODate()}&to=${day.toISODate()}`).set(manager.auth).buffer(true).parse(asText);
    expect(parseCsv(refunds.body)).toMatchObject({ bom: true, rows: [] });
    expect((await cms.api.get(`/payments/exports/ledger?from=${day.toISODate()}&to=${day.toISODate()}`).set(desk.auth)).status).toBe(403);
    const bad = await cms.api.get('/booking/exports/bookings?from=2026-05-02&to=2026-05-01').set(manager.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.code).toBe('VALIDATION');
  });
});
