import { useCms, loginMember, type Member, loginStaff, createTag, inDays, isoCst, setNickname, type Staff } from '../../support';

describe('members in the back office: search, member page, bans, tags, appeals', () => {
  const cms = useCms();
  let manager: Staff;
  let desk: Staff;
  let alice: Member;
  let bob: Member;

  beforeAll(async () => {
    manager = await loginStaff(cms, 'store-manager');
    desk = await loginStaff(cms, 'front-desk');
    alice = await loginMember(cms, 'o_alice_backoffice');
    bob = await loginMember(cms);
    await setNickname(cms, alice.id, '夜读的小林');
    await setNickname(cms, bob.id, '考研的阿杰');
  });
  const memberPage = async (id: number, as: Staff = manager) => {
    const res = await cms.api.get(`/booking/members/${id}`).set(as.auth);
    expect(res.status).toBe(200);
    return res.body.data;
  };

  it('staff find a member by nickname, by openid and by member id, paged', async () => {
    const byName = await cms.api.get('/booking/members').query({ q: '小林' }).set(desk.auth);
    expect(byName.status).toBe(200);
    expect(byName.body.data.map((m: any) => m.id)).toEqual([alice.id]);
    expect(byName.body.data[0]).toMatchObject({ nickname: '夜读的小林', openid: 'o_alice_backoffice', ban: null });

    const byOpenid = await cms.api.get('/booking/members').query({ q: 'o_alice_backoffice' }).set(desk.auth);
    expect(byOpenid.body.data.map((m: any) => m.id)).toEqual([alice.id]);

    const byId = await cms.api.get('/booking/members').query({ q: String(bob.id) }).set(desk.auth);
    expect(byId.body.data.map((m: any) => m.id)).toContain(bob.id);

    const paged = await cms.api.get('/booking/members').query({ pageSize: 1, page: 2 }).set(desk.auth);
    expect(paged.body.data).toHaveLength(1);
    expect(paged.body.meta.pagination).toMatchObject({ page: 2, pageSize: 1, total: 2, pageCount: 2 });
  });

  it('a ban with a reason and an end date shows on the member profile, in the banned filter and in the ban history; lifting it is recorded too', async () => {
    const until = inDays(7);
    const banned = await cms.api.post(`/booking/members/${bob.id}/ban`).set(desk.auth).send({ until: isoCst(until), reason: '多次占座不到 Repeated no-shows' });
    expect(banned.status).toBe(200);
    expect(banned.body.data.ban).toEqual({ until: new Date(Math.floor(until.getTime() / 1000) * 1000).toISOString(), reason: '多次占座不到 Repeated no-shows' });

    // The member sees it on their profile.
    const me = await cms.api.get('/api/users/me').set(bob.auth);
    expect(me.body.ban).toMatchObject({ reason: '多次占座不到 Repeated no-shows' });

    const banList = await cms.api.get('/booking/members').query({ banned: 'true' }).set(desk.auth);
    expect(banList.body.data.map((m: any) => m.id)).toEqual([bob.id]);

    const lifted = await cms.api.post(`/booking/members/${bob.id}/lift-ban`).set(manager.auth).send({ reason: '已沟通 Talked it through' });
    expect(lifted.status).toBe(200);
    expect(lifted.body.data.ban).toBeNull();
    expect((await cms.api.get('/api/users/me').set(bob.auth)).body.ban).toBeNull();

    const history = await cms.api.get(`/booking/members/${bob.id}/bans`).set(desk.auth);
    expect(history.status).toBe(200);
    expect(history.body.data.map((h: any) => [h.action, h.reason, h.actorType, h.actorName])).toEqual([
      ['lift', '已沟通 Talked it through', 'staff', `Test store-manager`],
      ['ban', '多次占座不到 Repeated no-shows', 'staff', `Test front-desk`],
    ]);
    expect(history.body.data[1].until).toBeTruthy();
  });

  it('a ban that ends in the past, or lifting a ban that is not there, is refused with a clear reason and changes nothing', async () => {
    const past = await cms.api.post(`/booking/members/${alice.id}/ban`).set(manager.auth).send({ until: isoCst(inDays(-1)), reason: 'late' });
    expect(past.status).toBe(400);
    expect(past.body.error.details.code).toBe('VALIDATION');
    expect(past.body.error.message).toMatch(/future/);

    const noBan = await cms.api.post(`/booking/members/${alice.id}/lift-ban`).set(manager.auth).send({ reason: 'nothing' });
    expect(noBan.status).toBe(409);
    expect(noBan.body.error.details.code).toBe('INVALID_STATE');
    expect((await cms.api.get(`/booking/members/${alice.id}/bans`).set(manager.auth)).body.data).toEqual([]);

    const unknown = await cms.api.post('/booking/members/999999/ban').set(manager.auth).send({ until: isoCst(inDays(1)), reason: 'who' });
    expect(unknown.status).toBe(404);
  });

  it('a tag with an expiry is added once (a second add moves the expiry) and removed', async () => {
    await createTag(cms, '夜猫子', 'night-owl');
    const expires = inDays(30);
    const added = await cms.api.post(`/booking/members/${alice.id}/tags`).set(desk.auth).send({ tag: 'night-owl', expiresAt: isoCst(expires), note: '常在晚上来' });
    expect(added.status).toBe(200);
    expect(added.body.data.tags).toEqual([
      expect.objectContaining({ tag: expect.objectContaining({ name: '夜猫子', code: 'night-owl' }), expired: false, note: '常在晚上来' }),
    ]);
    const again = await cms.api.post(`/booking/members/${alice.id}/tags`).set(desk.auth).send({ tag: 'night-owl', expiresAt: null });
    expect(again.body.data.tags).toHaveLength(1);
    expect(again.body.data.tags[0].expiresAt).toBeNull();

    // The member's profile shows the tag.
    expect((await cms.api.get('/api/users/me').set(alice.auth)).body.tags.map((t: any) => t.name)).toEqual(['夜猫子']);

    const removed = await cms.api.delete(`/booking/members/${alice.id}/tags/night-owl`).set(desk.auth);
    expect(removed.status).toBe(200);
    expect(removed.body.data.tags).toEqual([]);
    const twice = await cms.api.delete(`/booking/members/${alice.id}/tags/night-owl`).set(desk.auth);
    expect(twice.status).toBe(404);

    const pastExpiry = await cms.api.post(`/booking/members/${alice.id}/tags`).set(desk.auth).send({ tag: 'night-owl', expiresAt: isoCst(inDays(-2)) });
    expect(pastExpiry.status).toBe(400);
  });

  it('accepting an appeal lifts the ban and records who and why; the member sees it', async () => {
    const m = await loginMember(cms);
    await cms.api.post(`/booking/members/${m.id}/ban`).set(manager.auth).send({ until: isoCst(inDays(14)), reason: '3 no-shows' });
    const filed = await cms.api.post('/api/me/appeals').set(m.auth).send({ text: '那几天生病住院了，有病历可以提供。' });
    expect(filed.status).toBe(201);

    const queue = await cms.api.get('/booking/appeals').query({ status: 'open' }).set(desk.auth);
    expect(queue.status).toBe(200);
    const item = queue.body.data.find((a: any) => a.id === filed.body.data.id);
    expect(item).toMatchObject({ status: 'open', text: '那几天生病住院了，有病历可以提供。', member: { id: m.id, banReason: '3 no-shows' } });

    const accepted = await cms.api.post(`/booking/appeals/${item.id}/accept`).set(desk.auth).send({ note: '病历属实' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ status: 'accepted', reply: '病历属实' });

    const me = await cms.api.get('/api/users/me').set(m.auth);
    expect(me.body.ban).toBeNull();
    const history = (await cms.api.get(`/booking/members/${m.id}/bans`).set(manager.auth)).body.data;
    expect(history[0]).toMatchObject({ action: 'lift', appeal: item.id, actorType: 'staff', actorName: 'Test front-desk', reason: 'appeal accepted: 病历属实' });

    const twice = await cms.api.post(`/booking/appeals/${item.id}/accept`).set(desk.auth).send({});
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.code).toBe('INVALID_STATE');
  });

  it('rejecting an appeal keeps the ban and the member reads the reason', async () => {
    const m = await loginMember(cms);
    await cms.api.post(`/booking/members/${m.id}/ban`).set(manager.auth).send({ until: isoCst(inDays(3)), reason: '占座' });
    const filed = await cms.api.post('/api/me/appeals').set(m.auth).send({ text: '我没有占座，是别人用了我的座位。' });
    const empty = await cms.api.post(`/booking/appeals/${filed.body.data.id}/reject`).set(manager.auth).send({});
    expect(empty.status).toBe(400);
    const rejected = await cms.api.post(`/booking/appeals/${filed.body.data.id}/reject`).set(manager.auth).send({ reason: '监控显示座位空置两小时' });
    expect(rejected.status).toBe(200);
    const me = await cms.api.get('/api/users/me').set(m.auth);
    expect(me.body.ban).toMatchObject({ reason: '占座', appeal: { status: 'rejected', reply: '监控显示座位空置两小时' } });
  });

  it('the member page shows bookings by status, violations and appeals', async () => {
    const page = await memberPage(alice.id, desk);
    expect(page).toMatchObject({ id: alice.id, nickname: '夜读的小林', bookings: { total: 0 }, violations: { total: 0, last30Days: 0 }, appeals: [] });
    const violations = await cms.api.get(`/booking/members/${alice.id}/violations`).set(desk.auth);
    expect(violations.body).toMatchObject({ data: [], meta: { pagination: { total: 0 } } });
  });

  it('the member ledger is paged for staff who may read wallets', async () => {
    await cms.strapi.plugin('payments').service('wallet').adjust({ userId: alice.id, amountFen: 5000, part: 'principal', reason: '补偿', actor: { type: 'staff', id: 1 } });
    const res = await cms.api.get(`/payments/wallets/${alice.id}/transactions`).query({ pageSize: 10 }).set(desk.auth);
    expect(res.status).toBe(200);
    expect(res.body.data.map((e: any) => [e.type, e.amount_fen, e.balance_after_fen])).toEqual([['staff_adjustment', 5000, 5000]]);
    expect(res.body.meta.pagination.total).toBe(1);
  });
});
