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
      include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    },
  }),
)
