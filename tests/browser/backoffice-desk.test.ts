/**
 * The front desk's and the manager's pages in a real browser, on the first-start demo data: each test
 * does one real action through the page and checks its effect through the admin API or the database.
 * Screenshots (zh-Hans, demo data) go to docs/screenshots/.
 */
import path from 'path';
import { DateTime } from 'luxon';
import { startCms, DIST_DIR, ROOT, type TestCms } from '../support/cms';
import { closeChromium, downloadText, openAdmin, type AdminSession } from '../support/browser';
import { parseCsv } from '../support/csv';

jest.setTimeout(180_000);

let cms: TestCms;
const bookingsTable = () => cms.strapi.db.metadata.get('plugin::booking.booking').tableName;
const statusOf = async (documentId: string) => (await cms.strapi.db.connection(bookingsTable()).where({ document_id: documentId }).first())?.status;

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

async function openBoardOfBusiestRoom(admin: AdminSession) {
  await admin.goto('/plugins/booking/bookings');
  await admin.page.locator('[data-booking]').first().waitFor();
}

let extra = 0;
/**
 * A confirmed booking still to come, opened on its board. The demo has some unless it starts late in
 * the evening; then a member books one for tomorrow afternoon, so the test never depends on the hour.
 */
async function confirmedBarOnBoard(admin: AdminSession) {
  const now = new Date();
  let row = await cms.strapi.db.connection(bookingsTable()).where({ status: 'confirmed' }).andWhere('start_at', '>', now).orderBy('id').offset(extra).first();
  if (!row) {
    const member = await cms.strapi.db.query('plugin::users-permissions.user').findOne({ where: { username: `demo_${20 + extra}` } });
    const seats = await cms.strapi.db.query('api::seat.seat').findMany({ where: { type: 'standard' }, limit: 50 });
    const tomorrow = DateTime.now().setZone('Asia/Shanghai').plus({ days: 1 }).set({ hour: 15, minute: 0, second: 0, millisecond: 0 });
    const { booking } = await cms.strapi.plugin('booking').service('bookings').create({ userId: member.id, seat: seats[seats.length - 1 - extra].documentId, start: tomorrow.toJSDate(), end: tomorrow.plus({ hours: 1 }).toJSDate(), payWith: 'wallet' });
    row = await cms.strapi.db.connection(bookingsTable()).where({ document_id: booking.id }).first();
  }
  extra += 1;
  const detail = await admin.page.request.get(`${cms.url}/booking/bookings/${row.document_id}`, { headers: { Authorization: `Bearer ${admin.token}` } });
  const b = (await detail.json()).data;
  await admin.goto(`/plugins/booking/bookings?room=${b.room.id}&date=${b.start.slice(0, 10)}`);
  const bar = admin.page.locator(`[data-booking="${row.document_id}"]`);
  await bar.waitFor();
  return { bar, id: row.document_id as string };
}

test('the manager sees the dashboard with figures, charts and queues', async () => {
  const admin = await openAdmin(cms, 'store-manager', { viewport: { width: 1440, height: 1700 } });
  try {
    await admin.goto('/plugins/booking');
    await admin.page.getByText('收入合计').waitFor();
    expect(await admin.page.getByText('今日预约').count()).toBeGreaterThan(0);
    await admin.page.locator('svg[aria-label="daily revenue"]').waitFor();
    await admin.page.locator('svg[aria-label="occupancy by hour"]').waitFor();
    expect(await admin.page.getByText('待核验线下支付').isVisible()).toBe(true);
    await admin.screenshot('admin-dashboard');
    expect(admin.errors.filter((e) => !e.includes('MISSING_TRANSLATION'))).toEqual([]);
  } finally {
    await admin.close();
  }
});

test('the home page carries the dashboard widgets', async () => {
  const admin = await openAdmin(cms, 'store-manager', { viewport: { width: 1440, height: 2000 } });
  try {
    await admin.goto('/');
    const widget = admin.page.getByText('今日自习室').first();
    await widget.waitFor();
    await widget.scrollIntoViewIfNeeded();
    await admin.page.getByText('今日收入').waitFor();
    await admin.screenshot('admin-home-widgets');
  } finally {
    await admin.close();
  }
});

