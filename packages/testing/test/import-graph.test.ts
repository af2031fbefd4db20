import { expect, test } from 'vitest'
import { importCycles, importGraph } from '../../../scripts/import-graph.mjs'

test('the kit has no import cycle and needs nothing outside but msw and core’s nanostores (no ws, ioredis or node:)', () => {
  const { modules, externals } = importGraph(['packages/testing/src/index.ts'])
  expect(importCycles(modules)).toEqual([])
  expect([...externals.keys()].sort()).toEqual(['msw', 'nanostores'])
  // The engine is what the kit runs on.
  expect([...modules.keys()].some((file) => file.includes('packages/engine/src/engine.ts'))).toBe(
    true,
  )
})
