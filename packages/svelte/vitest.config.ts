import { svelte } from '@sveltejs/vite-plugin-svelte'
import { svelteTesting } from '@testing-library/svelte/vite'
import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

const devtools = (file: string) => new URL(`../devtools/src/${file}`, import.meta.url).pathname

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
