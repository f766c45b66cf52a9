/**
 * The member half of the back office, driven in Chromium as a store manager and as front desk: each test
 * does one real action on a page and checks its effect through the API or the database, and the pages
 * are photographed (zh-Hans) into docs/screenshots/.
 */
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startCms, ROOT, type TestCms } from '../support/cms';
import { seedMembersDemo } from './members-demo';

jest.setTimeout(240_000);

const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const PASSWORD = 'StaffPassw0rd!';

describe('member back office in the browser', () => {
  let cms: TestCms;
  let browser: Browser;
  let demo: Awaited<ReturnType<typeof seedMembersDemo>>;
  const staff: Record<string, { email: string; id: number }> = {};

  async function createStaff(code: 'store-manager' | 'front-desk', firstname: string, lastname: string) {
    const role = await cms.strapi.db.query('admin::role').findOne({ where: { code } });
    const email = `${code}@studyroom.test`;
    const user = await cms.strapi.service('admin::user').create({ email, firstname, lastname, password: PASSWORD, isActive: true, roles: [role.id] });
    staff[code] = { email, id: user.id };
  }

  async function as(code: 'store-manager' | 'front-desk'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addInitScript(() => {
      window.localStorage.setItem('strapi-admin-language', 'zh-Hans');
      window.localStorage.setItem('STRAPI_GUIDED_TOUR', JSON.stringify({ enabled: false }));
    });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
    await page.goto(`${cms.url}/admin/auth/login`);
    await page.locator('input[name="email"]').fill(staff[code].email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/admin/auth'), { timeout: 60_000 });
    return page;
  }

  async function dismiss(page: Page) {
    const banner = page.getByRole('button', { name: /close the banner|关闭/i }).first();
    if (await banner.isVisible().catch(() => false)) await banner.click().catch(() => undefined);
    for (let i = 0; i < 3; i += 1) {
      const dialog = page.locator('[role="dialog"], [role="alertdialog"]').first();
      if (!(await dialog.isVisible().catch(() => false))) return;
      const close = dialog.getByRole('button', { name: /skip|close|dismiss|got it|later|关闭|跳过/i }).first();
      if (await close.isVisible().catch(() => false)) await close.click().catch(() => undefined);
      else await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
    }
  }

  async function open(page: Page, pathname: string, ready: string) {
    await page.goto(`${cms.url}/admin/plugins/payments/${pathname}`);
    await page.getByText(ready).first().waitFor({ timeout: 60_000 });
    await dismiss(page);
  }

  const shot = (page: Page, file: string) => page.screenshot({ path: path.join(SHOTS, file), fullPage: true });

  async function choose(page: Page, label: string, option: string, scope = page.locator('body')) {
    await scope.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }


  beforeAll(async () => {
    cms = await startCms({ env: { JOBS_ENABLED: 'true' } });
    await createStaff('store-manager', '王', '店长');
    await createStaff('front-desk', '李', '前台');
    demo = await seedMembersDemo(cms, staff['store-manager'].id);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
    await cms?.close();
  });

  it('store manager finds a member, sees the member page, bans and then unbans them', async () => {
    const page = await as('store-manager');
    await open(page, 'members', '夜读的小林');
    await shot(page, 'admin-members.png');

    await page.getByRole('textbox', { name: '搜索' }).fill('小林');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.getByRole('row', { name: /夜读的小林/ }).click();
    await page.getByText('钱包流水').first().waitFor();
    await page.getByText('空调故障补偿').waitFor();
    await shot(page, 'admin-member-detail.png');

    const target = demo.by('法考冲刺的陈同学');
    await page.goto(`${cms.url}/admin/plugins/payments/members/${target.id}`);
    await page.getByRole('button', { name: '封禁' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('textarea').fill('多次在静音区大声讨论');
    await dialog.getByRole('button', { name: '封禁' }).click();
    await page.getByText(/封禁中，至/).waitFor();
    const banned = await cms.api.get('/api/users/me').set(target.auth);
    expect(banned.body.ban).toMatchObject({ reason: '多次在静音区大声讨论' });

    await page.getByRole('button', { name: '解除封禁' }).click();
    await page.getByRole('dialog').locator('textarea').fill('已当面沟通，解除');
    await page.getByRole('dialog').getByRole('button', { name: '解除封禁' }).click();
    await page.getByRole('button', { name: '封禁' }).waitFor();
    expect((await cms.api.get('/api/users/me').set(target.auth)).body.ban).toBeNull();
    const history = await cms.strapi.plugin('booking').service('members').banHistory(target.id, { page: 1, pageSize: 10 });
    expect(history.data.map((h: any) => [h.action, h.reason, h.actorName])).toEqual([
      ['lift', '已当面沟通，解除', '王 店长'],
      ['ban', '多次在静音区大声讨论', '王 店长'],
    ]);
    await page.context().close();
  });

  it('front desk accepts an appeal; the ban is lifted and the member sees it', async () => {
    const page = await as('front-desk');
    await open(page, 'appeals', '考研的阿杰');
    await shot(page, 'admin-appeals.png');
    await page.getByRole('row', { name: /考研的阿杰/ }).getByRole('button', { name: '通过' }).click();
    await page.getByRole('dialog').locator('textarea').fill('病历属实，解除封禁');
    await page.getByRole('dialog').getByRole('button', { name: '通过' }).click();
    await page.getByText('申诉已通过，封禁已解除。').first().waitFor();
    const me = await cms.api.get('/api/users/me').set(demo.by('考研的阿杰').auth);
    expect(me.body.ban).toBeNull();
    await page.context().close();
  });

  it('store manager reviews refunds: the queue with ledger, then approves one', async () => {
    const page = await as('store-manager');
    await open(page, 'refunds', '图书馆常驻的老周');
    await page.getByRole('row', { name: /图书馆常驻的老周/ }).click();
    await page.getByText('会员最近的钱包流水').waitFor();
    await page.getByText('下学期去外地实习，申请提现余额').waitFor();
    await shot(page, 'admin-refunds.png');
    await page.getByRole('button', { name: '通过并退款' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '通过并退款' }).click();
    await page.getByText('已通过，正在退款。').first().waitFor();
    const request = await cms.strapi.plugin('payments').service('refunds').get(demo.pendingRefund);
    expect(request).toMatchObject({ status: 'refunding', approved_fen: 15000 });

    // The failed one shows why.
    await choose(page, '状态', '退款失败');
    await page.getByRole('row', { name: /研二的赵博/ }).click();
    await page.getByText('微信关闭了这笔退款，金额已退回会员钱包。').waitFor();
    await page.context().close();
  });

  it('store manager runs a batch coupon issue to completion, watching the progress bar reach 100 %', async () => {
    const page = await as('store-manager');
    await open(page, 'batches', '新建批量操作');
    await choose(page, '优惠券模板', '考研冲刺2小时免费券');
    await choose(page, '持有该标签的会员', '考研党');
    await page.getByRole('button', { name: '开始执行' }).click();
    const bar = page.getByTestId('batch-progress');
    await bar.waitFor();
    await page.getByTestId('batch-percent').filter({ hasText: '100%' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('progressbar', { name: '执行进度' }).getAttribute('aria-valuenow')).toBe('100');
    await page.getByText('已处理 4 / 4 人').waitFor();
    await shot(page, 'admin-batch.png');
    for (const name of ['考研的阿杰', '研二的赵博', '考公上岸中的阿敏', '法考冲刺的陈同学']) {
      const coupons = await cms.api.get('/api/payments/coupons').set(demo.by(name).auth);
      expect(coupons.body.data.map((c: any) => c.name)).toContain('考研冲刺2小时免费券');
    }
    await page.context().close();
  });

  it('front desk can see refunds and members but not the refund approval nor the wallet adjustment', async () => {
    const page = await as('front-desk');
    await open(page, 'refunds', '雅思7分的Lily');
    await page.getByRole('row', { name: /雅思7分的Lily/ }).click();
    await page.getByText('考试结束了，余额用不完').waitFor();
    expect(await page.getByRole('button', { name: '通过并退款' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '驳回' }).count()).toBe(0);

    await page.goto(`${cms.url}/admin/plugins/payments/members/${demo.by('夜读的小林').id}`);
    await page.getByText('钱包流水').first().waitFor();
    expect(await page.getByRole('button', { name: '封禁' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '调整余额' }).count()).toBe(0);
    // And the menu does not offer batch operations.
    expect(await page.getByRole('link', { name: /批量操作/ }).count()).toBe(0);
    await page.context().close();
  });
});
