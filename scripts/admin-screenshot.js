#!/usr/bin/env node
'use strict';
/**
 * Screenshots of the admin panel of a running CMS, for docs and for a person to check what staff see.
 *
 *   node scripts/admin-screenshot.js [cms-url]        (default http://localhost:1337, or $CMS_URL)
 *
 * Logs into /admin with the demo admin (DEMO_ADMIN_EMAIL / DEMO_ADMIN_PASSWORD, defaults as in
 * cms/src/bootstrap/demo-data.ts), then saves into docs/screenshots/ (or $SCREENSHOT_DIR):
 *   admin-rooms-content-manager.png  content manager list of rooms (the Rooms page is admin-rooms.png)
 *   admin-seats.png       content manager list of seats
 *   admin-parameters.png  the parameters single type
 * Uses Debian's Chromium (apt-get install chromium) through playwright-core; set CHROMIUM_PATH to use
 * another binary. Exits non-zero when a page does not show what it should.
 */
const path = require('path');
const fs = require('fs');
const os = require('os');
const { chromium } = require('playwright-core');

const BASE = (process.argv[2] || process.env.CMS_URL || 'http://localhost:1337').replace(/\/+$/, '');
const EMAIL = process.env.DEMO_ADMIN_EMAIL || 'admin@studyroom.local';
const PASSWORD = process.env.DEMO_ADMIN_PASSWORD || 'Studyroom2026!';
const OUT = path.resolve(process.env.SCREENSHOT_DIR || path.join(__dirname, '..', 'docs', 'screenshots'));
const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT = Number(process.env.SCREENSHOT_TIMEOUT_MS || 60_000);

const PAGES = [
  {
    file: 'admin-rooms-content-manager.png',
    path: '/admin/content-manager/collection-types/api::room.room',
    // A list view: wait until the table has rows.
    ready: async (page) => page.locator('table tbody tr').first().waitFor({ timeout: TIMEOUT }),
  },
  {
    file: 'admin-seats.png',
    path: '/admin/content-manager/collection-types/api::seat.seat',
    ready: async (page) => page.locator('table tbody tr').first().waitFor({ timeout: TIMEOUT }),
  },
  {
    file: 'admin-parameters.png',
    path: '/admin/content-manager/single-types/api::parameter.parameter',
    // An edit view: wait for the form's first input.
    ready: async (page) => page.locator('main form input, main input').first().waitFor({ timeout: TIMEOUT }),
  },
];

/**
 * Strapi shows announcements on a first login (a "what's new" banner, guided tour or other dialogs);
 * close whatever appears so the screenshot shows the page itself.
 */
async function dismissDialogs(page) {
  const banner = page.getByRole('button', { name: /close the banner/i }).first();
  if (await banner.isVisible().catch(() => false)) {
    await banner.click().catch(() => undefined);
    await banner.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  }
  for (let i = 0; i < 3; i += 1) {
    const dialog = page.locator('[role="dialog"], [role="alertdialog"]').first();
    if (!(await dialog.isVisible().catch(() => false))) return;
    const close = dialog.getByRole('button', { name: /skip|close|dismiss|got it|later|关闭|跳过/i }).first();
    if (await close.isVisible().catch(() => false)) await close.click().catch(() => undefined);
    else await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
  }
}

async function login(page) {
  await page.goto(`${BASE}/admin/auth/login`, { waitUntil: 'domcontentloaded', timeout: TIMEOUT });
  await page.locator('input[name="email"]').waitFor({ timeout: TIMEOUT });
  await page.fill('input[name="email"]', EMAIL);
  await page.fill('input[name="password"]', PASSWORD);
  await page.locator('button[type="submit"]').click();
  // Logged in when the app leaves the auth pages.
  try {
    await page.waitForURL((url) => !url.pathname.startsWith('/admin/auth'), { timeout: TIMEOUT });
  } catch (err) {
    const text = (await page.locator('body').innerText().catch(() => '')).slice(0, 500);
    throw new Error(`login as ${EMAIL} did not succeed; the page says:\n${text}`);
  }
}

async function main() {
  if (!fs.existsSync(EXECUTABLE)) {
    throw new Error(`${EXECUTABLE} not found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: EXECUTABLE,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
    // Strapi scrolls inside its own layout, so a full-page shot is the viewport: make it tall.
    viewport: { width: 1440, height: 1300 },
    locale: 'en-US',
  });
  const saved = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(TIMEOUT);
    await login(page);
    console.log(`logged in to ${BASE}/admin as ${EMAIL}`);
    // First-login announcements show up once the home page has loaded: close them there.
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    await dismissDialogs(page);
    for (const spec of PAGES) {
      await page.goto(`${BASE}${spec.path}`, { waitUntil: 'domcontentloaded' });
      await dismissDialogs(page);
      await spec.ready(page);
      await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
      await dismissDialogs(page);
      const file = path.join(OUT, spec.file);
      await page.screenshot({ path: file, fullPage: true });
      const rows = await page.locator('table tbody tr').count();
      console.log(`saved ${path.relative(process.cwd(), file)}${rows ? ` (${rows} row${rows === 1 ? '' : 's'})` : ''}`);
      saved.push(file);
    }
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  return saved;
}

main().catch((err) => {
  console.error(`✖ admin screenshot failed: ${err.message}`);
  process.exit(1);
});
