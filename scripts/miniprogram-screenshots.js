'use strict';
/**
 * Re-makes docs/screenshots/miniprogram-*.png: renders every page of the mini program with demo data
 * (tests/miniprogram/screenshots: miniprogram-simulate's DOM with the pages' WXSS) into HTML, then opens
 * each in Debian's headless Chromium at phone size (375×812 CSS px, @2x) and saves a full-page PNG.
 *   node scripts/miniprogram-screenshots.js [name …]
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');

async function main() {
  const only = process.argv.slice(2);
  const htmlDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-screens-'));
  const jest = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'jest'),
    ['--selectProjects', 'miniprogram', '--runTestsByPath', 'tests/miniprogram/screenshots/pages.screens.test.ts', ...(only.length ? ['-t', only.join('|')] : [])],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, MP_SCREENSHOTS: '1', MP_SCREENSHOT_HTML: htmlDir } },
  );
  if (jest.status !== 0) throw new Error('rendering the pages failed');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
    fs.mkdirSync(OUT, { recursive: true });
    for (const file of fs.readdirSync(htmlDir).filter((f) => f.endsWith('.html')).sort()) {
      const name = file.replace(/\.html$/, '');
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto(`file://${path.join(htmlDir, file)}`);
      await page.evaluate(() => document.fonts.ready);
      // A long page is shown whole, with its fixed bars (tab bar, pay bar) at the bottom where they sit.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      if (height > 812) await page.setViewportSize({ width: 375, height });
      const target = path.join(OUT, `miniprogram-${name}.png`);
      await page.screenshot({ path: target });
      console.log(`saved ${path.relative(ROOT, target)}`);
    }
  } finally {
    await browser.close();
    fs.rmSync(htmlDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
