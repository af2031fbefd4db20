import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'devtools/index': 'src/devtools/index.ts',
    'devtools/production': 'src/devtools/production.ts',
  },
  format: ['esm'],
  dts: true,
  platform: 'neutral',
  deps: { neverBundle: ['svelte', /^svelte\//, /^@wirestate\//] },
  fixedExtension: false,
  clean: true,
})
