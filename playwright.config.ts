// End-to-end: the built app (npm run build) driven in Chromium through the browser host,
// or in Electron with AID_E2E_HOST=electron. The fixture (e2e/fixtures.ts) starts each.
import { defineConfig } from '@playwright/test'
import { chromiumPath, CHROMIUM_ARGS } from './e2e/host'

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Two cores here: one app at a time keeps timings steady.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
