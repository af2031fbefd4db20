import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  // Not 'browser': the app's bundler, not ours, decides process.env.NODE_ENV.
  platform: 'neutral',
  deps: { neverBundle: ['react', /^react\//, /^@wirestate\//, 'nanostores', '@nanostores/react'] },
  fixedExtension: false,
  clean: true,
})
