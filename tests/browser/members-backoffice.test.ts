/**
 * The member half of the back office, driven in Chromium as a store manager and as front desk: each test
 * does one real action on a page and checks its effect through the API or the database, and the pages
 * are photographed (zh-Hans) into docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { startCms, type TestCms } from '../support/cms';
import { closeChromium, createStaffUser, openAdmin, type AdminSession } from '../support/browser';
import { seedMembersDemo } from './members-demo';

jest.setTimeout(300_000);

describe('member back office in the browser', () => {
  let cms: TestCms;
  let demo: Awaited<ReturnType<typeof seedMembersDemo>>;

  /** A logged-in staff session on one of this plugin's pages, once `ready` text shows. */
  async function as(role: 'store-manager' | 'front-desk', pathname: string, ready: string): Promise<AdminSession> {
    const admin = await openAdmin(cms, role);
    // The machine is shared: give slow renders room rather than fail on a time.
    admin.page.setDefaultTimeout(90_000);
    await open(admin, pathname, ready);
    return admin;
  }

  async function open(admin: AdminSession, pathname: string, ready: string) {
    await admin.goto(`/plugins/payments/${pathname}`);
    await admin.page.getByText(ready).first().waitFor();
  }

  async function choose(page: Page, label: string, option: string) {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  beforeAll(async () => {
    cms = await startCms({ env: { JOBS_ENABLED: 'true' } });
    const seeder = await createStaffUser(cms, 'store-manager');
    const seederRow = await cms.strapi.db.query('admin::user').findOne({ where: { email: seeder.email } });
    demo = await seedMembersDemo(cms, seederRow.id);
  });
  afterAll(async () => {
    await closeChromium();
    await cms?.close();
  });

  it('store manager finds a member, sees the member page, bans and then unbans them', async () => {
    const admin = await as('store-manager', 'members', '夜读的小林');
    const { page } = admin;
    await admin.screenshot('admin-members', { fullPage: true });

    await page.getByRole('textbox', { name: '搜索' }).fill('小林');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.getByRole('row', { name: /夜读的小林/ }).click();
    await page.getByText('钱包流水').first().waitFor();
    await page.getByText('空调故障补偿').waitFor();
    await admin.screenshot('admin-member-detail', { fullPage: true });

    const target = demo.by('法考冲刺的陈同学');
    await open(admin, `members/${target.id}`, '钱包流水');
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
      ['lift', '已当面沟通，解除', '店长 王'],
      ['ban', '多次在静音区大声讨论', '店长 王'],
    ]);
    await admin.close();
  });

  it('front desk accepts an appeal; the ban is lifted and the member sees it', async () => {
    const admin = await as('front-desk', 'appeals', '考研的阿杰');
    const { page } = admin;
    await admin.screenshot('admin-appeals', { fullPage: true });
    await page.getByRole('row', { name: /考研的阿杰/ }).getByRole('button', { name: '通过' }).click();
    await page.getByRole('dialog').locator('textarea').fill('病历属实，解除封禁');
    await page.getByRole('dialog').getByRole('button', { name: '通过' }).click();
    await page.getByText('申诉已通过，封禁已解除。').first().waitFor();
    const me = await cms.api.get('/api/users/me').set(demo.by('考研的阿杰').auth);
    expect(me.body.ban).toBeNull();
    await admin.close();
  });

  it('store manager reviews refunds: the queue with ledger, then approves one', async () => {
    const admin = await as('store-manager', 'refunds', '图书馆常驻的老周');
    const { page } = admin;
    await page.getByRole('row', { name: /图书馆常驻的老周/ }).click();
    await page.getByText('会员最近的钱包流水').waitFor();
    await page.getByText('下学期去外地实习，申请提现余额').waitFor();
    await admin.screenshot('admin-refunds', { fullPage: true });
    await page.getByRole('button', { name: '通过并退款' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '通过并退款' }).click();
    await page.getByText('已通过，正在退款。').first().waitFor();
    const request = await cms.strapi.plugin('payments').service('refunds').get(demo.pendingRefund);
    expect(request).toMatchObject({ status: 'refunding', approved_fen: 15000 });

    // The failed one shows why.
    await choose(page, '状态', '退款失败');
    await page.getByRole('row', { name: /研二的赵博/ }).click();
    await page.getByText('微信关闭了这笔退款，金额已退回会员钱包。').waitFor();
    await admin.close();
  });

  it('store manager runs a batch coupon issue to completion, watching the progress bar reach 100 %', async () => {
    const admin = await as('store-manager', 'batches', '新建批量操作');
    const { page } = admin;
    await choose(page, '优惠券模板', '考研冲刺2小时免费券');
    await choose(page, '持有该标签的会员', '考研党');
    await page.getByRole('button', { name: '开始执行' }).click();
    const bar = page.getByTestId('batch-progress');
    await bar.waitFor();
    await page.getByTestId('batch-percent').filter({ hasText: '100%' }).waitFor({ timeout: 120_000 });
    expect(await page.getByRole('progressbar', { name: '执行进度' }).getAttribute('aria-valuenow')).toBe('100');
    await page.getByText('已处理 4 / 4 人').waitFor();
    await admin.screenshot('admin-batch', { fullPage: true });
    for (const name of ['考研的阿杰', '研二的赵博', '考公上岸中的阿敏', '法考冲刺的陈同学']) {
      const coupons = await cms.api.get('/api/payments/coupons').set(demo.by(name).auth);
      expect(coupons.body.data.map((c: any) => c.name)).toContain('考研冲刺2小时免费券');
    }
    await admin.close();
  });

  it('front desk can see refunds and members but not the refund approval nor the wallet adjustment', async () => {
    const admin = await as('front-desk', 'refunds', '雅思7分的Lily');
    const { page } = admin;
    await page.getByRole('row', { name: /雅思7分的Lily/ }).click();
    await page.getByText('考试结束了，余额用不完').waitFor();
    expect(await page.getByRole('button', { name: '通过并退款' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '驳回' }).count()).toBe(0);

    await open(admin, `members/${demo.by('夜读的小林').id}`, '钱包流水');
    expect(await page.getByRole('button', { name: '封禁' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '调整余额' }).count()).toBe(0);
    // And the menu does not offer batch operations.
    expect(await page.getByRole('link', { name: /批量操作/ }).count()).toBe(0);
    await admin.close();
  });
});
