import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareStreamIds, formatStreamId, parseStreamId } from './stream-id.ts'

describe('stream ids', () => {
  it('compare numerically, not as text', () => {
    expect(compareStreamIds('999-0', '1000-0')).toBeLessThan(0)
    expect(compareStreamIds('5-10', '5-9')).toBeGreaterThan(0)
    expect(compareStreamIds('5-1', '5-1')).toBe(0)
  })

  it('order like (ms, seq) pairs and round-trip through format', () => {
    const part = fc.integer({ min: 0, max: 2 ** 50 })
    fc.assert(
      fc.property(part, part, part, part, (ms1, seq1, ms2, seq2) => {
        const [a, b] = [
          formatStreamId({ ms: ms1, seq: seq1 }),
          formatStreamId({ ms: ms2, seq: seq2 }),
        ]
        expect(parseStreamId(a)).toEqual({ ms: ms1, seq: seq1 })
        const expected = ms1 === ms2 ? Math.sign(seq1 - seq2) : Math.sign(ms1 - ms2)
        expect(Math.sign(compareStreamIds(a, b))).toBe(expected)
      }),
    )
  })

  it('parse only the "<ms>-<seq>" shape', () => {
    for (const bad of [
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
    ]) {
      expect(parseStreamId(bad)).toBeNull()
    }
    expect(() => compareStreamIds('x', '1-0')).toThrow(/not a stream id: "x"/)
  })
})
