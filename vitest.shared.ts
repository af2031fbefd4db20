import { defaultClientConditions, defaultServerConditions } from 'vite'
import type { ViteUserConfig } from 'vitest/config'

/**
 * Settings every package's vitest config starts from: tests run on `src/` through
 * the `@wirestate/source` export condition (no prebuild), and each run writes a
 * JSON report that `scripts/test-summary.mjs` totals across packages.
 */
export const sharedConfig: ViteUserConfig = {
  resolve: { conditions: ['@wirestate/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@wirestate/source', ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.reports/vitest.json' },
  },
}
