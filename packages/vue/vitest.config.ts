import vue from '@vitejs/plugin-vue'
import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

export default mergeConfig(
  sharedConfig,
  defineConfig({
    plugins: [vue()],
    // One jsdom per worker instead of one per file: a third of the time on 2 cores. Each
    // file still starts its own mock server, and clients are disconnected after each test.
    test: { environment: 'jsdom', isolate: false },
  }),
)
