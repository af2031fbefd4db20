import { expect, test } from 'vitest'
import { importCycles, importGraph } from '../../../scripts/import-graph.mjs'

test('the engine has no import cycle and imports nothing outside the workspace', () => {
  const { modules, externals } = importGraph(['packages/engine/src/index.ts'])
  expect(importCycles(modules)).toEqual([])
  expect([...externals.keys()]).toEqual([])
})
