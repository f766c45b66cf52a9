/**
 * A range an earlier attempt found claimed is refused without a transaction while the room has not
 * changed since: the same 409 SEAT_TAKEN as the claim index gives, a retry of a successful request
 * still gets its booking, and a cancellation makes the seat bookable at once, on every process.
 */
import path from 'path';
import { useCms, usingMariaDb, DIST_DIR, spawnSibling, type CmsProcess, book, fund, iso, range, loginMember, type Member } from '../../support';

describe('early SEAT_TAKEN for a range known to be claimed', () => {
  const cms = useCms({ room: { seats: 2 }, parameters: { open_booking_limit: 20, daily_quota_hours: 24 } });
  let owner: Member;
  let other: Member;

  beforeAll(async () => {
    owner = await loginMember(cms);
    other = await loginMember(cms);
    await fund(cms, owner.id, 50_000);
    await fund(cms, other.id, 50_000);
    // In-process caches (and Redis versions) are trusted once this process hears its own heartbeat.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { runtime } = require(path.join(DIST_DIR, 'src', 'platform', 'runtime'));
    for (let i = 0; i < 100 && usingMariaDb() && !runtime().bus.trusted(); i += 1) await new Promise((r) => setTimeout(r, 50));
  });

  /** The answer and the SQL statements it cost, by kind. */
  async function measured(fn: () => Promise<any>) {
    const seen: string[] = [];
    const onQuery = (q: any) => seen.push(String(q.sql).trim().split(/\s+/)[0].toLowerCase());
    cms.strapi.db.connection.on('query', onQuery);
    try {
      const res = await fn();
      return { res, statements: seen };
    } finally {
      cms.strapi.db.connection.off('query', onQuery);
    }
  }

  it('answers 409 SEAT_TAKEN with the contract body, without a transaction, and replays a successful key', async () => {
    const seat = cms.seats[0];
    const { start, end } = range(30, 2);
    const body = { seat: seat.documentId, start: iso(start), end: iso(end), payWith: 'wallet' };
    const first = await book(cms, owner, body, 'early-refusal-1');
    expect(first.status).toBe(201);

    // The first refusal goes through the claim index; the second is answered from what it learnt.
    const normal = await measured(() => book(cms, other, body, 'early-refusal-2'));
    const early = await measured(() => book(cms, other, body, 'early-refusal-3'));
    for (const { res } of [normal, early]) {
      expect(res.status).toBe(409);
      expect(res.body.error.details).toEqual({ code: 'SEAT_TAKEN', seat: seat.documentId, start: iso(start), end: iso(end) });
      expect(res.body.error.message).toMatch(new RegExp(`Seat ${seat.label}`));
    }
    expect(normal.statements).toContain('insert');
    expect(early.statements).not.toContain('insert');
    expect(early.statements.length).toBeLessThan(normal.statements.length);
    // A longer range containing the claimed one is refused early too.
    const longer = await measured(() => book(cms, other, { ...body, end: iso(new Date(end.getTime() + 3600_000)) }));
    expect(longer.res.status).toBe(409);
    expect(longer.statements).not.toContain('insert');

    // The owner's retry of the successful request gets its booking back (as a replay), not the refusal.
    const retry = await book(cms, owner, body, 'early-refusal-1');
    expect(retry.status).toBe(200);
    expect(retry.body.data.id).toBe(first.body.data.id);
    // Without the key, the owner's own range is taken like anyone's.
    expect((await book(cms, owner, body)).status).toBe(409);
  });

  it('new bookings elsewhere in the room keep the refusal early; only a release ends it', async () => {
    const [taken, elsewhere] = cms.seats;
    const { start, end } = range(50, 1);
    const body = { seat: taken.documentId, start: iso(start), end: iso(end), payWith: 'wallet' };
    expect((await book(cms, owner, body)).status).toBe(201);
    expect((await book(cms, other, body)).status).toBe(409);
    // Another seat of the same room is booked: the room's seat map changes, but nothing was freed.
    const near = range(50, 1);
    const elsewhereBooking = await book(cms, owner, { seat: elsewhere.documentId, start: iso(near.start), end: iso(near.end), payWith: 'wallet' });
    expect(elsewhereBooking.status).toBe(201);
    const early = await measured(() => book(cms, other, body));
    expect(early.res.status).toBe(409);
    expect(early.res.body.error.details.code).toBe('SEAT_TAKEN');
    expect(early.statements).not.toContain('insert');
    // Cancelling the other seat's booking may free seat time in the room: the next refusal is checked again.
    const cancelled = await cms.api.post(`/api/booking/bookings/${elsewhereBooking.body.data.id}/cancel`).set(owner.auth).send({ reason: 'plans changed' });
    expect(cancelled.status).toBe(200);
    const checked = await measured(() => book(cms, other, body));
    expect(checked.res.status).toBe(409);
    expect(checked.statements).toContain('insert');
  });

  it('after a cancellation the seat is bookable again at once', async () => {
    const seat = cms.seats[1];
    const { start, end } = range(34, 1);
    const body = { seat: seat.documentId, start: iso(start), end: iso(end), payWith: 'wallet' };
    const first = await book(cms, owner, body);
    expect(first.status).toBe(201);
    expect((await book(cms, other, body)).status).toBe(409);
    expect((await book(cms, other, body)).status).toBe(409);
    const cancelled = await cms.api.post(`/api/booking/bookings/${first.body.data.id}/cancel`).set(owner.auth).send({ reason: 'plans changed' });
    expect(cancelled.status).toBe(200);
    const again = await book(cms, other, body);
    expect(again.status).toBe(201);
  });

  (usingMariaDb() ? describe : describe.skip)('with a second process', () => {
    let sibling: CmsProcess;
    beforeAll(async () => {
      sibling = await spawnSibling(cms);
    }, 120_000);
    afterAll(async () => {
      await sibling?.stop();
    });

    const bookOn = async (url: string, m: Member, body: Record<string, unknown>) => {
      const res = await fetch(`${url}/api/booking/bookings`, { method: 'POST', headers: { ...m.auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };

    it('a cancellation on one process frees the seat on the other at once', async () => {
      const seat = cms.seats[1];
      const { start, end } = range(40, 1);
      const body = { seat: seat.documentId, start: iso(start), end: iso(end), payWith: 'wallet' };
      const first = await book(cms, owner, body);
      expect(first.status).toBe(201);
      // The sibling learns the range is taken (its second refusal is an early one).
      expect((await bookOn(sibling.url, other, body)).status).toBe(409);
      const early = await bookOn(sibling.url, other, body);
      expect(early.status).toBe(409);
      expect(early.body.error.details.code).toBe('SEAT_TAKEN');
      const cancelled = await cms.api.post(`/api/booking/bookings/${first.body.data.id}/cancel`).set(owner.auth).send({ reason: 'plans changed' });
      expect(cancelled.status).toBe(200);
      const again = await bookOn(sibling.url, other, body);
      expect(again.status).toBe(201);
    });
  });
});
