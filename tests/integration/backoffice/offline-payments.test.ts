import { useCms, createRoom, loginMember, type Member, loginStaff, balance, book, iso, orphanClaims, productClock, range, runJob, setParameters } from '../../support';

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('offline payment verified by staff', () => {
  const cms = useCms({ resetClockAfterEach: true });
  let seats: any[];
  let desk: Awaited<ReturnType<typeof loginStaff>>;
  let seatNo = 0;

  beforeAll(async () => {
    ({ seats } = await createRoom(cms, { seats: 8 }));
    await setParameters(cms, { open_booking_limit: 20, daily_quota_hours: 24, offline_payment_enabled: true, offline_hold_minutes: 45 });
    desk = await loginStaff(cms, 'front-desk');
  }, 300_000);

  async function offlineBooking(m?: Member) {
    const member = m ?? (await loginMember(cms));
    const { start, end } = range(3, 1);
    const res = await book(cms, member, { seat: seats[seatNo++].documentId, start: iso(start), end: iso(end), payWith: 'offline' });
    expect(res.status).toBe(201);
    return { member, booking: res.body.data };
  }

  const ledgerOf = (userId: number) => cms.strapi.db.connection(cms.strapi.db.metadata.get('plugin::payments.ledger-entry').tableName).where({ user_id: userId }).orderBy('id');

  it('public settings announce offline payment and its hold time', async () => {
    const res = await cms.api.get('/api/settings/public');
    expect(res.body.data.offlinePayment).toEqual({ enabled: true, holdMinutes: 45 });
  });

  it('a member books with payWith "offline": the seat is held as pending_payment for the offline hold time', async () => {
    const before = productClock().nowMs();
    const { booking } = await offlineBooking();
    expect(booking).toMatchObject({ status: 'pending_payment', payWith: 'offline', offlineProof: null });
    const holdMs = Date.parse(booking.holdExpiresAt) - before;
    expect(holdMs).toBeGreaterThan(44 * 60_000);
    expect(holdMs).toBeLessThan(46 * 60_000);
  });

  it('the member attaches a proof image; another member, a PDF or a second booking state is refused', async () => {
    const { member, booking } = await offlineBooking();
    const other = await loginMember(cms);
    const stranger = await cms.api.post(`/api/booking/bookings/${booking.id}/offline-proof`).set(other.auth).attach('file', PNG_1PX, { filename: 'proof.png', contentType: 'image/png' });
    expect(stranger.status).toBe(404);
    const pdf = await cms.api.post(`/api/booking/bookings/${booking.id}/offline-proof`).set(member.auth).attach('file', Buffer.from('%PDF-1.4'), { filename: 'proof.pdf', contentType: 'application/pdf' });
    expect(pdf.status).toBe(400);
    expect(pdf.body.error.details.code).toBe('VALIDATION');
    const res = await cms.api.post(`/api/booking/bookings/${booking.id}/offline-proof`).set(member.auth).attach('file', PNG_1PX, { filename: 'proof.png', contentType: 'image/png' });
    expect(res.status).toBe(200);
    expect(res.body.data.offlineProof.url).toMatch(/\.png$/);
    expect(res.body.data.offlineProof.uploadedAt).toMatch(/\+08:00$/);

    const queue = await cms.api.get('/booking/offline-payments?status=pending').set(desk.auth);
    expect(queue.status).toBe(200);
    const row = queue.body.data.find((b: any) => b.id === booking.id);
    expect(row.offlineProof.url).toBe(res.body.data.offlineProof.url);
    expect(row.member.id).toBe(member.id);
  });

  it('front desk confirms: booking confirmed, ledger has the offline receipt and the booking payment, balance unchanged', async () => {
    const { member, booking } = await offlineBooking();
    const res = await cms.api.post(`/booking/offline-payments/${booking.id}/confirm`).set(desk.auth).send({ note: '现金 cash at desk' });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('confirmed');
    const rows = await ledgerOf(member.id);
    expect(rows.map((r: any) => [r.type, Number(r.amount_fen), r.ref_id])).toEqual([
      ['offline_receipt', booking.total_fen, booking.id],
      ['booking_payment', -booking.total_fen, booking.id],
    ]);
    expect(await balance(cms, member)).toBe(0);
    const confirmedQueue = await cms.api.get('/booking/offline-payments?status=confirmed').set(desk.auth);
    expect(confirmedQueue.body.data.map((b: any) => b.id)).toContain(booking.id);
    // A second confirmation changes nothing.
    const again = await cms.api.post(`/booking/offline-payments/${booking.id}/confirm`).set(desk.auth).send({});
    expect(again.status).toBe(409);
    expect(again.body.error.details.code).toBe('INVALID_STATE');
    expect((await ledgerOf(member.id)).length).toBe(2);

    // Cancelling a confirmed offline booking returns the money to the wallet, like a wallet payment.
    const manager = await loginStaff(cms, 'store-manager');
    const cancel = await cms.api.post(`/booking/bookings/${booking.id}/cancel`).set(manager.auth).send({ reason: 'closed for repair', waiveFee: true });
    expect(cancel.status).toBe(200);
    expect(await balance(cms, member)).toBe(booking.total_fen);
  });

  it('front desk rejects with a reason: the hold is released, the member sees the reason, no ledger row', async () => {
    const { member, booking } = await offlineBooking();
    const empty = await cms.api.post(`/booking/offline-payments/${booking.id}/reject`).set(desk.auth).send({});
    expect(empty.status).toBe(400);
    const res = await cms.api.post(`/booking/offline-payments/${booking.id}/reject`).set(desk.auth).send({ reason: '未收到转账 transfer not received' });
    expect(res.status).toBe(200);
    const mine = await cms.api.get(`/api/booking/bookings/${booking.id}`).set(member.auth);
    expect(mine.body.data).toMatchObject({ status: 'cancelled', cancelReason: '未收到转账 transfer not received' });
    expect(await ledgerOf(member.id)).toHaveLength(0);
    expect(await orphanClaims(cms)).toBe(0);
    const rejected = await cms.api.get('/booking/offline-payments?status=rejected').set(desk.auth);
    expect(rejected.body.data.map((b: any) => b.id)).toContain(booking.id);
  });

  it('an unverified hold expires through the hold job; confirming it afterwards answers HOLD_EXPIRED', async () => {
    const { member, booking } = await offlineBooking();
    productClock().advance(46 * 60_000);
    const late = await cms.api.post(`/api/booking/bookings/${booking.id}/offline-proof`).set(member.auth).attach('file', PNG_1PX, { filename: 'proof.png', contentType: 'image/png' });
    expect(late.status).toBe(410);
    expect(late.body.error.details.code).toBe('HOLD_EXPIRED');
    await runJob('booking.release-expired-holds');
    const mine = await cms.api.get(`/api/booking/bookings/${booking.id}`).set(member.auth);
    expect(mine.body.data.status).toBe('expired');
    const res = await cms.api.post(`/booking/offline-payments/${booking.id}/confirm`).set(desk.auth).send({});
    expect(res.status).toBe(410);
    expect(res.body.error.details.code).toBe('HOLD_EXPIRED');
    expect(await orphanClaims(cms)).toBe(0);
  });

  it('a store without offline payment answers 409 OFFLINE_PAYMENT_DISABLED and writes nothing', async () => {
    await setParameters(cms, { offline_payment_enabled: false });
    try {
      const m = await loginMember(cms);
      const { start, end } = range(3, 1);
      const res = await book(cms, m, { seat: seats[7].documentId, start: iso(start), end: iso(end), payWith: 'offline' });
      expect(res.status).toBe(409);
      expect(res.body.error.details.code).toBe('OFFLINE_PAYMENT_DISABLED');
      const list = await cms.api.get('/api/booking/bookings').set(m.auth);
      expect(list.body.data).toHaveLength(0);
    } finally {
      await setParameters(cms, { offline_payment_enabled: true });
    }
  });

  it('a content editor cannot see or verify the queue', async () => {
    const editor = await loginStaff(cms, 'content-editor');
    expect((await cms.api.get('/booking/offline-payments').set(editor.auth)).status).toBe(403);
  });
});