test('front desk cancels a booking on the board (with the fee), and sees no manager-only controls', async () => {
  const admin = await openAdmin(cms, 'front-desk');
  try {
    await openBoardOfBusiestRoom(admin);
    await admin.screenshot('admin-bookings-board');
    // Manager-only: the exports menu entry and the "without fee" checkbox.
    expect(await admin.page.locator('a[href$="/plugins/booking/exports"]').count()).toBe(0);
    const { bar, id } = await confirmedBarOnBoard(admin);
    await bar.click();
    await admin.page.getByRole('dialog').getByText('价格明细').waitFor();
    await admin.page.getByRole('dialog').getByText('状态记录').waitFor();
    expect(await admin.page.getByText('免收取消手续费').count()).toBe(0);
    await admin.page.getByPlaceholder('会员会看到此原因').fill('座位维修 seat under repair');
    await admin.page.getByRole('button', { name: '取消预约' }).click();
    await admin.page.getByText('预约已取消').waitFor();
    expect(await statusOf(id)).toBe('cancelled');
    const detail = await admin.page.request.get(`${cms.url}/booking/bookings/${id}`, { headers: { Authorization: `Bearer ${admin.token}` } });
    expect((await detail.json()).data).toMatchObject({ status: 'cancelled', cancelReason: '座位维修 seat under repair' });
  } finally {
    await admin.close();
  }
});

test('the manager opens a booking, sees its price and history, and cancels it without the fee', async () => {
  const admin = await openAdmin(cms, 'store-manager');
  try {
    await openBoardOfBusiestRoom(admin);
    const { bar, id } = await confirmedBarOnBoard(admin);
    await bar.click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByText('状态记录').waitFor();
    await dialog.getByText('免收取消手续费').waitFor();
    await admin.screenshot('admin-booking-detail');
    await dialog.getByText('免收取消手续费').click();
    await admin.page.getByPlaceholder('会员会看到此原因').fill('门店临时停电');
    await admin.page.getByRole('button', { name: '取消预约' }).click();
    await admin.page.getByText('预约已取消').waitFor();
    const row = await cms.strapi.db.connection(bookingsTable()).where({ document_id: id }).first();
    expect(row).toMatchObject({ status: 'cancelled', cancel_reason: '门店临时停电' });
    expect(Number(row.fee_fen)).toBe(0);
    expect(Number(row.refund_fen)).toBe(Number(row.total_fen));
  } finally {
    await admin.close();
  }
});

test('the list view filters bookings by status', async () => {
  const admin = await openAdmin(cms, 'front-desk');
  try {
    await admin.goto('/plugins/booking/bookings?view=list');
    await admin.page.locator('tbody tr').first().waitFor();
    await admin.screenshot('admin-bookings-list');
    expect(await admin.page.locator('tbody tr').count()).toBeGreaterThan(5);
  } finally {
    await admin.close();
  }
});

