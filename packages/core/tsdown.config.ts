import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'protocol/index': 'src/protocol/index.ts',
    'presence/index': 'src/features/presence/index.ts',
    stream: 'src/features/stream.ts',
  },
  format: ['esm'],
  dts: true,
  platform: 'browser',
  clean: true,
})
