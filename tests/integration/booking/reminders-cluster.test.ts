import { startCms, usingMariaDb, type TestCms } from '../../support/cms';
import { spawnSibling, type CmsProcess } from '../../support/cms-process';
import { createRoom } from '../../support/fixtures';
import { loginMember, type Member } from '../../support/members';
import { book, iso, range, setParameters } from '../../support/booking';
import { eventually, fund, sleep } from '../../support/money';

// Production shape: CMS processes with their schedulers on, one MariaDB, one Redis, one WeChat.
(usingMariaDb() ? describe : describe.skip)('reminders on a cluster of CMS processes', () => {
  let cms: TestCms;
  let seats: any[];
  let confirmedTemplate: string;
  let slot = 0;
  const running: CmsProcess[] = [];
  // Every second, a short job lease (a killed process must not pause reminders for long) and a short send lease.
  const jobEnv = {
    JOBS_ENABLED: 'true',
    BOOKING_CRON_SEND_REMINDERS: '* * * * * *',
    REMINDERS_JOB_LEASE_SECONDS: '4',
    REMINDERS_SEND_LEASE_SECONDS: '3',
  };

  beforeAll(async () => {
    cms = await startCms();
    ({ seats } = await createRoom(cms, { seats: 10 }));
    await setParameters(cms, { open_booking_limit: 50, daily_quota_hours: 24 });
  });
  afterAll(async () => {
    for (const p of running) await p.stop();
    await cms?.close();
  });

  const received = (m: Member) => cms.emulator.subscribeMessages.filter((x: any) => x.touser === m.openid);

  /** A member who accepted `bookings` confirmations, and made that many wallet bookings. */
  async function memberWithBookings(bookings: number) {
    const m = await loginMember(cms);
    await fund(cms, m.id, 100_000);
    if (!confirmedTemplate) {
      const list = await cms.api.get('/api/me/subscriptions').set(m.auth);
      confirmedTemplate = list.body.data.find((t: any) => t.kind === 'booking_confirmed').templateId;
    }
    await cms.api.post('/api/me/subscriptions').set(m.auth).send({ accepted: Array(bookings).fill(confirmedTemplate) }).expect(200);
    const ids: string[] = [];
    for (let i = 0; i < bookings; i += 1) {
      slot += 1;
      const { start, end } = range(4 + Math.floor(slot / seats.length), 1);
      const res = await book(cms, m, { seat: seats[slot % seats.length].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
      expect(res.status).toBe(201);
      ids.push(res.body.data.id);
    }
    return { m, ids };
  }

  it('two processes both running the job: every reminder reaches WeChat exactly once, with one token for the cluster', async () => {
    running.push(await spawnSibling(cms, jobEnv), await spawnSibling(cms, jobEnv));
    const members = [];
    for (let i = 0; i < 4; i += 1) members.push(await memberWithBookings(3));

    await eventually(async () => cms.emulator.subscribeMessages.length >= 12, 30_000);
    await sleep(4000); // several more ticks on both processes: nothing more may arrive
    for (const { m, ids } of members) {
      const pages = received(m).map((x: any) => x.page).sort();
      expect(pages).toEqual(ids.map((id) => `subpackages/booking/detail/index?id=${id}`).sort());
    }
    expect(cms.emulator.subscribeMessages).toHaveLength(12);
    expect(cms.emulator.tokenFetches).toHaveLength(1);
    for (const p of running.splice(0)) await p.stop();
  });

  it('a process killed while WeChat is answering its send: after a restart nothing is sent twice', async () => {
    const before = cms.emulator.subscribeMessages.length;
    // The next send is delivered to the member, but WeChat's answer comes 20 s late.
    cms.emulator.failNextSubscribe({ delayMs: 20_000 });
    const first = await memberWithBookings(1);
    const others = [await memberWithBookings(1), await memberWithBookings(1)];

    const doomed = await spawnSibling(cms, jobEnv);
    running.push(doomed);
    await eventually(async () => cms.emulator.subscribeMessages.length > before, 30_000);
    doomed.child.kill('SIGKILL');
    await new Promise((r) => (doomed.child.signalCode !== null ? r(null) : doomed.child.once('exit', r)));

    running.push(await spawnSibling(cms, jobEnv));
    await eventually(async () => cms.emulator.subscribeMessages.length >= before + 3, 40_000);
    await sleep(5000);

    for (const { m } of [first, ...others]) expect(received(m)).toHaveLength(1);
    expect(cms.emulator.subscribeMessages).toHaveLength(before + 3);
    const statuses = [];
    for (const { m } of [first, ...others]) statuses.push(...(await cms.strapi.plugin('booking').service('reminders').forMember(m.id)).map((r: any) => r.status));
    // The one in flight when the process died is recorded as interrupted (delivered, answer never heard).
    expect(statuses.sort()).toEqual(['interrupted', 'sent', 'sent']);
  });
});