test('front desk confirms one offline payment from the queue and rejects another', async () => {
  const admin = await openAdmin(cms, 'front-desk');
  try {
    await admin.goto('/plugins/booking/offline-payments');
    const rows = admin.page.locator('tbody tr[data-booking]');
    await rows.first().waitFor();
    await admin.page.locator('tbody img').first().waitFor();
    await admin.screenshot('admin-offline-payments');
    const first = (await rows.nth(0).getAttribute('data-booking'))!;
    const second = (await rows.nth(1).getAttribute('data-booking'))!;

    await rows.nth(0).getByRole('button', { name: '确认收款' }).click();
    await admin.page.getByRole('dialog').locator('input').fill('前台现金');
    await admin.page.getByRole('dialog').getByRole('button', { name: '确认收款' }).click();
    await admin.page.getByText('已确认收款，预约已生效。').waitFor();

    await admin.page.locator(`tbody tr[data-booking="${second}"]`).getByRole('button', { name: '拒绝' }).click();
    await admin.page.getByRole('dialog').locator('input').fill('未收到转账');
    await admin.page.getByRole('dialog').getByRole('button', { name: '拒绝' }).click();
    await admin.page.getByText('已拒绝，座位已释放。').waitFor();

    expect(await statusOf(first)).toBe('confirmed');
    expect(await statusOf(second)).toBe('cancelled');
    const ledger = cms.strapi.db.metadata.get('plugin::payments.ledger-entry').tableName;
    const rowsOfFirst = await cms.strapi.db.connection(ledger).where({ ref_kind: 'booking', ref_id: first }).orderBy('id');
    expect(rowsOfFirst.map((r: any) => r.type)).toEqual(['offline_receipt', 'booking_payment']);
    // MySQL answers COUNT as a string, SQLite as a number.
    const rowsOfSecond = await cms.strapi.db.connection(ledger).where({ ref_kind: 'booking', ref_id: second }).count({ n: '*' }).first();
    expect(Number(rowsOfSecond.n)).toBe(0);
  } finally {
    await admin.close();
  }
});

test('the manager downloads the bookings and ledger exports and they parse back', async () => {
  const admin = await openAdmin(cms, 'store-manager');
  try {
    await admin.goto('/plugins/booking/exports');
    await admin.page.locator('[data-export="ledger"]').waitFor();
    await admin.screenshot('admin-exports');
    const bookings = await downloadText(admin.page, () => admin.page.locator('[data-export="bookings"]').click());
    expect(bookings.name).toMatch(/^bookings_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = parseCsv(bookings.text);
    expect(csv.bom).toBe(true);
    expect(csv.header[0]).toBe('预约编号 booking_id');
    const total = await cms.strapi.db.connection(bookingsTable()).count({ n: '*' }).first();
    // The default range is the last 30 days up to today: every demo booking but tomorrow's, if any.
    expect(csv.rows.length).toBeGreaterThan(100);
    expect(csv.rows.length).toBeLessThanOrEqual(Number((total as any).n));
    const ledger = await downloadText(admin.page, () => admin.page.locator('[data-export="ledger"]').click());
    const ledgerRows = parseCsv(ledger.text).rows;
    const sum = ledgerRows.reduce((s, r) => s + Number(r[4]), 0);
    const wallets = await cms.strapi.db.connection(cms.strapi.db.metadata.get('plugin::payments.wallet').tableName).sum({ s: 'balance_fen' }).first();
    // Everything in the demo happened within the last 30 days: the ledger export adds up to the wallets.
    expect(sum).toBe(Number((wallets as any).s));
  } finally {
    await admin.close();
  }
});

test('front desk has no exports page, and a content-manager edit of a booking is refused', async () => {
  const admin = await openAdmin(cms, 'front-desk');
  try {
    await admin.goto('/plugins/booking/exports');
    expect(await admin.page.locator('[data-export]').count()).toBe(0);
    const booking = await cms.strapi.db.connection(bookingsTable()).where({ status: 'confirmed' }).first();
    const res = await admin.page.request.put(`${cms.url}/content-manager/collection-types/plugin::booking.booking/${booking.document_id}`, {
      headers: { Authorization: `Bearer ${admin.token}` },
      data: { status: 'cancelled' },
    });
    expect(res.status()).toBe(403);
    expect(await statusOf(booking.document_id)).toBe('confirmed');
  } finally {
    await admin.close();
  }
  const manager = await openAdmin(cms, 'store-manager');
  try {
    const booking = await cms.strapi.db.connection(bookingsTable()).where({ status: 'confirmed' }).first();
    const res = await manager.page.request.put(`${cms.url}/content-manager/collection-types/plugin::booking.booking/${booking.document_id}`, {
      headers: { Authorization: `Bearer ${manager.token}` },
      data: { total_fen: 1 },
    });
    expect(res.status()).toBe(403);
    expect(Number((await cms.strapi.db.connection(bookingsTable()).where({ id: booking.id }).first()).total_fen)).toBe(Number(booking.total_fen));
  } finally {
    await manager.close();
  }
});
