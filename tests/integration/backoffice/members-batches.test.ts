import { useCms, type TestCms, loginMember, type Member, loginStaff, createTemplate, createTag, inDays, isoCst, type Staff } from '../../support';

const batches = (cms: TestCms) => cms.strapi.plugin('booking').service('member-batches');

describe('member batches: issue a coupon, add or remove a tag for many members, with progress', () => {
  const cms = useCms();
  let manager: Staff;
  let members: Member[];

  beforeAll(async () => {
    manager = await loginStaff(cms, 'store-manager');
    members = [];
    for (let i = 0; i < 6; i += 1) members.push(await loginMember(cms));
  });
  const progress = async (id: string) => {
    const res = await cms.api.get(`/booking/member-batches/${id}`).set(manager.auth);
    expect(res.status).toBe(200);
    return res.body.data;
  };
  const couponsOf = async (m: Member) => (await cms.api.get('/api/payments/coupons').set(m.auth)).body.data as any[];

  it('a pasted list issues one coupon to each member; unknown entries are reported; progress reaches 100 %', async () => {
    const template = await createTemplate(cms, { name: '周末满减券', per_member_limit: 3 });
    const list = `${members[0].id}, ${members[1].id}\n${members[2].openid}\nnobody_here 99999`;
    const created = await cms.api
      .post('/booking/member-batches')
      .set(manager.auth)
      .send({ action: { operation: 'issue_coupon', template: template.documentId }, selection: { by: 'list', list } });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: 'queued', total: 3, done: 0, failed: 0, percent: 0, unresolved: ['99999', 'nobody_here'] });

    await batches(cms).runPending();
    const done = await progress(created.body.data.id);
    expect(done).toMatchObject({ status: 'completed', total: 3, done: 3, failed: 0, pending: 0, percent: 100, failures: [] });
    for (const m of members.slice(0, 3)) expect((await couponsOf(m)).map((c) => c.name)).toEqual(['周末满减券']);
    expect(await couponsOf(members[3])).toEqual([]);

    const list2 = await cms.api.get('/booking/member-batches').set(manager.auth);
    expect(list2.body.data[0]).toMatchObject({ id: created.body.data.id, status: 'completed', percent: 100 });
  });

  it('a batch stopped half-way (a restart) carries on from where it stopped, each member once', async () => {
    const template = await createTemplate(cms, { name: '续跑券', per_member_limit: 5 });
    const created = await cms.api
      .post('/booking/member-batches')
      .set(manager.auth)
      .send({ action: { operation: 'issue_coupon', template: template.documentId }, selection: { by: 'filter', filter: {} } });
    expect(created.status).toBe(201);
    const total = created.body.data.total;
    expect(total).toBeGreaterThanOrEqual(6);

    // The process dies after two members.
    await batches(cms).runPending({ maxMembers: 2 });
    const half = await progress(created.body.data.id);
    expect(half).toMatchObject({ status: 'running', done: 2, pending: total - 2 });

    // Replaying a member whose step already committed changes nothing (unique batch+member, issue key).
    const db = cms.strapi.db.connection;
    const itemsTable = cms.strapi.db.metadata.get('plugin::booking.member-batch-item').tableName;
    const first = await db(itemsTable).where({ status: 'done' }).orderBy('id', 'desc').first();
    await db(itemsTable).where({ id: first.id }).update({ status: 'pending' });

    await batches(cms).runPending();
    const finished = await progress(created.body.data.id);
    expect(finished).toMatchObject({ status: 'completed', done: total, failed: 0, pending: 0, percent: 100 });
    const couponsTable = cms.strapi.db.metadata.get('plugin::payments.coupon').tableName;
    const perMember = await db(couponsTable).where({ template_id: template.id }).select('user_id').count({ n: '*' }).groupBy('user_id');
    expect(perMember).toHaveLength(total);
    expect(perMember.every((r: any) => Number(r.n) === 1)).toBe(true);
  });

  it('failures are listed with a reason (per-member limit) and the batch still finishes', async () => {
    const template = await createTemplate(cms, { name: '限领一张', per_member_limit: 1 });
    await cms.strapi.plugin('payments').service('coupons').issue({ template: template.documentId, userId: members[4].id, source: 'staff' });
    const created = await cms.api
      .post('/booking/member-batches')
      .set(manager.auth)
      .send({ action: { operation: 'issue_coupon', template: template.documentId }, selection: { by: 'list', list: `${members[4].id} ${members[5].id}` } });
    await batches(cms).runPending();
    const p = await progress(created.body.data.id);
    expect(p).toMatchObject({ status: 'completed', total: 2, done: 1, failed: 1, percent: 100 });
    expect(p.failures).toEqual([{ member: members[4].id, nickname: expect.any(String), reason: expect.stringMatching(/per-member limit/) }]);
  });

  it('add a tag to a list, then select by that tag and remove it', async () => {
    await createTag(cms, '考研党', 'kaoyan');
    const add = await cms.api
      .post('/booking/member-batches')
      .set(manager.auth)
      .send({ action: { operation: 'add_tag', tag: 'kaoyan', expiresAt: isoCst(inDays(60)) }, selection: { by: 'list', list: members.slice(0, 4).map((m) => m.id).join('\n') } });
    expect(add.status).toBe(201);
    await batches(cms).runPending();
    expect(await progress(add.body.data.id)).toMatchObject({ status: 'completed', done: 4 });
    expect((await cms.api.get('/api/users/me').set(members[0].auth)).body.tags.map((t: any) => t.name)).toEqual(['考研党']);

    const remove = await cms.api
      .post('/booking/member-batches')
      .set(manager.auth)
      .send({ action: { operation: 'remove_tag', tag: 'kaoyan' }, selection: { by: 'tag', tag: 'kaoyan' } });
    expect(remove.body.data.total).toBe(4);
    await batches(cms).runPending();
    expect(await progress(remove.body.data.id)).toMatchObject({ status: 'completed', done: 4, failed: 0 });
    expect((await cms.api.get('/api/users/me').set(members[0].auth)).body.tags).toEqual([]);
  });

  it('bad batches are refused before anything is written', async () => {
    const none = await cms.api.post('/booking/member-batches').set(manager.auth).send({ action: { operation: 'add_tag', tag: 'kaoyan' }, selection: { by: 'list', list: '424242' } });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/None of the pasted entries/);
    const noTag = await cms.api.post('/booking/member-batches').set(manager.auth).send({ action: { operation: 'add_tag', tag: 'no-such-tag' }, selection: { by: 'filter', filter: {} } });
    expect(noTag.status).toBe(404);
    const badOp = await cms.api.post('/booking/member-batches').set(manager.auth).send({ action: { operation: 'delete_all' }, selection: { by: 'filter', filter: {} } });
    expect(badOp.status).toBe(400);
    expect(badOp.body.error.details.code).toBe('VALIDATION');
  });
});
