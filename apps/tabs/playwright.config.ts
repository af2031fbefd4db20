import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from '../../chromium.ts'

// Real Chromium (Debian's /usr/bin/chromium; scripts/system-deps.sh installs it). Each spec
// starts its own server and Vite on free ports (e2e/stack.ts), so runs never clash.
export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '.reports/playwright.json' }]],
  use: {
    launchOptions: chromiumLaunchOptions,
  },
})
