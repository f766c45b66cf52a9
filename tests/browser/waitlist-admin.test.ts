/**
 * 候补 Waiting list in a real browser, on the first-start demo data: the manager sees the private room's
 * lines (waiting 1–3, an offer, a lapsed one), filters by day and status, and removes a waiting entry with
 * a reason through the confirm dialog. Screenshot (zh-Hans): docs/screenshots/admin-waitlist.png.
 */
import path from 'path';
import { DateTime } from 'luxon';
import { startCms, DIST_DIR, ROOT, type TestCms } from '../support/cms';
import { closeChromium, openAdmin } from '../support/browser';

jest.setTimeout(180_000);

let cms: TestCms;
const entriesTable = () => cms.strapi.db.metadata.get('plugin::booking.waitlist-entry').tableName;

beforeAll(async () => {
  cms = await startCms();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const data = require(path.join(DIST_DIR, 'src', 'bootstrap', 'demo-data'));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const activity = require(path.join(DIST_DIR, 'src', 'bootstrap', 'demo-activity'));
  const seeds = path.join(ROOT, 'seeds');
  await data.loadDemoData(cms.strapi, seeds);
  await activity.ensureDemoStaff(cms.strapi);
  await activity.loadDemoActivity(cms.strapi, seeds);
}, 300_000);
afterAll(async () => {
  await closeChromium();
  await cms?.close();
});

test('the manager filters the waiting list and removes a waiting entry with a reason', async () => {
  const admin = await openAdmin(cms, 'store-manager', { viewport: { width: 1440, height: 900 } });
  const { page } = admin;
  try {
    await admin.goto('/plugins/booking/waitlist');
    await page.getByRole('heading', { name: '候补名单' }).waitFor();
    await page.locator('[data-entry]').first().waitFor();
    // The demo's lines: three waiting in order, an open offer, a lapsed one.
    expect(await page.locator('[data-status="waiting"]').count()).toBe(3);
    for (const n of [1, 2, 3]) expect(await page.getByText(`第 ${n} 位`).count()).toBe(1);
    expect(await page.locator('[data-status="offered"]').count()).toBe(1);
    await page.getByText(/留座至 \d\d:\d\d · 座位 /).waitFor();
    expect(await page.locator('[data-status="lapsed"]').count()).toBe(1);

    // Store day filter: tomorrow has them all, the day after has none (the empty state).
    const tomorrow = DateTime.now().setZone('Asia/Shanghai').plus({ days: 1 });
    const dayInput = page.getByLabel('日期');
    await dayInput.fill(tomorrow.plus({ days: 1 }).toISODate()!);
    await page.getByText('这里没有人在候补').waitFor();
    await dayInput.fill(tomorrow.toISODate()!);
    await page.locator('[data-entry]').first().waitFor();
    expect(await page.locator('[data-entry]').count()).toBe(5);

    // Status filter: only the waiting ones.
    await page.getByRole('combobox', { name: '状态' }).click();
    await page.getByRole('option', { name: '候补中', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-entry]').length === 3 && !document.querySelector('[data-status="offered"]'));

    // Remove the first in line, with a reason.
    const first = page.locator('[data-status="waiting"]').first();
    const id = await first.getAttribute('data-entry');
    await first.getByRole('button', { name: '移出' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('移出后该会员离开队列').waitFor();
    await dialog.locator('input').fill('会员来电说不等了');
    await dialog.getByRole('button', { name: '移出' }).click();
    await page.getByText('已移出候补名单').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-entry]').length === 2);
    const row = await cms.strapi.db.connection(entriesTable()).where({ document_id: id }).first();
    expect(row).toMatchObject({ status: 'removed', removed_reason: '会员来电说不等了' });
    expect(Number(row.removed_by)).toBeGreaterThan(0);
    expect(await page.getByText('第 1 位').count()).toBe(1);
    expect(await page.getByText('第 3 位').count()).toBe(0);

    // Every status again, for the picture: the line moved up, the removal shows its reason.
    await admin.goto('/plugins/booking/waitlist');
    await page.locator('[data-status="removed"]').waitFor();
    await page.getByText('会员来电说不等了').waitFor();
    await page.waitForTimeout(500);
    await admin.screenshot('admin-waitlist');
    expect(admin.errors.filter((e) => !e.includes('MISSING_TRANSLATION'))).toEqual([]);
  } finally {
    await admin.close();
  }
});
