import { playwright } from '@vitest/browser-playwright'
import { defineConfig, mergeConfig } from 'vitest/config'
import { chromiumLaunchOptions } from '../../chromium.ts'
import { sharedConfig } from '../../vitest.shared.ts'

// The panel in real Chromium (Debian's /usr/bin/chromium), talking through a real
// @wirestate/core client to a real @wirestate/server that global-setup.ts starts in Node.
const config = mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      globalSetup: ['test-browser/global-setup.ts'],
      outputFile: { json: '.reports/chromium.json' },
      testTimeout: 20_000,
      // Renders wait for an animation frame; on a loaded 2-core CI machine one can take
      // longer than expect.poll's default second.
      expect: { poll: { timeout: 5_000 } },
      browser: {
        enabled: true,
        headless: true,
        viewport: { width: 1200, height: 760 },
        screenshotFailures: false,
        provider: playwright({
          launchOptions: chromiumLaunchOptions,
        }),
        instances: [{ browser: 'chromium' }],
      },
    },
  }),
)
// mergeConfig concatenates arrays: this suite runs the browser tests only.
config.test = { ...config.test, include: ['test-browser/**/*.test.ts'] }
export default config
