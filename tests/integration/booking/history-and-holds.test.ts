import { startCms, type TestCms } from '../../support/cms';
import { createRoom } from '../../support/fixtures';
import { loginMember, type Member } from '../../support/members';
import { book, iso, orphanClaims, productClock, range, runJob, setParameters } from '../../support/booking';
import { fund } from '../../support/money';

/**
 * Cleanup at scale and history: expired holds are released in batches (one transaction each, one
 * availability version bump per room per batch), and claims of the past are purged while bookings stay.
 */
describe('expired holds in batches, past claims purged', () => {
  let cms: TestCms;
  let room: any;
  let seats: any[];
  let members: Member[];
  const knex = () => cms.strapi.db.connection;
  const table = (uid: string) => cms.strapi.db.metadata.get(uid).tableName;
  const claimsOf = async (bookingDocId: string) => {
    const b = await knex()(table('plugin::booking.booking')).where('document_id', bookingDocId).first();
    const row = await knex()(table('plugin::booking.seat-claim')).where('booking_id', b.id).count({ n: '*' }).first();
    return Number(row.n);
  };
  const version = async () => Number((await knex()(table('plugin::booking.room-version')).where('room_id', room.id).first())?.version ?? 0);

  beforeAll(async () => {
    cms = await startCms();
    ({ room, seats } = await createRoom(cms, { seats: 4 }));
    await setParameters(cms, { open_booking_limit: 50, daily_quota_hours: 24 });
    members = [];
    for (let i = 0; i < 3; i += 1) members.push(await loginMember(cms));
  });
  afterEach(() => productClock().reset());
  afterAll(async () => cms?.close());

  it('23 unpaid holds expire in batches of 5: all seats free again, history written, one version bump per batch', async () => {
    const holds: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      const { start, end } = range(3 + Math.floor(i / 4), 1);
      const res = await book(cms, members[i % 3], { seat: seats[i % 4].documentId, start: iso(start), end: iso(end), payWith: 'wechat' });
      expect(res.status).toBe(201);
      holds.push(res.body.data.id);
    }
    const before = await version();
    productClock().advance(16 * 60_000); // hold_minutes is 15

    const released = await cms.strapi.plugin('booking').service('cleanup').releaseExpiredHolds({ batchSize: 5 });
    expect(released).toBe(23);
    expect(await version()).toBe(before + 5); // ceil(23 / 5) transactions, one room
    for (const id of holds) {
      const res = await cms.api.get(`/api/booking/bookings/${id}`).set(members[holds.indexOf(id) % 3].auth);
      expect(res.body.data.status).toBe('expired');
      expect(res.body.data.history.map((h: any) => h.to)).toEqual(['pending_payment', 'expired']);
      expect(await claimsOf(id)).toBe(0);
    }
    expect(await orphanClaims(cms)).toBe(0);
    // The job finds nothing left, and the freed seat-hours can be booked again.
    expect((await runJob('booking.release-expired-holds')).result).toBe(0);
    const other = await loginMember(cms);
    await fund(cms, other.id, 5000);
    const { start, end } = range(3, 1);
    expect((await book(cms, other, { seat: seats[0].documentId, start: iso(start), end: iso(end), payWith: 'wallet' })).status).toBe(201);
  });

  it('the purge job removes claims of seat time over a day ago and keeps recent and future claims and every booking', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 50_000);
    const old = range(30, 1);
    const recent = range(50, 1);
    const future = range(80, 1);
    const ids: string[] = [];
    for (const r of [old, recent, future]) {
      const res = await book(cms, m, { seat: seats[1].documentId, start: iso(r.start), end: iso(r.end), payWith: 'wallet' });
      expect(res.status).toBe(201);
      ids.push(res.body.data.id);
    }
    expect(await claimsOf(ids[0])).toBe(4);
    // 60 hours on: the old booking ended ~29 h ago (past the margin of a day and an hour), the recent one ~9 h ago.
    productClock().advance(60 * 3600_000);
    const run = await runJob('booking.purge-past-claims');
    expect(run.ran).toBe(true);
    expect(await claimsOf(ids[2])).toBe(4);
    expect(await claimsOf(ids[1])).toBe(4);
    expect(await claimsOf(ids[0])).toBe(0);
    const rows = await knex()(table('plugin::booking.booking')).whereIn('document_id', ids).select('status');
    expect(rows.map((r: any) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect((await runJob('booking.purge-past-claims')).result).toBe(0);
  });
});
