import { expect, test } from 'vitest'
import { compareStreamIds, formatStreamId, nextStreamId, parseStreamId } from './stream-id.ts'

test('ids compare as integer pairs, not as text', () => {
  expect(compareStreamIds('999-0', '1000-0')).toBeLessThan(0)
  expect(compareStreamIds('5-10', '5-9')).toBeGreaterThan(0)
  expect(compareStreamIds('5-1', '5-1')).toBe(0)
})

test('ids order like (ms, seq) pairs and round-trip through format', () => {
  // Pairs around the interesting edges: equal ms, neighbours, and values past 2^32.
  const values = [0, 1, 9, 10, 999, 1000, 2 ** 32 + 1, 2 ** 50]
  for (const ms1 of values)
    for (const seq1 of values)
      for (const [ms2, seq2] of [
        [ms1, seq1],
        [ms1, seq1 + 1],
        [ms1 + 1, 0],
        [Math.max(0, ms1 - 1), seq1 + 7],
      ] as const) {
        const [a, b] = [
          formatStreamId({ ms: ms1, seq: seq1 }),
          formatStreamId({ ms: ms2, seq: seq2 }),
        ]
        expect(parseStreamId(a)).toEqual({ ms: ms1, seq: seq1 })
        const expected = ms1 === ms2 ? Math.sign(seq1 - seq2) : Math.sign(ms1 - ms2)
        expect(Math.sign(compareStreamIds(a, b))).toBe(expected)
      }
})

test('only the "<ms>-<seq>" shape parses; comparing anything else says which id', () => {
  const bad = [
    '',
    '1',
    '1-',
    '-1',
    '1-2-3',
    'a-1',
    '1.5-0',
    ' 1-0',
    1,
    null,
    {},
    '99999999999999999-0',
  ]
  for (const id of bad) expect(parseStreamId(id)).toBeNull()
  expect(() => compareStreamIds('x', '1-0')).toThrow(/not a stream id: "x"/)
})

test('the next id counts up within a millisecond and never goes back', () => {
  expect(nextStreamId({ ms: 0, seq: -1 }, 5)).toEqual({ ms: 5, seq: 0 })
  expect(nextStreamId({ ms: 5, seq: 0 }, 5)).toEqual({ ms: 5, seq: 1 })
  expect(nextStreamId({ ms: 5, seq: 1 }, 4)).toEqual({ ms: 5, seq: 2 }) // the clock went back
  expect(nextStreamId({ ms: 5, seq: 1 }, 6)).toEqual({ ms: 6, seq: 0 })
})
