import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  platform: 'neutral',
  external: ['msw', /^@wirestate\/core/],
  fixedExtension: false,
  clean: true,
})
