import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'protocol/index': 'src/protocol/index.ts',
    'presence/index': 'src/features/presence/index.ts',
    'chat/index': 'src/features/chat/index.ts',
    'notifications/index': 'src/features/notifications/index.ts',
    stream: 'src/features/stream.ts',
    'shared/index': 'src/shared/index.ts',
    'shared/host': 'src/shared/host.ts',
    'shared/worker': 'src/shared/worker.ts',
  },
  format: ['esm'],
  dts: true,
  platform: 'browser',
  clean: true,
})
