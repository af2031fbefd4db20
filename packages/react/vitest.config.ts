import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

const devtools = (path: string) =>
  fileURLToPath(new URL(`../devtools/src/${path}`, import.meta.url))

export default mergeConfig(
  sharedConfig,
  defineConfig({
    plugins: [react()],
    resolve: {
      // Until @wirestate/devtools is a (dev) dependency of this package; then remove this.
      alias: [
        { find: /^@wirestate\/devtools$/, replacement: devtools('index.ts') },
        { find: /^@wirestate\/devtools\/production$/, replacement: devtools('production.ts') },
      ],
    },
    test: {
      environment: 'jsdom',
      // One jsdom per worker instead of one per file: creating it was most of the run
      // (the suites share nothing but the notify scheduler, which each sets itself).
      isolate: false,
      include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    },
  }),
)
