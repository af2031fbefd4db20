import { defineConfig } from 'vitest/config'

// The repository-level tests under scripts/ (`pnpm test:scripts`; part of `npm test`).
// Each installs and runs a whole workspace copy: minutes, not seconds, on a loaded machine.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['scripts/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.reports/scripts.json' },
  },
})
