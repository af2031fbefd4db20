import { defineConfig, devices } from '@playwright/test'
import { chromiumLaunchOptions } from '../../chromium.ts'
import { freePort } from '../../free-port.ts'

// Real Chromium (Debian's /usr/bin/chromium; scripts/system-deps.sh installs it)
// against `npm start` itself (scripts/demo.sh): one Vite process serving the pages and,
// through @wirestate/server's Vite plugin, the socket on the same port, all from source.
// It takes a free port of its own, so neither a running `npm start` nor another run of
// this suite clashes; Playwright loads this file again in each worker, and the port
// chosen first is kept in the environment the workers inherit. DEMO_E2E_PORT pins it.
const APP_PORT = await portFrom('DEMO_E2E_PORT')

async function portFrom(variable: string): Promise<number> {
  process.env[variable] ??= String(await freePort())
  return Number(process.env[variable])
}

export default defineConfig({
  testDir: './e2e',
  timeout: 30_000,
  // Room for a loaded 2-core machine: a wait ends as soon as the page matches, and the
  // longest real one is the offline check (a heartbeat left unanswered for 3 s).
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '.reports/playwright.json' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: 'bash scripts/demo.sh',
    cwd: '../..',
    url: `http://127.0.0.1:${APP_PORT}`,
    env: { DEMO_PORT: String(APP_PORT), DEMO_E2E: '1' },
    reuseExistingServer: false,
    timeout: 120_000,
  },
})
