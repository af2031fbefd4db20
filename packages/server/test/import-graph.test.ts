import { expect, test } from 'vitest'
import { importCycles, importGraph } from '../../../scripts/import-graph.mjs'

test('the server (library and CLI) has no import cycle', () => {
  const { modules } = importGraph(['packages/server/src/index.ts', 'packages/server/src/cli.ts'])
  expect(importCycles(modules)).toEqual([])
})
