/**
 * Store setup pages in a real browser: the manager builds a new room's layout from an empty grid and
 * saves it (seen through the member API), tries to remove a booked seat (refused, listing the booking),
 * and closes a room on a booked day (the booking is cancelled and refunded, seen by the member).
 * Screenshots (zh-Hans, demo data with photos) go to docs/screenshots/.
 */
import path from 'path';
import { DateTime } from 'luxon';
import { startCms, DIST_DIR, ROOT, type TestCms } from '../support/cms';
import { closeChromium, dismissDialogs, openAdmin, type AdminSession } from '../support/browser';
import { fund } from '../support/money';
import { loginMember } from '../support/members';

jest.setTimeout(240_000);

const TZ = 'Asia/Shanghai';
const at = (days: number, hour: number) => DateTime.now().setZone(TZ).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 });
let cms: TestCms;
let admin: AdminSession;

beforeAll(async () => {
  cms = await startCms();
  const seeds = path.join(ROOT, 'seeds');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const data = require(path.join(DIST_DIR, 'src', 'bootstrap', 'demo-data'));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const activity = require(path.join(DIST_DIR, 'src', 'bootstrap', 'demo-activity'));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const photos = require(path.join(DIST_DIR, 'src', 'bootstrap', 'demo-photos'));
  await data.loadDemoData(cms.strapi, seeds);
  await photos.attachDemoPhotos(cms.strapi, seeds);
  await activity.ensureDemoStaff(cms.strapi);
  await activity.loadDemoActivity(cms.strapi, seeds);
  admin = await openAdmin(cms, 'store-manager');
}, 300_000);
afterAll(async () => {
  await admin?.close();
  await closeChromium();
  await cms?.close();
});

async function newRoom(name: string) {
  return cms.strapi.documents('api::room.room').create({
    data: {
      name,
      kind: 'hall',
      state: 'open',
      floor: '4F',
      sort: 20,
      opening_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })),
      prices: [{ seat_type: 'standard', price_per_hour_fen: 800 }, { seat_type: 'window', price_per_hour_fen: 1000 }],
    },
  });
}

const cell = (row: number, col: number) => admin.page.locator(`[data-cell="${row}-${col}"]`);

async function drag(from: [number, number], to: [number, number]) {
  const a = await cell(...from).boundingBox();
  const b = await cell(...to).boundingBox();
  await admin.page.mouse.move(a!.x + a!.width / 2, a!.y + a!.height / 2);
  await admin.page.mouse.down();
  await admin.page.mouse.move(b!.x + b!.width / 2, b!.y + b!.height / 2, { steps: 12 });
  await admin.page.mouse.up();
}

async function setSize(rows: number, cols: number) {
  for (const [name, value] of [['rows', rows], ['cols', cols]] as const) {
    const input = admin.page.locator(`input[name="${name}"]`);
    await input.fill(String(value));
    await input.press('Tab');
  }
}

