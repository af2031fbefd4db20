import { svelte } from '@sveltejs/vite-plugin-svelte'
import { svelteTesting } from '@testing-library/svelte/vite'
import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

export default mergeConfig(
  sharedConfig,
  defineConfig({
    plugins: [
      svelte(),
      svelteTesting(), // the `browser` condition (Svelte's client runtime) and auto-cleanup
      {
        // vitest hands ssr.resolve.conditions to the worker as `node --conditions ...`;
        // `browser` there makes Node resolve msw/node's interceptors to nothing.
        name: 'no-browser-condition-for-node-externals',
        configResolved(config) {
          const ssr = config.ssr.resolve
          if (ssr?.conditions) ssr.conditions = ssr.conditions.filter((c) => c !== 'browser')
        },
      },
    ],
    // One jsdom per worker instead of one per file: a third of the time on 2 cores. Each
    // file still starts its own mock server, and clients are disconnected after each test.
    test: { environment: 'jsdom', isolate: false },
  }),
)
