import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    vite: 'src/vite/index.ts',
    demo: 'src/demo/index.ts',
  },
  format: ['esm'],
  dts: true,
  platform: 'node',
  // The package is "type": "module": plain .js, as the exports map says.
  fixedExtension: false,
  clean: true,
})
