/**
 * Coupons and tags in the back office (issue 10, items 3 and 6): the template editor's rules, hand-outs
 * with the audience counted first (large ones through the member batch job), analytics figures against
 * hand-computed expectations, tag rules applied and expired with the clock moved, and who may do what.
 */
import { useCms, book, fund, iso, productClock, range, createRoom, loginMember, type Member, loginStaff, createTag, type Staff } from '../../support';

jest.setTimeout(180_000);
const DAY = 86_400_000;

describe('coupons and tag rules in the back office', () => {
  const cms = useCms();
  let manager: Staff;
  let desk: Staff;
  let editor: Staff;
  let seats: any[];
  let room: any;

  const template = (extra: Record<string, unknown> = {}) => ({
    name: '满20减5',
    kind: 'amount_off',
    amount_off_fen: 500,
    min_spend_fen: 0,
    applies_to: 'any',
    rooms: [],
    valid_days_after_issue: 30,
    per_member_limit: 1,
    issue_on_signup: false,
    active: true,
    ...extra,
  });
  const createTemplate = async (extra: Record<string, unknown> = {}) => {
    const res = await cms.api.post('/payments/coupon-templates').set(manager.auth).send(template(extra));
    expect(res.status).toBe(201);
    return res.body.data;
  };
  const couponsOf = async (m: Member) => (await cms.api.get('/api/payments/coupons').set(m.auth)).body.data as any[];
  const tagMember = (userId: number, tagId: number, source = 'staff', expires_at: Date | null = null) =>
    cms.strapi.db.query('api::member-tag.member-tag').create({ data: { user: userId, tag: tagId, source, expires_at } });

  beforeAll(async () => {
    manager = await loginStaff(cms, 'store-manager');
    desk = await loginStaff(cms, 'front-desk');
    editor = await loginStaff(cms, 'content-editor');
    ({ seats, room } = await createRoom(cms, { name: '静音A区', seats: 3 }));
  });
  describe('template editor', () => {
    it('refuses a form whose fields contradict each other, naming each field', async () => {
      const res = await cms.api
        .post('/payments/coupon-templates')
        .set(manager.auth)
        .send(template({ kind: 'free_hours', amount_off_fen: 500, applies_to: 'recharge', valid_days_after_issue: null, valid_from: '2026-12-10T00:00:00+08:00', valid_to: '2026-12-01T00:00:00+08:00' }));
      expect(res.status).toBe(400);
      expect(res.body.error.details.code ?? res.body.error.name).toBeDefined();
      const fields = res.body.error.details.errors.map((e: any) => e.field).sort();
      expect(fields).toEqual(['amount_off_fen', 'applies_to', 'free_hours', 'valid_to']);
    });

    it('creates and edits a template; the list shows it with its counts', async () => {
      const created = await createTemplate({ name: '新人立减券', applies_to: 'booking', rooms: [room.documentId] });
      expect(created).toMatchObject({ name: '新人立减券', kind: 'amount_off', amount_off_fen: 500, active: true, rooms: [{ id: room.documentId, name: '静音A区' }], stats: { issued: 0, used: 0, redemption_permille: null } });
      const edited = await cms.api.put(`/payments/coupon-templates/${created.documentId}`).set(manager.auth).send(template({ name: '新人立减券', kind: 'percent_off', amount_off_fen: null, percent_off: 20, max_discount_fen: 1000, applies_to: 'booking', rooms: [room.documentId, 'nosuchroom'] }));
      expect(edited.status).toBe(400);
      expect(edited.body.error.details.errors[0].path).toEqual(['rooms']);
      const fixed = await cms.api.put(`/payments/coupon-templates/${created.documentId}`).set(manager.auth).send(template({ name: '新人立减券', kind: 'percent_off', amount_off_fen: null, percent_off: 20, max_discount_fen: 1000, applies_to: 'booking', rooms: [] }));
      expect(fixed.status).toBe(200);
      expect(fixed.body.data).toMatchObject({ kind: 'percent_off', percent_off: 20, max_discount_fen: 1000, amount_off_fen: null, rooms: [] });
      const list = await cms.api.get('/payments/coupon-templates?q=新人').set(manager.auth);
      expect(list.body.data.map((t: any) => t.name)).toEqual(['新人立减券']);
    });
  });

  describe('distribution', () => {
    it('counts the audience first, then issues to a tag within the per-member limit', async () => {
      const tpl = await createTemplate({ name: '学霸专享' });
      const tag: any = await createTag(cms, '学霸', 'xueba');
      const ms = [await loginMember(cms), await loginMember(cms), await loginMember(cms)];
      for (const m of ms) await tagMember(m.id, tag.id);
      const outsider = await loginMember(cms);
      await tagMember(outsider.id, tag.id, 'staff', new Date(Date.now() - DAY)); // expired: not in the audience

      const audience = await cms.api.get(`/payments/coupon-templates/${tpl.documentId}/audience?tag=${tag.documentId}`).set(manager.auth);
      expect(audience.body.data).toMatchObject({ count: 3, mode: 'direct', tag: { name: '学霸' } });

      const issued = await cms.api.post(`/payments/coupon-templates/${tpl.documentId}/distribute`).set(manager.auth).send({ tag: tag.documentId });
      expect(issued.status).toBe(201);
      expect(issued.body.data).toMatchObject({ mode: 'direct', audience: 3, issued: 3, skipped_limit: 0 });
      for (const m of ms) expect((await couponsOf(m)).map((c) => c.name)).toEqual(['学霸专享']);
      expect(await couponsOf(outsider)).toEqual([]);

      const again = await cms.api.post(`/payments/coupon-templates/${tpl.documentId}/distribute`).set(manager.auth).send({ tag: tag.documentId });
      expect(again.body.data).toMatchObject({ issued: 0, skipped_limit: 3 });
    });

    it('chosen members: unknown ids are not counted', async () => {
      const tpl = await createTemplate({ name: '到店补偿券' });
      const m = await loginMember(cms);
      const audience = await cms.api.get(`/payments/coupon-templates/${tpl.documentId}/audience?members=${m.id},987654`).set(manager.auth);
      expect(audience.body.data).toMatchObject({ count: 1, mode: 'direct' });
      const none = await cms.api.post(`/payments/coupon-templates/${tpl.documentId}/distribute`).set(manager.auth).send({ members: [987654] });
      expect(none.status).toBe(400);
      expect(none.body.error.details.code).toBe('VALIDATION');
    });

    it('more than 200 members go through the member batch job, which issues one coupon each', async () => {
      const tpl = await createTemplate({ name: '周年庆大促' });
      const ids: number[] = [];
      for (let i = 0; i < 205; i += 1) {
        const u = await cms.strapi.db.query('plugin::users-permissions.user').create({ data: { username: `bulk_${i}_${Date.now()}`, email: `bulk_${i}_${Date.now()}@m.test`, provider: 'wechat', confirmed: true, blocked: false } });
        ids.push(u.id);
      }
      const audience = await cms.api.get(`/payments/coupon-templates/${tpl.documentId}/audience?members=${ids.join(',')}`).set(manager.auth);
      expect(audience.body.data).toMatchObject({ count: 205, mode: 'batch' });
      const res = await cms.api.post(`/payments/coupon-templates/${tpl.documentId}/distribute`).set(manager.auth).send({ members: ids });
      expect(res.status).toBe(202);
      expect(res.body.data).toMatchObject({ mode: 'batch', audience: 205, batch: { total: 205 } });
      await cms.strapi.plugin('booking').service('member-batches').runPending();
      const progress = await cms.api.get(`/booking/member-batches/${res.body.data.batch.id}`).set(manager.auth);
      expect(progress.body.data).toMatchObject({ status: 'completed', done: 205, failed: 0 });
      const stats = await cms.api.get(`/payments/coupon-templates/${tpl.documentId}`).set(manager.auth);
      expect(stats.body.data.stats).toMatchObject({ issued: 205, unused: 205 });
    });
  });

  describe('analytics', () => {
    it('issued, used, expired, unused, the discount and the revenue match a hand count', async () => {
      const tpl = await createTemplate({ name: '分析券', amount_off_fen: 500 });
      const [a, b, c, d] = [await loginMember(cms), await loginMember(cms), await loginMember(cms), await loginMember(cms)];
      const first = await cms.api.post(`/payments/coupon-templates/${tpl.documentId}/distribute`).set(manager.auth).send({ members: [a.id, b.id, c.id] });
      expect(first.body.data.issued).toBe(3);

      // a: a 2-hour standard seat (800/h) with the coupon: 1600 − 500 = 1100 paid from the wallet.
      await fund(cms, a.id, 5000);
      const [couponA] = await couponsOf(a);
      const { start, end } = range(3, 2);
      const booked = await book(cms, a, { seat: seats[0].documentId, start: iso(start), end: iso(end), coupon: couponA.id, payWith: 'wallet' });
      expect(booked.body.data).toMatchObject({ total_fen: 1100, coupon_discount_fen: 500 });

      // b: a 2000 recharge with the coupon: 500 bonus on top, 2000 paid.
      const [couponB] = await couponsOf(b);
      const recharge = await cms.api.post('/api/payments/recharges').set(b.auth).send({ amount_fen: 2000, coupon: couponB.id });
      expect(recharge.status).toBe(201);
      expect((await cms.emulator.pay(recharge.body.data.outTradeNo)).status).toBe(204);

      // c never uses it: 31 days later it has expired. d gets one then and keeps it unused.
      productClock().advance(31 * DAY);
      await cms.strapi.plugin('payments').service('coupons').expireOverdue();
      await cms.api.post(`/payments/coupon-templates/${tpl.documentId}/distribute`).set(manager.auth).send({ members: [d.id] });

      const res = await cms.api.get(`/payments/coupon-templates/${tpl.documentId}/analytics`).set(manager.auth);
      productClock().reset();
      expect(res.status).toBe(200);
      const data = res.body.data;
      expect(data.counts).toEqual({ issued: 4, used: 2, expired: 1, unused: 1, revoked: 0 });
      expect(data.redemption_permille).toBe(500);
      expect(data.discount_fen).toEqual({ bookings: 500, recharges: 500, total: 1000 });
      expect(data.revenue_fen).toEqual({ bookings: 1100, recharges: 2000, total: 3100 });
      expect(data.uses).toEqual({ bookings: 1, recharges: 1 });
      const last = data.series[data.series.length - 1];
      expect(last).toMatchObject({ issued_total: 4, used_total: 2, rate_permille: 500 });
      expect(data.series.length).toBeGreaterThanOrEqual(32);
      expect(data.series.reduce((s: number, d: any) => s + d.used, 0)).toBe(2);
    });
  });

  describe('tag rules', () => {
    it('spend and no-show rules give tags with expiry; the job removes or keeps them as the rule says', async () => {
      const spender = await loginMember(cms);
      const idle = await loginMember(cms);
      const noShow = await loginMember(cms);
      const staffTagged = await loginMember(cms);
      const big = await cms.api.post('/booking/tags').set(manager.auth).send({ name: '高消费', color: '#d02b20', rule: 'spend_above', threshold: 1500, days: 30, validDays: 7, removeWhenUnqualified: true });
      expect(big.status).toBe(201);
      const flaky = await cms.api.post('/booking/tags').set(manager.auth).send({ name: '常爽约', rule: 'no_shows', threshold: 2, days: 30, validDays: 60, removeWhenUnqualified: false });
      expect(flaky.status).toBe(201);
      const bigRow = await cms.strapi.db.query('api::tag.tag').findOne({ where: { documentId: big.body.data.id } });
      await tagMember(staffTagged.id, bigRow.id, 'staff');

      await fund(cms, spender.id, 5000);
      const { start, end } = range(30, 2);
      expect((await book(cms, spender, { seat: seats[1].documentId, start: iso(start), end: iso(end), payWith: 'wallet' })).status).toBe(201); // 2000 spent
      await fund(cms, idle.id, 5000); // money in, nothing spent
      const violations = cms.strapi.db.metadata.get('plugin::booking.violation').tableName;
      const now = productClock().now();
      for (const daysAgo of [3, 10]) {
        await cms.strapi.db.connection(violations).insert({ document_id: `v${noShow.id}${daysAgo}`, user_id: noShow.id, kind: 'no_show', at: new Date(now.getTime() - daysAgo * DAY), created_at: now, updated_at: now });
      }

      const apply = await cms.api.post('/booking/tags/apply-rules').set(manager.auth);
      expect(apply.status).toBe(200);
      const tagsOf = async (m: Member) => (await cms.api.get(`/booking/members/${m.id}`).set(manager.auth)).body.data.tags.filter((t: any) => !t.expired).map((t: any) => t.tag.name).sort();
      expect(await tagsOf(spender)).toEqual(['高消费']);
      expect(await tagsOf(idle)).toEqual([]);
      expect(await tagsOf(noShow)).toEqual(['常爽约']);
      expect(await tagsOf(staffTagged)).toEqual(['高消费']);
      const count = async (name: string) => (await cms.api.get('/booking/tags').set(manager.auth)).body.data.find((t: any) => t.name === name);
      expect(await count('高消费')).toMatchObject({ members: 2, rule: 'spend_above', threshold: 1500, days: 30, active: true });
      expect(await count('常爽约')).toMatchObject({ members: 1 });
      const row = (await cms.api.get(`/booking/members/${spender.id}`).set(manager.auth)).body.data.tags[0];
      expect(new Date(row.expiresAt).getTime() - now.getTime()).toBeCloseTo(7 * DAY, -5);

      // 31 days on: the spend is out of the window (removed, the rule says so); the no-shows too, but that
      // tag stays until its expiry; the staff-given tag is never touched.
      productClock().advance(31 * DAY);
      await cms.strapi.plugin('booking').service('tag-rules').applyAll();
      expect(await tagsOf(spender)).toEqual([]);
      expect(await tagsOf(noShow)).toEqual(['常爽约']);
      expect(await tagsOf(staffTagged)).toEqual(['高消费']);
      expect(await count('高消费')).toMatchObject({ members: 1 });

      productClock().advance(30 * DAY); // past the 60 valid days
      await cms.strapi.plugin('booking').service('tag-rules').applyAll();
      expect(await count('常爽约')).toMatchObject({ members: 0 });
      productClock().reset();
    });

    it('refuses a rule without its threshold or window', async () => {
      const res = await cms.api.post('/booking/tags').set(manager.auth).send({ name: '不完整', rule: 'spend_above' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors.map((e: any) => e.field).sort()).toEqual(['days', 'threshold']);
    });
  });

  describe('role matrix', () => {
    it('manager edits and issues; front desk reads and issues; the content editor sees neither', async () => {
      const tpl = await createTemplate({ name: '权限券' });
      const cases: [Staff, string, string, number][] = [
        [desk, 'get', '/payments/coupon-templates', 200],
        [desk, 'post', '/payments/coupon-templates', 403],
        [desk, 'put', `/payments/coupon-templates/${tpl.documentId}`, 403],
        [desk, 'get', `/payments/coupon-templates/${tpl.documentId}/analytics`, 200],
        [desk, 'get', '/booking/tags', 200],
        [desk, 'post', '/booking/tags', 403],
        [desk, 'post', '/booking/tags/apply-rules', 403],
        [editor, 'get', '/payments/coupon-templates', 403],
        [editor, 'get', `/payments/coupon-templates/${tpl.documentId}/audience?members=1`, 403],
        [editor, 'post', `/payments/coupon-templates/${tpl.documentId}/distribute`, 403],
        [editor, 'get', '/booking/tags', 403],
        [manager, 'get', `/payments/coupon-templates/${tpl.documentId}/analytics`, 200],
        [manager, 'get', '/booking/tags', 200],
      ];
      const seen = [];
      for (const [who, method, url] of cases) {
        const req = (cms.api as any)[method](url).set(who.auth);
        seen.push((await (method === 'get' ? req : req.send(method === 'post' && url.endsWith('/tags') ? { name: 'x' } : template()))).status);
      }
      expect(seen).toEqual(cases.map((c) => c[3]));
    });
  });
});
