/**
 * The content editor's announcements and the manager's parameters in a real browser, on the demo data:
 * an announcement written for a tier, previewed, scheduled a few minutes ahead, and – with the clock moved
 * and the job run – read by a member of that tier and not by another; a parameter changed on its page and
 * followed by GET /api/settings/public. Screenshots (zh-Hans) go to docs/screenshots/.
 */
import path from 'path';
import { startCms, DIST_DIR, ROOT, type TestCms } from '../support/cms';
import { closeChromium, openAdmin } from '../support/browser';
import { loginMember } from '../support/members';
import { fund } from '../support/money';

jest.setTimeout(240_000);

let cms: TestCms;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const dist = (p: string) => require(path.join(DIST_DIR, 'src', p));
const announcements = () => cms.strapi.plugin('booking').service('announcements');
const DAY = 86400_000;
const cst = (d: Date) => `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
const localInput = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);

beforeAll(async () => {
  cms = await startCms();
  const seeds = path.join(ROOT, 'seeds');
  await dist('bootstrap/demo-data').loadDemoData(cms.strapi, seeds);
  await dist('bootstrap/demo-activity').ensureDemoStaff(cms.strapi);
  // A list with every state: the demo's live ones plus a scheduled one, a draft and an expired one.
  const now = dist('platform/clock').clock.now() as Date;
  const para = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];
  const base = { summary: null, cover: null, audienceTag: null, audienceTier: null, pinned: false };
  const s = await announcements().create({ ...base, title: '五一假期营业时间调整', body: para('5 月 1 日至 5 日 8:00–22:00 营业。'), audience: 'all', publishAt: new Date(now.getTime() + 2 * DAY), expireAt: new Date(now.getTime() + 9 * DAY) });
  await announcements().schedule(s.id);
  await announcements().create({ ...base, title: '考研冲刺季活动（草稿）', body: para('待定'), audience: 'all', publishAt: null, expireAt: null });
  await announcements().create({ ...base, title: '十一月空调检修通知', body: para('已完成'), audience: 'all', publishAt: new Date(now.getTime() - 20 * DAY), expireAt: new Date(now.getTime() - 10 * DAY) });
}, 300_000);
afterAll(async () => {
  await closeChromium();
  dist('platform/clock').clock.reset();
  await cms?.close();
});

test('the content editor writes a tier announcement, previews it, schedules it, and it reaches that tier only', async () => {
  const gold = await loginMember(cms);
  const plain = await loginMember(cms);
  await fund(cms, gold.id, 19900);
  expect((await cms.api.post('/api/payments/memberships/purchase').set(gold.auth).send({ tier: 'gold', plan: 'month', payWith: 'wallet' })).status).toBe(201);

  const admin = await openAdmin(cms, 'content-editor', { viewport: { width: 1440, height: 1000 } });
  try {
    await admin.goto('/plugins/booking/announcements');
    await admin.page.getByText('五一假期营业时间调整').waitFor();
    for (const state of ['live', 'scheduled', 'draft', 'expired']) await admin.page.locator(`[data-state="${state}"]`).first().waitFor();
    await admin.screenshot('admin-announcements');

    await admin.page.getByRole('button', { name: '新建公告' }).click();
    const title = '金卡会员专属：周末延时至 24:00';
    await admin.page.locator('input[name="title"]').fill(title);
    await admin.page.locator('input[name="summary"]').fill('本周六、周日金卡会员可预约至午夜');
    await admin.page.locator('textarea[name="body"]').fill('# 活动时间\n本周六、周日 **8:00–24:00**\n- 仅限开放区 A、B\n- 包间照常 *22:00* 关闭\n> 名额有限，请提前预约');
    await admin.page.getByRole('radio', { name: '某个会员等级' }).click();
    try {
      await admin.page.getByRole('combobox', { name: '会员等级' }).click();
      await admin.page.getByRole('option', { name: '金卡 Gold', exact: true }).click();
    } catch (e) {
      await admin.page.screenshot({ path: '/tmp/sc-debug-tier.png' });
      throw e;
    }
    const clock = dist('platform/clock').clock;
    const publishAt = new Date(clock.now().getTime() + 3 * 60_000);
    await admin.page.locator('input[name="publishAt"]').fill(localInput(publishAt));
    await admin.page.locator('input[name="expireAt"]').fill(localInput(new Date(clock.now().getTime() + 3 * DAY)));

    // The phone preview draws what is typed, as the mini program will.
    const preview = admin.page.getByTestId('phone-preview');
    await preview.getByText(title).waitFor();
    await preview.getByText('本周六、周日金卡会员可预约至午夜').waitFor();
    await preview.getByText('活动时间').waitFor();
    await preview.getByText('可见：会员等级：金卡 Gold').waitFor();
    await admin.screenshot('admin-announcement-editor');

    await admin.page.getByRole('button', { name: '定时发布' }).click();
    await admin.page.locator('[data-state="scheduled"]').first().waitFor();
    const list = await admin.page.request.get(`${cms.url}/booking/announcements?state=scheduled`, { headers: { Authorization: `Bearer ${admin.token}` } });
    const mine = (await list.json()).data.find((a: any) => a.title === title);
    expect(mine).toMatchObject({ state: 'scheduled', audience: 'tier', audienceTier: { name: '金卡 Gold' } });

    const titlesFor = async (auth: Record<string, string>) => ((await cms.api.get('/api/announcements?pageSize=50').set(auth)).body.data as any[]).map((a) => a.title);
    expect(await titlesFor(gold.auth)).not.toContain(title);

    clock.advance(4 * 60_000);
    const run = await dist('platform/runtime').runtime().scheduler.runNow('booking.publish-scheduled-announcements');
    expect(run.result.published).toBeGreaterThanOrEqual(1);
    expect(await titlesFor(gold.auth)).toContain(title);
    expect(await titlesFor(plain.auth)).not.toContain(title);
    expect(admin.errors.filter((e) => !e.includes('MISSING_TRANSLATION'))).toEqual([]);
  } finally {
    dist('platform/clock').clock.reset();
    await admin.close();
  }
});

test('the manager changes a parameter and GET /api/settings/public follows; a rule across fields is refused', async () => {
  const admin = await openAdmin(cms, 'store-manager', { viewport: { width: 1440, height: 1850 } });
  try {
    await admin.goto('/plugins/booking/parameters');
    await admin.page.locator('[data-group="booking"]').waitFor();
    await admin.page.getByText('签到与爽约').waitFor();
    await admin.screenshot('admin-parameters');

    const hold = admin.page.locator('[data-field="hold_minutes"] input');
    await hold.fill('20');
    await admin.page.getByTestId('save-parameters').click();
    await admin.page.getByText('参数已保存，立即生效').waitFor();
    expect((await cms.api.get('/api/settings/public')).body.data.holdMinutes).toBe(20);

    const grace = admin.page.locator('[data-field="no_show_grace_minutes"] input');
    await grace.fill('45');
    await admin.page.getByTestId('save-parameters').click();
    await admin.page.getByText(/保存被拒绝/).first().waitFor();
    expect((await cms.api.get('/api/settings/public')).body.data.noShowGraceMinutes).toBe(15);
    expect(admin.errors.filter((e) => !e.includes('MISSING_TRANSLATION') && !e.includes('400'))).toEqual([]);
  } finally {
    await admin.close();
  }
});