it('builds a new room from an empty grid, saves it, and members see the layout', async () => {
  const room = await newRoom('新建大厅 C');
  await admin.goto(`/plugins/booking/layout/${room.documentId}`);
  await cell(0, 0).waitFor();
  await setSize(4, 6);
  await cell(3, 5).waitFor();

  await admin.page.locator('[data-tool="standard"]').click();
  await drag([0, 0], [0, 5]); // a row of six standard seats in one stroke
  await admin.page.locator('[data-tool="window"]').click();
  await drag([2, 0], [2, 2]);
  await admin.page.locator('[data-tool="aisle"]').click();
  await drag([1, 0], [1, 5]);
  await admin.page.locator('[data-tool="door"]').click();
  await cell(3, 5).click();
  // Undo and redo the door, then use the keyboard: move to 3-0 and paint a wall with Space.
  await admin.page.locator('[data-action="undo"]').click();
  await expect(cell(3, 5).getAttribute('data-kind')).resolves.toBe('empty');
  await admin.page.locator('[data-action="redo"]').click();
  await expect(cell(3, 5).getAttribute('data-kind')).resolves.toBe('door');
  await admin.page.locator('[data-tool="wall"]').click();
  await cell(3, 4).click();
  await admin.page.keyboard.press('ArrowLeft');
  await admin.page.keyboard.press('Space');
  await expect(cell(3, 3).getAttribute('data-kind')).resolves.toBe('wall');
  await admin.page.locator('[data-action="auto-number"]').click();
  await expect(cell(2, 2).textContent()).resolves.toBe('C3');

  const saved = admin.page.waitForResponse((r) => r.url().includes(`/booking/rooms/${room.documentId}/layout`) && r.request().method() === 'PUT');
  await admin.page.locator('[data-action="save-layout"]').click();
  expect((await saved).status()).toBe(200);

  const pub = (await cms.api.get(`/api/booking/rooms/${room.documentId}`)).body.data;
  const seats = pub.layout.cells.filter((c: any) => c.kind === 'seat');
  expect(seats.map((c: any) => c.seat.label).sort()).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'C1', 'C2', 'C3']);
  expect(seats.filter((c: any) => c.seat.type === 'window').map((c: any) => c.row)).toEqual([2, 2, 2]);
  expect(pub.layout.cells).toEqual(expect.arrayContaining([{ row: 3, col: 5, kind: 'door' }, { row: 3, col: 3, kind: 'wall' }, { row: 1, col: 2, kind: 'aisle' }]));
  expect(pub.layout).toMatchObject({ rows: 4, cols: 6 });
  // Strapi logs its own missing zh-Hans strings as console errors: only other errors count.
  expect(admin.errors.filter((e) => !/favicon|DevTools|MISSING_TRANSLATION/.test(e))).toEqual([]);
});

it('refuses to delete a booked seat and lists its booking with a link to the board', async () => {
  const room = await newRoom('研讨区 D');
  const seat = await cms.strapi.documents('api::seat.seat').create({ data: { label: 'A1', type: 'standard', row: 0, col: 0, enabled: true, room: room.documentId } });
  await cms.strapi.documents('api::seat.seat').create({ data: { label: 'A2', type: 'standard', row: 0, col: 1, enabled: true, room: room.documentId } });
  await cms.strapi.documents('api::room.room').update({ documentId: room.documentId, data: { layout: { rows: 2, cols: 3, cells: [] } } });
  const member = await loginMember(cms);
  await fund(cms, member.id, 10_000);
  const start = at(1, 10);
  const booked = await cms.api.post('/api/booking/bookings').set(member.auth).send({ seat: seat.documentId, start: start.toISO(), end: start.plus({ hours: 2 }).toISO(), payWith: 'wallet' });
  expect(booked.status).toBe(201);

  await admin.goto(`/plugins/booking/layout/${room.documentId}`);
  await admin.page.locator('[data-tool="empty"]').click();
  await cell(0, 0).click();
  await admin.page.locator('[data-action="save-layout"]').click();
  const refusal = admin.page.locator('[data-blocking-booking]');
  await refusal.first().waitFor();
  await expect(refusal.first().getAttribute('data-blocking-booking')).resolves.toBe(booked.body.data.id);
  await expect(refusal.first().locator('a').getAttribute('href')).resolves.toContain(`/admin/plugins/booking/bookings?room=${room.documentId}&date=${start.toISODate()}`);
  await dismissDialogs(admin.page);
  await admin.screenshot('admin-layout-refusal');

  const pub = (await cms.api.get(`/api/booking/rooms/${room.documentId}`)).body.data;
  expect(pub.layout.cells.filter((c: any) => c.kind === 'seat').map((c: any) => c.seat.id)).toContain(seat.documentId);
  const mine = (await cms.api.get(`/api/booking/bookings/${booked.body.data.id}`).set(member.auth)).body.data;
  expect(mine.status).toBe('confirmed');
});

