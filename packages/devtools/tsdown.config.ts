import { defineConfig, type UserConfig } from 'tsdown'

// Three entries: the development entry (renders nothing in production), `./production`
// (always renders) and the no-op module the `production` export condition points at.
// The panel UI is a dynamic import, so it lands in a chunk of its own that is only
// fetched when the panel first opens.
const config: UserConfig = defineConfig({
  entry: { index: 'src/index.ts', production: 'src/production.ts', noop: 'src/noop.ts' },
  format: ['esm'],
  dts: true,
  // Not 'browser': that would replace process.env.NODE_ENV at *our* build, deciding the
  // app's environment for it; the app's bundler must see the expression.
  platform: 'neutral',
  deps: { neverBundle: [/^@wirestate\/core/] },
  fixedExtension: false,
  // Chunks keep their plain names (panel-ui.js): the app's bundler hashes what it ships, and
  // a build restored from turbo's cache over an older one replaces its chunks instead of
  // leaving two panel chunks beside each other for size-limit to count.
  hash: false,
  clean: true,
})

// Named, so test/production-build.test.ts can build the package with this very config.
export default config
