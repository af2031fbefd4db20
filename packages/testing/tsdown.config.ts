import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  platform: 'neutral',
  deps: { neverBundle: ['msw', /^@wirestate\/(core|engine)/] },
  fixedExtension: false,
  clean: true,
})
