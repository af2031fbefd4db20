import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  // Runs on Node (the server) and in browsers (the test kit): no platform built-ins.
  platform: 'neutral',
  deps: { neverBundle: [/^@wirestate\/core/] },
  fixedExtension: false,
  clean: true,
})
