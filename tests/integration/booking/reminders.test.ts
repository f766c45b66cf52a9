import { startCms, type TestCms } from '../../support/cms';
import { createRoom } from '../../support/fixtures';
import { loginMember, type Member } from '../../support/members';
import { loginStaff } from '../../support/staff';
import { book, iso, productClock, range, runJob, setParameters } from '../../support/booking';
import { fund } from '../../support/money';

const SEND = '/cgi-bin/message/subscribe/send';

describe('reminders through WeChat subscribe messages', () => {
  let cms: TestCms;
  let seats: any[];
  let templates: Record<string, string>;
  let slot = 0;

  beforeAll(async () => {
    cms = await startCms({ env: { REMINDERS_RETRY_BASE_SECONDS: '0', REMINDERS_MAX_ATTEMPTS: '3' } });
    ({ seats } = await createRoom(cms, { seats: 10, name: '一号自习室' }));
    await setParameters(cms, { open_booking_limit: 50, daily_quota_hours: 24 });
  });
  afterEach(() => productClock().reset());
  afterAll(async () => cms?.close());

  const sendReminders = () => runJob('booking.send-reminders');
  const received = (m: Member) => cms.emulator.subscribeMessages.filter((x: any) => x.touser === m.openid);
  const sendCalls = (m: Member) => cms.emulator.requests.filter((r: any) => r.path === SEND && JSON.parse(r.body).touser === m.openid);
  const messages = (m: Member) => cms.strapi.plugin('booking').service('reminders').forMember(m.id);

  async function member(consents: string[] = []) {
    const m = await loginMember(cms);
    await fund(cms, m.id, 100_000);
    if (consents.length) {
      const res = await cms.api.post('/api/me/subscriptions').set(m.auth).send({ accepted: consents.map((k) => templates[k]) });
      expect(res.status).toBe(200);
    }
    return m;
  }

  /** A wallet booking (confirmed at once) on its own seat-hour, `hours` from now. */
  async function confirmedBooking(m: Member, hours = 5) {
    slot += 1;
    const { start, end } = range(hours + Math.floor(slot / seats.length), 1);
    const res = await book(cms, m, { seat: seats[slot % seats.length].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
    expect(res.status).toBe(201);
    return { ...res.body.data, start, end };
  }

  it('lists the templates to ask for, each with my unused consents (none at first)', async () => {
    const m = await loginMember(cms);
    const res = await cms.api.get('/api/me/subscriptions').set(m.auth);
    expect(res.status).toBe(200);
    expect(res.body.data.map((t: any) => t.kind)).toEqual(['booking_confirmed', 'booking_starting', 'hold_expiring', 'no_show', 'refund_result', 'waitlist_offer']);
    expect(res.body.data.every((t: any) => t.remaining === 0 && typeof t.templateId === 'string')).toBe(true);
    templates = Object.fromEntries(res.body.data.map((t: any) => [t.kind, t.templateId]));
  });

  it('each accept is counted; an unknown template id is refused with VALIDATION and counts nothing', async () => {
    const m = await loginMember(cms);
    const res = await cms.api.post('/api/me/subscriptions').set(m.auth).send({ accepted: [templates.booking_confirmed, templates.booking_confirmed, templates.no_show] });
    expect(res.status).toBe(200);
    const count = (body: any, kind: string) => body.data.find((t: any) => t.kind === kind).remaining;
    expect(count(res.body, 'booking_confirmed')).toBe(2);
    expect(count(res.body, 'no_show')).toBe(1);

    const bad = await cms.api.post('/api/me/subscriptions').set(m.auth).send({ accepted: [templates.booking_confirmed, 'not-a-template'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.code).toBe('VALIDATION');
    expect(bad.body.error.message).toContain('not-a-template');
    const after = await cms.api.get('/api/me/subscriptions').set(m.auth);
    expect(count(after.body, 'booking_confirmed')).toBe(2);

    const anonymous = await cms.api.post('/api/me/subscriptions').send({ accepted: [templates.no_show] });
    expect(anonymous.status).toBe(401);
  });

  it('a consent is spent once: one accept, two confirmed bookings → one message, the other recorded no_consent', async () => {
    const m = await member(['booking_confirmed']);
    const first = await confirmedBooking(m);
    await confirmedBooking(m);
    await sendReminders();
    await sendReminders();

    const got = received(m);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ template_id: templates.booking_confirmed, page: `subpackages/booking/detail/index?id=${first.id}` });
    expect(got[0].data.thing1.value).toBe('一号自习室');
    expect((await messages(m)).map((x: any) => x.status).sort()).toEqual(['no_consent', 'sent']);
    const left = await cms.api.get('/api/me/subscriptions').set(m.auth);
    expect(left.body.data.find((t: any) => t.kind === 'booking_confirmed').remaining).toBe(0);
  });

  it('without any consent nothing is sent to WeChat', async () => {
    const m = await member();
    await confirmedBooking(m);
    await sendReminders();
    expect(sendCalls(m)).toHaveLength(0);
    expect(await messages(m)).toEqual([expect.objectContaining({ kind: 'booking_confirmed', status: 'no_consent' })]);
  });

  it.each([43101, 47003])('WeChat refusing with %i ends the attempt: recorded, never retried', async (errcode) => {
    const m = await member(['booking_confirmed']);
    await confirmedBooking(m);
    cms.emulator.failNextSubscribe({ errcode });
    await sendReminders();
    await sendReminders();
    expect(sendCalls(m)).toHaveLength(1);
    expect(received(m)).toHaveLength(0);
    expect(await messages(m)).toEqual([expect.objectContaining({ status: 'refused', errcode, attempts: 1 })]);
  });

  it('a transient failure (gateway 502, then WeChat busy -1) is retried until it goes through, once', async () => {
    const m = await member(['booking_confirmed']);
    await confirmedBooking(m);
    cms.emulator.failNextSubscribe({ httpStatus: 502 });
    cms.emulator.failNextSubscribe({ errcode: -1 });
    await sendReminders();
    expect(await messages(m)).toEqual([expect.objectContaining({ status: 'pending', attempts: 1 })]);
    await sendReminders();
    expect(await messages(m)).toEqual([expect.objectContaining({ status: 'pending', attempts: 2, errcode: -1 })]);
    await sendReminders();
    expect(await messages(m)).toEqual([expect.objectContaining({ status: 'sent', attempts: 3 })]);
    expect(sendCalls(m)).toHaveLength(3);
    expect(received(m)).toHaveLength(1);
  });

  it('after the last attempt it is recorded failed and the unused consent is counted again', async () => {
    const m = await member(['booking_confirmed']);
    await confirmedBooking(m);
    cms.emulator.failNextSubscribe({ errcode: -1, times: 3 });
    for (let i = 0; i < 4; i += 1) await sendReminders();
    expect(sendCalls(m)).toHaveLength(3);
    expect(await messages(m)).toEqual([expect.objectContaining({ status: 'failed', attempts: 3 })]);
    const left = await cms.api.get('/api/me/subscriptions').set(m.auth);
    expect(left.body.data.find((t: any) => t.kind === 'booking_confirmed').remaining).toBe(1);
  });

  it('an expired access token is replaced once (force_refresh) and the message retried at once', async () => {
    const warm = await member(['booking_confirmed']);
    await confirmedBooking(warm);
    await sendReminders(); // the cluster has a token now
    expect(received(warm)).toHaveLength(1);
    const fetchesBefore = cms.emulator.tokenFetches.length;

    cms.emulator.expireAccessTokens();
    const m = await member(['booking_confirmed']);
    await confirmedBooking(m);
    await sendReminders();
    expect(sendCalls(m)).toHaveLength(2); // 42001, then the retry with the new token
    expect(received(m)).toHaveLength(1);
    expect(await messages(m)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
    expect(cms.emulator.tokenFetches.slice(fetchesBefore).map((f: any) => f.forceRefresh)).toEqual([true]);
  });

  it('the job reminds of a booking starting soon and of a hold about to expire, once each', async () => {
    const m = await member(['booking_starting', 'hold_expiring']);
    const booked = await confirmedBooking(m, 3);
    slot += 1;
    const { start, end } = range(6, 1);
    const hold = await book(cms, m, { seat: seats[slot % seats.length].documentId, start: iso(start), end: iso(end), payWith: 'wechat' });
    expect(hold.status).toBe(201);
    const holdExpires = new Date(hold.body.data.holdExpiresAt ?? hold.body.data.hold_expires_at).getTime();

    // 3 minutes before the hold expires: it is warned about, the booking three hours out is not yet.
    productClock().set(new Date(holdExpires - 3 * 60_000));
    await sendReminders();
    await sendReminders();
    expect(received(m).map((x: any) => x.template_id)).toEqual([templates.hold_expiring]);

    // 10 minutes before the booking starts.
    productClock().set(new Date(booked.start.getTime() - 10 * 60_000));
    await sendReminders();
    await sendReminders();
    const starting = received(m).filter((x: any) => x.template_id === templates.booking_starting);
    expect(starting).toHaveLength(1);
    expect(starting[0].data.thing4.value).toBe('10分钟后开始，请按时签到');
  });

  it('a hold paid or cancelled before its warning goes out is not warned about (obsolete)', async () => {
    const m = await member(['hold_expiring']);
    slot += 1;
    const { start, end } = range(7, 1);
    const hold = await book(cms, m, { seat: seats[slot % seats.length].documentId, start: iso(start), end: iso(end), payWith: 'wechat' });
    expect(hold.status).toBe(201);
    productClock().set(new Date(new Date(hold.body.data.holdExpiresAt).getTime() - 3 * 60_000));
    const reminders = cms.strapi.plugin('booking').service('reminders');
    expect((await reminders.produceDue()).holds).toBeGreaterThanOrEqual(1);
    expect((await cms.api.post(`/api/booking/bookings/${hold.body.data.id}/cancel`).set(m.auth).send({})).status).toBe(200);
    await sendReminders();
    expect(sendCalls(m)).toHaveLength(0);
    expect(await messages(m)).toEqual([expect.objectContaining({ kind: 'hold_expiring', status: 'obsolete' })]);
    const left = await cms.api.get('/api/me/subscriptions').set(m.auth);
    expect(left.body.data.find((t: any) => t.kind === 'hold_expiring').remaining).toBe(1);
  });

  it('a recorded no-show is notified by the no-show use case', async () => {
    const m = await member(['no_show']);
    const booked = await confirmedBooking(m, 2);
    productClock().set(new Date(booked.start.getTime() + 60 * 60_000));
    await runJob('booking.mark-no-shows');
    await sendReminders();
    const got = received(m).filter((x: any) => x.template_id === templates.no_show);
    expect(got).toHaveLength(1);
    expect(got[0].data.thing3.value).toBe('未按时签到，座位已释放');
  });

  it('the refund result reaches the member: approved dispute refunded, a rejection with its reason', async () => {
    const manager = await loginStaff(cms, 'store-manager');
    const m = await member(['refund_result', 'refund_result']);
    const booked = await confirmedBooking(m);
    const dispute = async () => {
      const res = await cms.api.post('/api/payments/refund-requests').set(m.auth).send({ kind: 'dispute', booking: booked.id, reason: 'the lamp was broken' });
      expect(res.status).toBe(201);
      return res.body.data.id as string;
    };
    const first = await dispute();
    expect((await cms.api.post(`/payments/refund-requests/${first}/approve`).set(manager.auth).send({ amount_fen: 300 })).body.data.status).toBe('completed');
    const second = await dispute();
    expect((await cms.api.post(`/payments/refund-requests/${second}/reject`).set(manager.auth).send({ reason: '已全额处理' })).status).toBe(200);
    await sendReminders();

    const got = received(m).filter((x: any) => x.template_id === templates.refund_result);
    expect(got.map((x: any) => [x.data.phrase1.value, x.data.thing2.value, x.data.thing3.value])).toEqual([
      ['退款成功', '¥3.00', '如有疑问请联系前台'],
      ['未通过', '¥0.00', '已全额处理'],
    ]);
  });

  it('settled messages leave the outbox after 30 days; messages still to send stay', async () => {
    const sentTo = await member(['booking_confirmed']);
    await confirmedBooking(sentTo);
    await sendReminders();
    expect((await messages(sentTo)).map((x: any) => x.status)).toEqual(['sent']);
    const waiting = await member();
    const queued = await confirmedBooking(waiting);
    expect(queued.status).toBe('confirmed');
    const kept = (await messages(waiting)).map((x: any) => x.status);
    expect(kept).toEqual(['pending']);

    productClock().advance(29 * 24 * 3600_000);
    await runJob('booking.purge-settled-reminders');
    expect(await messages(sentTo)).toHaveLength(1);

    productClock().advance(2 * 24 * 3600_000);
    const purged = await runJob('booking.purge-settled-reminders');
    expect(purged.result).toBeGreaterThanOrEqual(1);
    expect(await messages(sentTo)).toEqual([]);
    expect((await messages(waiting)).map((x: any) => x.status)).toEqual(kept);
  });
});
