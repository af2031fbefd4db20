import { expect, test } from 'vitest'
import { compareStreamIds, nextStreamId, parseStreamId } from './stream-id.ts'

test('ids compare as integer pairs, not as strings', () => {
  expect(compareStreamIds('999-0', '1000-0')).toBeLessThan(0)
  expect(compareStreamIds('5-10', '5-9')).toBeGreaterThan(0)
  expect(compareStreamIds('5-1', '5-1')).toBe(0)
})

test('only "<ms>-<seq>" parses', () => {
  expect(parseStreamId('12-3')).toEqual({ ms: 12, seq: 3 })
  for (const bad of ['12', '12-', 'a-1', '1-2-3', 12, null]) expect(parseStreamId(bad)).toBeNull()
})

test('the next id counts up within a millisecond and never goes back', () => {
  expect(nextStreamId({ ms: 0, seq: -1 }, 5)).toEqual({ ms: 5, seq: 0 })
  expect(nextStreamId({ ms: 5, seq: 0 }, 5)).toEqual({ ms: 5, seq: 1 })
  expect(nextStreamId({ ms: 5, seq: 1 }, 4)).toEqual({ ms: 5, seq: 2 }) // the clock went back
  expect(nextStreamId({ ms: 5, seq: 1 }, 6)).toEqual({ ms: 6, seq: 0 })
})
