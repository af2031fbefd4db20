import vue from '@vitejs/plugin-vue'
import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

const devtools = (file: string) => new URL(`../devtools/src/${file}`, import.meta.url).pathname

export default mergeConfig(
  sharedConfig,
  defineConfig({
    plugins: [vue()],
    resolve: {
      // Until @wirestate/devtools is a dev dependency of this package (then drop these).
      alias: [
        { find: /^@wirestate\/devtools$/, replacement: devtools('index.ts') },
        { find: /^@wirestate\/devtools\/production$/, replacement: devtools('production.ts') },
      ],
    },
    // One jsdom per worker instead of one per file: a third of the time on 2 cores. Each
    // file still starts its own mock server, and clients are disconnected after each test.
    test: { environment: 'jsdom', isolate: false },
  }),
)
