// Projects:
// - unit: pure tests (domain rules, crypto, emulator) without a CMS;
// - integration: boot the real Strapi once per test file against a fresh database;
// - miniprogram: the mini program's helpers, services and components (miniprogram-simulate on jsdom);
//   its end-to-end journey boots the CMS like the integration tests;
// - browser: admin pages driven by Playwright in Debian's Chromium against a running CMS (needs the admin
//   build; `npm test` runs it only when TEST_BROWSER is not "0").
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.(t|j)s$': swc },
  modulePathIgnorePatterns: ['<rootDir>/cms/dist', '<rootDir>/cms/.strapi', '<rootDir>/cms/build', '<rootDir>/miniprogram/dist'],
  testEnvironment: 'node',
};
const cmsBooting = {
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  globalTeardown: '<rootDir>/tests/support/global-teardown.js',
  setupFilesAfterEnv: ['<rootDir>/tests/support/jest-setup.ts'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...common, ...cmsBooting, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'] },
    {
      ...common,
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/miniprogram/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/tests/miniprogram/e2e/'],
    },
    { ...common, ...cmsBooting, displayName: 'miniprogram-e2e', testMatch: ['<rootDir>/tests/miniprogram/e2e/**/*.test.ts'] },
    { ...common, ...cmsBooting, globalSetup: '<rootDir>/tests/support/browser-global-setup.js', displayName: 'browser', testMatch: ['<rootDir>/tests/browser/**/*.test.ts'] },
  ],
};