it('a closure saved on the room page cancels and refunds the booking it covers', async () => {
  const hall = await cms.strapi.db.query('api::room.room').findOne({ where: { name: '静音区 A · Quiet hall A' }, populate: { seats: true } });
  const member = await loginMember(cms);
  await fund(cms, member.id, 10_000);
  const day = at(5, 14);
  const free = hall.seats.filter((s: any) => s.enabled).reverse();
  let booked: any = null;
  for (const s of free) {
    booked = await cms.api.post('/api/booking/bookings').set(member.auth).send({ seat: s.documentId, start: day.toISO(), end: day.plus({ hours: 1 }).toISO(), payWith: 'wallet' });
    if (booked.status === 201) break;
  }
  expect(booked.status).toBe(201);

  await admin.goto(`/plugins/booking/rooms/${hall.documentId}`);
  await admin.page.locator('[data-action="add-closure"]').click();
  const row = admin.page.locator('[data-closure]').last();
  await row.locator('input[type="date"]').first().fill(day.toISODate()!);
  await row.locator('input[type="date"]').nth(1).fill(day.plus({ days: 1 }).toISODate()!);
  await row.locator('input').nth(2).fill('空调检修');
  await admin.page.locator('[data-action="save-room"]').click();
  await admin.page.locator(`[data-affected-booking="${booked.body.data.id}"]`).waitFor();
  await admin.page.locator('[data-affected-dialog] textarea').fill('空调检修，房间停用，费用已全额退回');
  await admin.page.waitForTimeout(800); // the dialog's opening animation
  await admin.screenshot('admin-room-closure-dialog');
  const saved = admin.page.waitForResponse((r) => r.url().includes(`/booking/rooms/${hall.documentId}`) && r.request().method() === 'PUT');
  await admin.page.locator('[data-action="cancel-bookings"]').click();
  expect((await saved).status()).toBe(200);

  const mine = (await cms.api.get(`/api/booking/bookings/${booked.body.data.id}`).set(member.auth)).body.data;
  expect(mine).toMatchObject({ status: 'cancelled', refund_fen: booked.body.data.total_fen, cancelReason: '空调检修，房间停用，费用已全额退回' });
  const again = await cms.api.post('/api/booking/bookings').set(member.auth).send({ seat: free[0].documentId, start: day.plus({ hours: 2 }).toISO(), end: day.plus({ hours: 3 }).toISO(), payWith: 'wallet' });
  expect(again.body.error?.details?.code).toBe('ROOM_UNAVAILABLE');

  // The whole room page in one picture: a tall window, scrolled to the top, after the toast is gone.
  await admin.page.setViewportSize({ width: 1440, height: 1900 });
  await admin.goto(`/plugins/booking/rooms/${hall.documentId}`);
  await admin.page.locator('[data-closure]').first().waitFor();
  await dismissDialogs(admin.page);
  await admin.page.waitForTimeout(500);
  await admin.screenshot('admin-room-detail');
  await admin.page.setViewportSize({ width: 1440, height: 1000 });
});

it('screenshots: the rooms list and a demo hall in the layout editor', async () => {
  await admin.goto('/plugins/booking/rooms');
  await admin.page.locator('[data-room]').first().waitFor();
  await dismissDialogs(admin.page);
  await admin.page.waitForTimeout(800);
  await admin.screenshot('admin-rooms');

  const hall = await cms.strapi.db.query('api::room.room').findOne({ where: { name: '开放区 B · Open hall B (24h)' } });
  await admin.goto(`/plugins/booking/layout/${hall.documentId}`);
  await cell(0, 0).waitFor();
  await admin.page.locator('[data-tool="select"]').click();
  await admin.page.locator('[data-kind^="seat"]').nth(2).click();
  await admin.page.locator('[data-inspector]').waitFor();
  await dismissDialogs(admin.page);
  await admin.screenshot('admin-layout-editor', { fullPage: true });
});
