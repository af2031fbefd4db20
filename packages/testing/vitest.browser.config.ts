import { playwright } from '@vitest/browser-playwright'
import { msw } from 'msw/vite'
import { defineConfig } from 'vitest/config'
import { chromiumLaunchOptions } from '../../chromium.ts'
import { sharedConfig } from '../../vitest.shared.ts'

// Real Chromium (Debian's, no Playwright download). msw() serves the worker script and
// provides `virtual:msw`; WebSockets are intercepted in the page itself. Spread, not
// mergeConfig: merging would append the node suites to `include`.
export default defineConfig({
  ...sharedConfig,
  plugins: [msw()],
  test: {
    ...sharedConfig.test,
    include: ['test-browser/**/*.test.ts'],
    outputFile: { json: '.reports/vitest-browser.json' },
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: chromiumLaunchOptions,
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
})
