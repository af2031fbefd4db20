import { expect, test } from 'vitest'
import { importCycles, importGraph } from '../../../scripts/import-graph.mjs'

test('the server (library, CLI, Vite plugin, demo socket) has no import cycle', () => {
  const { modules } = importGraph([
    'packages/server/src/index.ts',
    'packages/server/src/cli.ts',
    'packages/server/src/vite/index.ts',
    'packages/server/src/demo/index.ts',
  ])
  expect(importCycles(modules)).toEqual([])
})
