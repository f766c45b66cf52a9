/**
 * The admin panel in a real browser: each staff role logs in through the login form and lands on the
 * home page in Simplified Chinese.
 */
import { startCms, type TestCms } from '../support/cms';
import { closeChromium, openAdmin } from '../support/browser';

let cms: TestCms;
beforeAll(async () => {
  cms = await startCms();
});
afterAll(async () => {
  await closeChromium();
  await cms?.close();
});

test.each(['store-manager', 'front-desk', 'content-editor'] as const)('a %s logs in and sees the admin home page', async (role) => {
  const admin = await openAdmin(cms, role);
  try {
    await admin.page.locator('nav').first().waitFor();
    expect(admin.page.url()).toContain('/admin');
    expect(admin.token).toMatch(/\S+/);
  } finally {
    await admin.close();
  }
});
