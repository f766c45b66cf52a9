/**
 * Parameters, rooms and prices served from each process's memory (issue 9, item 2): a staff edit on
 * one process applies on the other within a second (Redis pub/sub invalidation on MariaDB + Redis),
 * and at once on the process that made it (also on SQLite without Redis).
 */
import { startCms, usingMariaDb, type TestCms } from '../../support/cms';
import { spawnSibling, type CmsProcess } from '../../support/cms-process';
import { createRoom } from '../../support/fixtures';
import { loginMember, type Member } from '../../support/members';
import { range, iso, setParameters } from '../../support/booking';
import { within, getFrom, postTo } from '../../support/polling';

describe('staff edits reach every cached reader', () => {
  let cms: TestCms;
  let sibling: CmsProcess | null = null;
  let member: Member;
  let room: any;
  let seats: any[];
  beforeAll(async () => {
    cms = await startCms();
    if (usingMariaDb()) sibling = await spawnSibling(cms);
    ({ room, seats } = await createRoom(cms, { seats: 2, prices: { standard: 800, window: 1000, power: 1200 } }));
    member = await loginMember(cms);
  }, 300_000);
  afterAll(async () => {
    await sibling?.stop();
    await cms?.close();
  });

  /** Every process under test: this one, and the sibling on MariaDB + Redis. */
  const bases = () => [cms.url, ...(sibling ? [sibling.url] : [])];

  it('a changed parameter is in the public settings of every process within a second', async () => {
    for (const base of bases()) expect((await getFrom(base, '/api/settings/public')).body.data.customerServiceContact).not.toBe('call 400-CACHE');
    // Read twice: the second read is served from memory.
    for (const base of bases()) await getFrom(base, '/api/settings/public');

    await setParameters(cms, { customer_service_contact: 'call 400-CACHE' });

    expect((await getFrom(cms.url, '/api/settings/public')).body.data.customerServiceContact).toBe('call 400-CACHE');
    for (const base of bases()) {
      const ms = await within(() => getFrom(base, '/api/settings/public'), (r) => r.body.data.customerServiceContact === 'call 400-CACHE');
      console.log(`parameter edit seen by ${base === cms.url ? 'the editing' : 'the other'} process after ${ms} ms`);
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(1000);
    }
  });

  it('a renamed room and a new price are in the room list, the seat map and the quote of every process within a second', async () => {
    const slot = range(30, 2);
    const date = new Date(slot.start.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const quote = (base: string) => postTo(base, '/api/booking/quotes', member.auth, { seat: seats[0].documentId, start: iso(slot.start), end: iso(slot.end) });
    for (const base of bases()) {
      // Fill every cache: room list, seat map (twice: the second from the prepared day), quote.
      await getFrom(base, '/api/booking/rooms', member.auth);
      await getFrom(base, `/api/booking/rooms/${room.documentId}/availability?date=${date}`, member.auth);
      expect((await getFrom(base, `/api/booking/rooms/${room.documentId}/availability?date=${date}`, member.auth)).headers.get('x-availability-source')).toBe('cache');
      expect((await quote(base)).body.data.base_fen).toBe(1600);
    }

    await cms.strapi.documents('api::room.room').update({
      documentId: room.documentId,
      data: { name: 'Renamed hall', prices: [{ seat_type: 'standard', price_per_hour_fen: 900 }, { seat_type: 'window', price_per_hour_fen: 1000 }] } as any,
    });

    for (const base of bases()) {
      const who = base === cms.url ? 'the editing' : 'the other';
      const listed = await within(() => getFrom(base, '/api/booking/rooms', member.auth), (r) => r.body.data.some((x: any) => x.id === room.documentId && x.name === 'Renamed hall'));
      const mapped = await within(() => getFrom(base, `/api/booking/rooms/${room.documentId}/availability?date=${date}`, member.auth), (r) => r.body.data.room.name === 'Renamed hall');
      const priced = await within(() => quote(base), (r) => r.body.data?.base_fen === 1800);
      console.log(`room edit seen by ${who} process after ${listed} ms (list), ${mapped} ms (seat map), ${priced} ms (quote)`);
      for (const ms of [listed, mapped, priced]) {
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThan(1000);
      }
    }
  });

  it('a seat disabled by staff is refused for booking on every process within a second', async () => {
    const slot = range(40, 1);
    const body = { seat: seats[1].documentId, start: iso(slot.start), end: iso(slot.end) };
    for (const base of bases()) expect((await postTo(base, '/api/booking/quotes', member.auth, body)).status).toBe(200);

    await cms.strapi.documents('api::seat.seat').update({ documentId: seats[1].documentId, data: { enabled: false } as any });

    for (const base of bases()) {
      const ms = await within(() => postTo(base, '/api/booking/quotes', member.auth, body), (r) => r.status >= 400);
      console.log(`disabled seat refused after ${ms} ms`);
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(1000);
      const refused = await postTo(base, '/api/booking/quotes', member.auth, body);
      expect(refused.body.error.details.code).toBe('ROOM_UNAVAILABLE');
    }
  });
});
