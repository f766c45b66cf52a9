/**
 * Admin pages in a real browser: Debian's Chromium driven by playwright-core, against a CMS booted by
 * startCms() (which serves the built admin panel from cms/dist/build).
 *
 *   const admin = await openAdmin(cms, 'front-desk');      // logged in through the login form
 *   await admin.goto('/plugins/booking/dashboard');
 *   await admin.screenshot('admin-dashboard');              // docs/screenshots/admin-dashboard.png
 *   await admin.close();
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT, type TestCms } from './cms';

export type StaffRole = 'store-manager' | 'front-desk' | 'content-editor' | 'strapi-super-admin';
export type AdminLanguage = 'zh-Hans' | 'en';

const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(ROOT, 'docs', 'screenshots');
const TIMEOUT = 30_000;

let shared: Browser | null = null;

/** One Chromium per test file; each admin session gets its own context (cookies, storage). */
export async function launchChromium(): Promise<Browser> {
  if (shared?.isConnected()) return shared;
  if (!fs.existsSync(EXECUTABLE)) throw new Error(`${EXECUTABLE} not found: apt-get install -y chromium fonts-noto-cjk`);
  shared = await chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  return shared;
}

export async function closeChromium() {
  if (shared) await shared.close().catch(() => undefined);
  shared = null;
}

let seq = 0;

/** An admin user with a staff role, created through Strapi's own admin user service. */
export async function createStaffUser(cms: TestCms, role: StaffRole) {
  seq += 1;
  const email = `${role}.ui${seq}.${Date.now()}@staff.test`;
  const password = 'StaffPassw0rd!';
  const record = await cms.strapi.db.query('admin::role').findOne({ where: { code: role } });
  if (!record) throw new Error(`no admin role ${role}`);
  const names: Record<StaffRole, [string, string]> = {
    'store-manager': ['店长', '王'],
    'front-desk': ['前台', '李'],
    'content-editor': ['编辑', '张'],
    'strapi-super-admin': ['Super', 'Admin'],
  };
  const [firstname, lastname] = names[role];
  await cms.strapi.service('admin::user').create({ email, firstname, lastname, password, isActive: true, roles: [record.id] });
  return { email, password };
}

export interface AdminSession {
  page: Page;
  context: BrowserContext;
  email: string;
  /** The admin JWT of this session, for checking effects through the admin API. */
  token: string;
  goto(adminPath: string): Promise<void>;
  screenshot(name: string, opts?: { fullPage?: boolean }): Promise<string>;
  /** Messages the page logged as errors (uncaught exceptions included): a blank page explains itself here. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Strapi shows announcements on a first login (a "what's new" banner, guided tour, other dialogs):
 * close them so the page itself is what the test sees.
 */
export async function dismissDialogs(page: Page) {
  const banner = page.getByRole('button', { name: /close the banner|关闭横幅/i }).first();
  if (await banner.isVisible().catch(() => false)) await banner.click().catch(() => undefined);
  for (let i = 0; i < 3; i += 1) {
    const dialog = page.locator('[role="dialog"], [role="alertdialog"]').first();
    if (!(await dialog.isVisible().catch(() => false))) return;
    const close = dialog.getByRole('button', { name: /skip|close|dismiss|got it|later|关闭|跳过|稍后/i }).first();
    if (await close.isVisible().catch(() => false)) await close.click().catch(() => undefined);
    else await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
  }
}

/** A staff member of `role` logged in through the admin login form, in `language` (zh-Hans by default). */
export async function openAdmin(cms: TestCms, role: StaffRole, opts: { language?: AdminLanguage; viewport?: { width: number; height: number }; timezoneId?: string } = {}): Promise<AdminSession> {
  const browser = await launchChromium();
  const { email, password } = await createStaffUser(cms, role);
  const language = opts.language ?? 'zh-Hans';
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1440, height: 1000 },
    locale: language === 'en' ? 'en-US' : 'zh-CN',
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
  });
  // The admin keeps the chosen interface language in local storage, and so Strapi's own announcements:
  // the guided tour is switched off and the "new Media Library" banner reads as already dismissed (its key is
  // scoped by a project id), so screenshots show the page, not Strapi's news.
  await context.addInitScript((lang) => {
    window.localStorage.setItem('strapi-admin-language', lang);
    window.localStorage.setItem('STRAPI_GUIDED_TOUR', JSON.stringify({ enabled: false }));
    const getItem = Storage.prototype.getItem;
    Storage.prototype.getItem = function patchedGetItem(this: Storage, key: string) {
      if (key.startsWith('STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED')) return 'true';
      return getItem.call(this, key);
    };
  }, language);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e?.stack ?? e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });

  await page.goto(`${cms.url}/admin/auth/login`, { waitUntil: 'domcontentloaded' });
  await page.locator('input[name="email"]').waitFor();
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  const loginAnswer = page.waitForResponse((r) => r.url().endsWith('/admin/login') && r.request().method() === 'POST');
  await page.locator('button[type="submit"]').click();
  const answer = await loginAnswer;
  if (answer.status() !== 200) throw new Error(`admin login of ${email} answered ${answer.status()}: ${await answer.text()}`);
  const body = await answer.json();
  const token: string = body.data.token ?? body.data.accessToken;
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/auth'));
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  await dismissDialogs(page);

  return {
    page,
    context,
    email,
    token,
    errors,
    async goto(adminPath: string) {
      const p = adminPath.startsWith('/admin') ? adminPath : `/admin${adminPath.startsWith('/') ? '' : '/'}${adminPath}`;
      await page.goto(`${cms.url}${p}`, { waitUntil: 'domcontentloaded' });
      await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
      await dismissDialogs(page);
    },
    async screenshot(name: string, shotOpts: { fullPage?: boolean } = {}) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, name.endsWith('.png') ? name : `${name}.png`);
      await page.screenshot({ path: file, fullPage: shotOpts.fullPage ?? false });
      return file;
    },
    async close() {
      await context.close().catch(() => undefined);
    },
  };
}

/** A file the browser downloaded, read back as text (exports). */
export async function downloadText(page: Page, trigger: () => Promise<unknown>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sr-dl-')), download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}
