/**
 * Coupons and tags in the back office, driven in Chromium as the store manager: create a coupon
 * template, issue it to a tag, see the analytics count it (checked through the member API too), and
 * apply the tag rules from the tags page. The pages are photographed (zh-Hans) into docs/screenshots/.
 */
import path from 'path';
import type { Page } from 'playwright-core';
import { book, iso, range } from '../support/booking';
import { startCms, ROOT, type TestCms } from '../support/cms';
import { closeChromium, dismissDialogs, openAdmin } from '../support/browser';
import { seedCouponsDemo } from './coupons-demo';

jest.setTimeout(300_000);

const SHOTS = path.join(ROOT, 'docs', 'screenshots');

describe('coupons and tags in the browser', () => {
  let cms: TestCms;
  let page: Page;
  let demo: Awaited<ReturnType<typeof seedCouponsDemo>>;

  const shot = (file: string) => page.screenshot({ path: path.join(SHOTS, file), fullPage: true });

  async function open(pathname: string, ready: string) {
    await page.goto(`${cms.url}/admin/plugins/payments/${pathname}`);
    await page.getByText(ready).first().waitFor({ timeout: 60_000 });
    await dismissDialogs(page);
  }

  beforeAll(async () => {
    cms = await startCms();
    demo = await seedCouponsDemo(cms);
    const admin = await openAdmin(cms, 'store-manager', { timezoneId: 'Asia/Shanghai' });
    page = admin.page;
  });
  afterAll(async () => {
    await closeChromium();
    await cms?.close();
  });

  it('manager creates a template, issues it to a tag, and the analytics count it', async () => {
    await open('coupons', '周末自习满30减5');
    await shot('admin-coupons.png');

    await page.getByRole('button', { name: '新建优惠券' }).first().click();
    await page.getByLabel('名称（会员可见）').fill('考研冲刺满20减6');
    await page.getByLabel('减免金额（元）').fill('6');
    await page.getByLabel('最低消费（元）').fill('20');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('优惠券模板已保存').first().waitFor();
    await page.waitForURL(/\/coupons\/[a-z0-9]{10,}$/);
    const templateId = page.url().split('/').pop()!;

    // Distribution: the audience is counted before anything is issued.
    await page.getByRole('combobox', { name: '会员标签' }).click();
    await page.getByRole('option', { name: '考研党', exact: true }).click();
    await page.getByText('将发给 5 位会员').waitFor();
    // The whole editor in one picture: the admin scrolls inside its main column, so make the window tall.
    await page.setViewportSize({ width: 1440, height: 2150 });
    await page.waitForTimeout(300);
    await shot('admin-coupon-editor.png');
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.getByRole('button', { name: '发放给 5 人' }).click();
    await page.getByText(/已发放 5 张/).waitFor();

    for (const m of demo.members.slice(0, 5)) {
      const mine = (await cms.api.get('/api/payments/coupons').set(m.auth)).body.data as any[];
      expect(mine.map((c) => c.name)).toContain('考研冲刺满20减6');
    }
    const other = (await cms.api.get('/api/payments/coupons').set(demo.members[7].auth)).body.data as any[];
    expect(other.map((c) => c.name)).not.toContain('考研冲刺满20减6');

    // One of them books with it: 3 hours on a standard seat, 2400 − 600.
    const member = demo.members[4];
    await cms.strapi.plugin('payments').service('wallet').credit({ userId: member.id, principalFen: 5000, bonusFen: 0, type: 'staff_adjustment', ref: { kind: 'demo', id: `b-${member.id}` }, actor: { type: 'staff', id: null }, note: 'demo' });
    const coupon = ((await cms.api.get('/api/payments/coupons?usable=true').set(member.auth)).body.data as any[]).find((c) => c.name === '考研冲刺满20减6');
    const { start, end } = range(60, 3);
    const booked = await book(cms, member, { seat: demo.seats[6].documentId, start: iso(start), end: iso(end), coupon: coupon.id, payWith: 'wallet' });
    expect(booked.body.data).toMatchObject({ coupon_discount_fen: 600, total_fen: 1800 });

    await page.getByRole('button', { name: '分析' }).click();
    await page.waitForURL(new RegExp(`/coupons/${templateId}/analytics$`));
    await page.getByText('考研冲刺满20减6 · 使用分析').waitFor();
    const figure = async (label: string) => (await page.getByText(label, { exact: true }).locator('xpath=..').innerText()).replace(label, '').trim();
    expect(await figure('已发放')).toBe('5');
    expect((await figure('已使用')).startsWith('1')).toBe(true);
    await page.getByText('核销率 20.0%').waitFor();
    await page.getByRole('row', { name: /预约/ }).first().getByText('¥6.00').waitFor();
    await page.getByRole('row', { name: /预约/ }).first().getByText('¥18.00').waitFor();

    // The seeded weekend template has two weeks of history: its analytics make the screenshot.
    await open(`coupons/${demo.weekend.documentId}/analytics`, '周末自习满30减5 · 使用分析');
    await page.getByText('核销率 60.0%').waitFor();
    await page.locator('svg[aria-label="redemption rate over time"]').waitFor();
    await shot('admin-coupon-analytics.png');
  });

  it('tags page shows member counts and applies the rules on demand', async () => {
    await open('tags', '考研党');
    const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
    await row('考研党').getByText('5 人').waitFor();
    await row('高消费会员').getByText('0 人').waitFor();
    const [applied] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/booking/tags/apply-rules')),
      page.getByRole('button', { name: '立即按规则打标' }).click(),
    ]);
    const body = await applied.json();
    expect([applied.status(), body.data.find((r: any) => r.tag === demo.bigSpender.documentId)]).toEqual([200, { tag: demo.bigSpender.documentId, given: 2, removed: 0 }]);
    await page.getByText(/已按规则打标：新增 2 人/).waitFor();
    await row('高消费会员').getByText('2 人').waitFor();
    await shot('admin-tags.png');
    const holders = await cms.strapi.db.query('api::member-tag.member-tag').findMany({ where: { tag: { code: 'big-spender' } }, populate: { user: true } });
    expect(holders.map((h: any) => h.user.id).sort()).toEqual([demo.members[1].id, demo.members[2].id].sort());
  });
});
