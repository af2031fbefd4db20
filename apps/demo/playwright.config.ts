import { createServer } from 'node:net'
import { defineConfig, devices } from '@playwright/test'

// Real Chromium (Debian's /usr/bin/chromium; scripts/system-deps.sh installs it)
// against the real stack: @wirestate/server on its memory broker + the Vite app,
// both from source, on free ports of their own, so neither a running `npm start` nor
// another run of this suite clashes. Playwright loads this file again in each worker:
// the ports chosen first are kept in the environment the workers inherit.
// DEMO_E2E_SERVER_PORT / DEMO_E2E_APP_PORT pin them.
const SERVER_PORT = await portFrom('DEMO_E2E_SERVER_PORT')
const APP_PORT = await portFrom('DEMO_E2E_APP_PORT')

async function portFrom(variable: string): Promise<number> {
  process.env[variable] ??= String(await freePort())
  return Number(process.env[variable])
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
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
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `node --conditions=@wirestate/source ../../packages/server/src/cli.ts --port ${SERVER_PORT}`,
      port: SERVER_PORT,
      reuseExistingServer: false,
    },
    {
      command: `pnpm exec vite --port ${APP_PORT} --strictPort`,
      url: `http://127.0.0.1:${APP_PORT}`,
      env: {
        VITE_WIRESTATE_URL: `ws://127.0.0.1:${SERVER_PORT}/socket/websocket`,
        DEMO_E2E: '1',
      },
      reuseExistingServer: false,
    },
  ],
})
