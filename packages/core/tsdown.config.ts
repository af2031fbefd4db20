import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: { index: 'src/index.ts', 'protocol/index': 'src/protocol/index.ts' },
  format: ['esm'],
  dts: true,
  platform: 'browser',
  clean: true,
})
