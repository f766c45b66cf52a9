/**
 * The waiting list as staff see it: every line of a room by day and status, each member's place, the open
 * offers; the desk takes a waiting entry out with a reason (recorded), and cannot take out one that moved on.
 */
import { useCms, createRoom, loginMember, loginStaff, type Member, book, iso, range, setParameters, fund } from '../../support';

describe('waiting list (admin)', () => {
  const cms = useCms({ resetClockAfterEach: true });
  let room: any;
  let seat: any;
  let desk: Awaited<ReturnType<typeof loginStaff>>;
  const line: Member[] = [];
  let offeredTo: Member;
  const first = range(5, 2);
  const later = range(9, 2);
  const storeDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

  const join = (m: Member, r: { start: Date; end: Date }) => cms.api.post('/api/booking/waitlist').set(m.auth).send({ room: room.documentId, start: iso(r.start), end: iso(r.end) });
  const list = (query: string) => cms.api.get(`/booking/waitlist?room=${room.documentId}&${query}`).set(desk.auth);
  const funded = async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 100_000);
    return m;
  };

  beforeAll(async () => {
    ({ room, seats: [seat] } = await createRoom(cms, { seats: 1 }));
    await setParameters(cms, { open_booking_limit: 20, daily_quota_hours: 24, waitlist_offer_minutes: 10, waitlist_max_entries: 3 });
    desk = await loginStaff(cms, 'front-desk');
    // The room's one seat is taken for the first range: three members wait for it.
    expect((await book(cms, await funded(), { seat: seat.documentId, start: iso(first.start), end: iso(first.end), payWith: 'wallet' })).status).toBe(201);
    for (let i = 0; i < 3; i += 1) {
      const m = await loginMember(cms);
      expect((await join(m, first)).status).toBe(201);
      line.push(m);
    }
    // The later range: one member waits, the holder cancels, the seat is offered to them.
    const holder = await funded();
    const held = await book(cms, holder, { seat: seat.documentId, start: iso(later.start), end: iso(later.end), payWith: 'wallet' });
    expect(held.status).toBe(201);
    offeredTo = await loginMember(cms);
    expect((await join(offeredTo, later)).status).toBe(201);
    expect((await cms.api.post(`/api/booking/bookings/${held.body.data.id}/cancel`).set(holder.auth).send({})).status).toBe(200);
  }, 300_000);

  it('lists a room\'s lines with member, place in line, and the open offer; filters by status and store day; paged', async () => {
    const all = await list('');
    expect(all.status).toBe(200);
    expect(all.body.meta.pagination).toEqual({ page: 1, pageSize: 20, pageCount: 1, total: 4 });
    const waiting = all.body.data.filter((e: any) => e.status === 'waiting');
    expect(waiting.map((e: any) => e.member.id)).toEqual(line.map((m) => m.id));
    expect(waiting.map((e: any) => e.position)).toEqual([1, 2, 3]);
    expect(waiting[0]).toMatchObject({ room: { id: room.documentId }, seat: null, offer: null, removal: null, start: expect.stringMatching(/\+08:00$/), joinedAt: expect.stringMatching(/\+08:00$/) });
    expect(waiting[0].member).toHaveProperty('nickname');

    const offered = await list('status=offered');
    expect(offered.body.data).toHaveLength(1);
    expect(offered.body.data[0]).toMatchObject({ member: { id: offeredTo.id }, status: 'offered', position: null, offer: { booking: expect.any(String), seat: { label: seat.label }, expiresAt: expect.stringMatching(/\+08:00$/) } });

    const day = await list(`date=${storeDay(first.start)}`);
    expect(day.body.data.length).toBeGreaterThanOrEqual(3);
    expect(day.body.data.every((e: any) => e.start.slice(0, 10) === storeDay(first.start) || e.end.slice(0, 10) === storeDay(first.start))).toBe(true);
    const farDay = storeDay(new Date(first.start.getTime() + 20 * 86_400_000));
    expect((await list(`date=${farDay}`)).body.data).toEqual([]);

    const paged = await list('status=waiting&pageSize=2&page=2');
    expect(paged.body.data.map((e: any) => e.position)).toEqual([3]);
    expect(paged.body.meta.pagination).toMatchObject({ page: 2, pageSize: 2, pageCount: 2, total: 3 });

    expect((await list('status=gone')).status).toBe(400);
  });

  it('the desk removes a waiting entry with a reason: who and why are kept, the line moves up, the member no longer sees it', async () => {
    const [entry] = (await list('status=waiting')).body.data;
    expect((await cms.api.post(`/booking/waitlist/${entry.id}/remove`).set(desk.auth).send({})).status).toBe(400);
    const res = await cms.api.post(`/booking/waitlist/${entry.id}/remove`).set(desk.auth).send({ reason: '会员到前台说不等了' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: entry.id, status: 'removed', position: null, removal: { by: desk.id, reason: '会员到前台说不等了', at: expect.stringMatching(/\+08:00$/) } });

    expect((await list('status=waiting')).body.data.map((e: any) => [e.member.id, e.position])).toEqual([
      [line[1].id, 1],
      [line[2].id, 2],
    ]);
    expect((await list('status=removed')).body.data.map((e: any) => e.id)).toEqual([entry.id]);
    const mine = await cms.api.get('/api/booking/waitlist').set(line[0].auth);
    expect(mine.body.data).toEqual([]);
  });

  it('an entry that is no longer waiting (removed, offered) cannot be removed: INVALID_STATE', async () => {
    const [removed] = (await list('status=removed')).body.data;
    const again = await cms.api.post(`/booking/waitlist/${removed.id}/remove`).set(desk.auth).send({ reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body.error.details.code).toBe('INVALID_STATE');
    const [offered] = (await list('status=offered')).body.data;
    const res = await cms.api.post(`/booking/waitlist/${offered.id}/remove`).set(desk.auth).send({ reason: 'no longer wanted' });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ code: 'INVALID_STATE', status: 'offered' });
    expect((await cms.api.post('/booking/waitlist/nope/remove').set(desk.auth).send({ reason: 'gone' })).status).toBe(404);
  });

  it('members and staff without the bookings permissions cannot call it', async () => {
    const member = line[1];
    const [entry] = (await list('status=waiting')).body.data;
    expect([401, 403]).toContain((await cms.api.get('/booking/waitlist').set(member.auth)).status);
    expect([401, 403]).toContain((await cms.api.post(`/booking/waitlist/${entry.id}/remove`).set(member.auth).send({ reason: 'me' })).status);
    const editor = await loginStaff(cms, 'content-editor');
    expect((await cms.api.get('/booking/waitlist').set(editor.auth)).status).toBe(403);
    expect((await cms.api.post(`/booking/waitlist/${entry.id}/remove`).set(editor.auth).send({ reason: 'editor' })).status).toBe(403);
    expect((await list('status=waiting')).body.data).toHaveLength(2);
  });
});
