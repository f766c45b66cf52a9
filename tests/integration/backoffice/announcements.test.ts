/**
 * The content editor's announcements: written as drafts, scheduled, published by the job at publish-at
 * and retired at expire-at (with the clock moved, never waiting), aimed at a tier, seen through the
 * member route exactly when and by whom they should be.
 */
import { useCms, loginMember, type Member, loginStaff, productClock, createTier, fund, isoCst, type Staff, runJob } from '../../support';

const JOB = 'booking.publish-scheduled-announcements';
const HOUR = 3600_000;

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

describe('announcements: editor, schedule and audience', () => {
  const cms = useCms();
  let editor: Staff;
  let gold: Member;
  let plain: Member;
  let goldTier: string;

  const titlesFor = async (m: Member) => ((await cms.api.get('/api/announcements').set(m.auth)).body.data as any[]).map((a) => a.title);
  const stateOf = async (id: string) => (await cms.api.get(`/booking/announcements/${id}`).set(editor.auth)).body.data.state;

  beforeAll(async () => {
    const tier = await createTier(cms, { code: 'gold', name: '金卡 Gold', level: 2, discount_percent: 10, booking_horizon_days: 14, price_month_fen: 6000 });
    goldTier = tier.documentId;
    editor = await loginStaff(cms, 'content-editor');
    gold = await loginMember(cms);
    plain = await loginMember(cms);
    await fund(cms, gold.id, 6000);
    const bought = await cms.api.post('/api/payments/memberships/purchase').set(gold.auth).send({ tier: 'gold', plan: 'month', payWith: 'wallet' });
    expect(bought.status).toBe(201);
  });

  it('a tier announcement scheduled ahead goes live for that tier at publish-at and is gone at expire-at', async () => {
    const now = productClock().now();
    const created = await cms.api.post('/booking/announcements').set(editor.auth).send({
      title: '金卡会员专属：周末延时开放',
      summary: '本周六日营业至 24:00',
      body: [paragraph('金卡会员本周末可预约至午夜。'), { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: '仅限大厅座位', bold: true }] }] }],
      audience: 'tier',
      audienceTier: goldTier,
      publishAt: isoCst(new Date(now.getTime() + HOUR)),
      expireAt: isoCst(new Date(now.getTime() + 3 * HOUR)),
      pinned: true,
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect(created.body.data).toMatchObject({ state: 'draft', audience: 'tier', audienceTier: { id: goldTier, name: '金卡 Gold' }, pinned: true, published: false });

    const scheduled = await cms.api.post(`/booking/announcements/${id}/schedule`).set(editor.auth).send({});
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.data.state).toBe('scheduled');
    expect(await titlesFor(gold)).not.toContain('金卡会员专属：周末延时开放');

    // Nothing is due before publish-at: the job leaves it alone.
    expect((await runJob(JOB)).result).toEqual({ published: 0, retired: 0 });

    productClock().advance(HOUR + 60_000);
    expect((await runJob(JOB)).result).toEqual({ published: 1, retired: 0 });
    expect(await stateOf(id)).toBe('live');
    expect(await titlesFor(gold)).toContain('金卡会员专属：周末延时开放');
    expect(await titlesFor(plain)).not.toContain('金卡会员专属：周末延时开放');
    const detail = await cms.api.get(`/api/announcements/${id}`).set(gold.auth);
    expect(detail.body.data).toMatchObject({ title: '金卡会员专属：周末延时开放', pinned: true, audience: 'tier' });
    expect((await cms.api.get(`/api/announcements/${id}`).set(plain.auth)).status).toBe(404);

    // Past expire-at the member route hides it at once; the job then retires the published version.
    productClock().advance(2 * HOUR);
    expect(await titlesFor(gold)).not.toContain('金卡会员专属：周末延时开放');
    expect(await stateOf(id)).toBe('expired');
    expect((await runJob(JOB)).result).toEqual({ published: 0, retired: 1 });
    const published = await cms.strapi.documents('api::announcement.announcement').findOne({ documentId: id, status: 'published' });
    expect(published).toBeNull();
    expect((await runJob(JOB)).result).toEqual({ published: 0, retired: 0 });
    const expired = await cms.api.get('/booking/announcements?state=expired').set(editor.auth);
    expect(expired.body.data.map((a: any) => a.id)).toContain(id);
  });

  it('after downtime the first run publishes every overdue one, and skips one whose window already closed', async () => {
    const now = productClock().now();
    const make = async (title: string, publishIn: number, expireIn: number | null) => {
      const res = await cms.api.post('/booking/announcements').set(editor.auth).send({
        title,
        audience: 'all',
        publishAt: isoCst(new Date(now.getTime() + publishIn)),
        expireAt: expireIn === null ? null : isoCst(new Date(now.getTime() + expireIn)),
      });
      expect(res.status).toBe(201);
      expect((await cms.api.post(`/booking/announcements/${res.body.data.id}/schedule`).set(editor.auth).send({})).status).toBe(200);
      return res.body.data.id as string;
    };
    const a = await make('停电检修通知', HOUR, null);
    const b = await make('新座位上线', 2 * HOUR, 48 * HOUR);
    const missed = await make('限时活动（已错过）', HOUR, 3 * HOUR);

    productClock().advance(5 * HOUR); // the cluster was down for five hours
    expect((await runJob(JOB)).result).toEqual({ published: 2, retired: 1 });
    expect(await stateOf(a)).toBe('live');
    expect(await stateOf(b)).toBe('live');
    expect(await stateOf(missed)).toBe('expired');
    const seen = await titlesFor(plain);
    expect(seen).toEqual(expect.arrayContaining(['停电检修通知', '新座位上线']));
    expect(seen).not.toContain('限时活动（已错过）');
  });

  it('publish now, take down, and the list counts each state', async () => {
    const res = await cms.api.post('/booking/announcements').set(editor.auth).send({ title: '春节营业时间', audience: 'all', body: [paragraph('除夕闭店一天。')] });
    const id = res.body.data.id;
    const live = await cms.api.post(`/booking/announcements/${id}/publish`).set(editor.auth).send({});
    expect(live.status).toBe(200);
    expect(live.body.data).toMatchObject({ state: 'live', published: true });
    expect(await titlesFor(plain)).toContain('春节营业时间');

    const list = await cms.api.get('/booking/announcements?state=live').set(editor.auth);
    expect(list.body.data.every((a: any) => a.state === 'live')).toBe(true);
    expect(list.body.meta.counts.live).toBeGreaterThanOrEqual(1);

    const down = await cms.api.post(`/booking/announcements/${id}/unpublish`).set(editor.auth).send({});
    expect(down.body.data).toMatchObject({ state: 'draft', published: false });
    expect(await titlesFor(plain)).not.toContain('春节营业时间');
    const again = await cms.api.post(`/booking/announcements/${id}/unpublish`).set(editor.auth).send({});
    expect(again.status).toBe(409);
    expect(again.body.error.details.code).toBe('INVALID_STATE');

    expect((await cms.api.delete(`/booking/announcements/${id}`).set(editor.auth)).status).toBe(200);
    expect((await cms.api.get(`/booking/announcements/${id}`).set(editor.auth)).status).toBe(404);
  });

  it('refuses a schedule it cannot keep with a coded 400 and changes nothing', async () => {
    const now = productClock().now();
    const noTier = await cms.api.post('/booking/announcements').set(editor.auth).send({ title: '给谁看？', audience: 'tier' });
    expect(noTier.status).toBe(400);
    expect(noTier.body.error.details).toMatchObject({ code: 'VALIDATION', errors: [expect.objectContaining({ field: 'audienceTier' })] });

    const backwards = await cms.api.post('/booking/announcements').set(editor.auth).send({
      title: '倒着的时间', audience: 'all', publishAt: isoCst(new Date(now.getTime() + 2 * HOUR)), expireAt: isoCst(new Date(now.getTime() + HOUR)),
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.errors[0]).toMatchObject({ field: 'expireAt', rule: 'EXPIRE_BEFORE_PUBLISH' });

    const undated = await cms.api.post('/booking/announcements').set(editor.auth).send({ title: '没有时间', audience: 'all' });
    const sched = await cms.api.post(`/booking/announcements/${undated.body.data.id}/schedule`).set(editor.auth).send({});
    expect(sched.status).toBe(400);
    expect(sched.body.error.details.errors[0]).toMatchObject({ rule: 'PUBLISH_AT_REQUIRED' });
    expect(await stateOf(undated.body.data.id)).toBe('draft');

    const badTime = await cms.api.post('/booking/announcements').set(editor.auth).send({ title: 'x', audience: 'all', publishAt: '2026-13-01 10:00' });
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.details.code).toBe('VALIDATION');
  });
});
