import { startCms, usingMariaDb, type TestCms } from '../../support/cms';
import { spawnSibling, type CmsProcess } from '../../support/cms-process';
import { createRoom } from '../../support/fixtures';
import { loginMember, type Member } from '../../support/members';
import { book, iso, orphanClaims, overlappingBookings, productClock, range, runJob, setParameters } from '../../support/booking';
import { fund } from '../../support/money';
import { openLive } from '../../support/live';

/**
 * Offers under a race: every seat of a room is booked for one range and members wait in line for it.
 * All the bookings are cancelled at once (on MariaDB through two CMS processes) while more members join.
 * The seats are never double-booked, each freed seat goes to exactly one entry, no entry gets two
 * offers, and the offers go to the first in line; when they lapse, to the next ones.
 */
describe(`waiting-list offers under a race (${usingMariaDb() ? 'MariaDB, two CMS processes' : 'SQLite, one process'})`, () => {
  let cms: TestCms;
  let sibling: CmsProcess | null = null;
  const SEATS = 6;
  const LINE = 16;
  const LATE = 10;

  beforeAll(async () => {
    cms = await startCms({ env: { DATABASE_POOL_MAX: '20' } });
    await setParameters(cms, { open_booking_limit: 50, daily_quota_hours: 24, waitlist_offer_minutes: 10 });
    if (usingMariaDb()) sibling = await spawnSibling(cms, { DATABASE_POOL_MAX: '20' });
  }, 180_000);
  afterAll(async () => {
    productClock().reset();
    await sibling?.stop();
    await cms?.close();
  });

  const entryRows = async (roomId: number) => cms.strapi.db.query('plugin::booking.waitlist-entry').findMany({ where: { room_id: roomId }, orderBy: [{ joined_at: 'asc' }, { id: 'asc' }] });

  it('never double-books, offers each freed seat once and to the first in line, and passes lapsed offers on in order', async () => {
    const { room, seats } = await createRoom(cms, { seats: SEATS });
    const { start, end } = range(6, 2);
    const body = { start: iso(start), end: iso(end) };
    const holders: { member: Member; booking: string }[] = [];
    for (const seat of seats) {
      const m = await loginMember(cms);
      await fund(cms, m.id, 100_000);
      const res = await book(cms, m, { seat: seat.documentId, ...body, payWith: 'wallet' });
      expect(res.status).toBe(201);
      holders.push({ member: m, booking: res.body.data.id });
    }
    const line: Member[] = [];
    for (let i = 0; i < LINE; i += 1) {
      const m = await loginMember(cms);
      const res = await cms.api.post('/api/booking/waitlist').set(m.auth).send({ room: room.documentId, ...body });
      expect(res.body.data.position).toBe(i + 1);
      line.push(m);
    }
    const late: Member[] = [];
    for (let i = 0; i < LATE; i += 1) late.push(await loginMember(cms));

    // The first in line follows live on the other process: the offer reaches it whichever process made it.
    const socket = await openLive(sibling ? sibling.url : cms.url);
    socket.send({ type: 'auth', token: line[0].jwt });
    await socket.next((m) => m.type === 'ready');

    const urlOf = (i: number) => (sibling && i % 2 === 1 ? sibling.url : cms.url);
    const post = (url: string, path: string, auth: Record<string, string>, payload: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(payload) }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const results = await Promise.all([
      ...holders.map((h, i) => post(urlOf(i), `/api/booking/bookings/${h.booking}/cancel`, h.member.auth, {})),
      ...late.map((m, i) =>
        post(urlOf(i + 1), '/api/booking/waitlist', m.auth, { room: room.documentId, ...(i % 2 === 0 ? { seat: seats[i % SEATS].documentId } : {}), ...body }),
      ),
    ]);
    expect(results.filter((r) => r.status >= 300)).toEqual([]);

    // A release's offer runs after its commit; the sweep settles anything still under way elsewhere.
    await new Promise((r) => setTimeout(r, 500));
    await runJob('booking.offer-waiting-seats');

    const offer = await socket.next((m) => m.type === 'waitlist_offer');
    socket.close();
    expect(await overlappingBookings(cms)).toEqual([]);
    expect(await orphanClaims(cms)).toBe(0);
    const afterRace = await entryRows(room.id);
    const offered = afterRace.filter((e: any) => e.status === 'offered');
    expect(offered).toHaveLength(SEATS);
    // Offers go to the first SEATS members in line, one seat each, one offer each.
    expect(offered.map((e: any) => e.user_id).sort()).toEqual(line.slice(0, SEATS).map((m) => m.id).sort());
    expect(new Set(offered.map((e: any) => e.offer_booking_id)).size).toBe(SEATS);
    const firstOffer = offered.find((e: any) => e.user_id === line[0].id);
    expect(offer.entry).toBe(firstOffer.documentId ?? firstOffer.document_id);
    const holds = await cms.strapi.db.query('plugin::booking.booking').findMany({ where: { id: { $in: offered.map((e: any) => e.offer_booking_id) } } });
    expect(holds.map((b: any) => b.status)).toEqual(Array(SEATS).fill('pending_payment'));
    expect(new Set(holds.map((b: any) => b.seat_id)).size).toBe(SEATS);
    const stillWaiting = afterRace.filter((e: any) => e.status === 'waiting');
    expect(stillWaiting).toHaveLength(LINE - SEATS + LATE);

    // The members next in line see themselves first again, in join order.
    for (let i = SEATS; i < SEATS + 3; i += 1) {
      const res = await cms.api.get('/api/booking/waitlist').set(line[i].auth);
      expect(res.body.data[0]).toMatchObject({ status: 'waiting', position: i - SEATS + 1 });
    }

    // Nobody pays: every offer lapses, and the seats go to the next SEATS members of the original line.
    productClock().advance(11 * 60_000);
    expect((await runJob('booking.release-expired-holds')).result).toBe(SEATS);
    const afterLapse = await entryRows(room.id);
    expect(afterLapse.filter((e: any) => e.status === 'offered').map((e: any) => e.user_id).sort()).toEqual(line.slice(SEATS, 2 * SEATS).map((m) => m.id).sort());
    expect(await overlappingBookings(cms)).toEqual([]);
  }, 120_000);
});
