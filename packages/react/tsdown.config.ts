import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    devtools: 'src/devtools.ts',
    'devtools-production': 'src/devtools-production.ts',
  },
  format: ['esm'],
  dts: true,
  // Not 'browser': the app's bundler, not ours, decides process.env.NODE_ENV (the
  // devtools entry compiles to nothing in production builds through it).
  platform: 'neutral',
  deps: { neverBundle: ['react', /^react\//, /^@wirestate\//] },
  fixedExtension: false,
  clean: true,
})
