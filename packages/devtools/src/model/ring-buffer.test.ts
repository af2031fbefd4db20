import { describe, expect, test } from 'vitest'
import { RingBuffer } from './ring-buffer.ts'

describe('RingBuffer', () => {
  test('keeps items in order until full', () => {
    const ring = new RingBuffer<number>(3)
    expect(ring.push(1)).toBeUndefined()
    ring.push(2)
    expect(ring.toArray()).toEqual([1, 2])
    expect([ring.size, ring.total, ring.at(0), ring.last()]).toEqual([2, 2, 1, 2])
  })

  test('evicts the oldest once full, returning it, and stays bounded', () => {
    const ring = new RingBuffer<number>(3)
    const evicted: (number | undefined)[] = []
    for (let i = 1; i <= 10_000; i++) evicted.push(ring.push(i))
    expect(ring.size).toBe(3)
    expect(ring.total).toBe(10_000)
    expect(ring.toArray()).toEqual([9_998, 9_999, 10_000])
    expect(evicted.slice(0, 5)).toEqual([undefined, undefined, undefined, 1, 2])
    expect(evicted.at(-1)).toBe(9_997)
  })

  test('at() is undefined outside the retained range', () => {
    const ring = new RingBuffer<string>(2)
    ring.push('a')
    ring.push('b')
    ring.push('c')
    expect([ring.at(-1), ring.at(0), ring.at(1), ring.at(2)]).toEqual([
      undefined,
      'b',
      'c',
      undefined,
    ])
  })

  test('clear() empties it and starts the count over', () => {
    const ring = new RingBuffer<number>(2)
    ring.push(1)
    ring.push(2)
    ring.push(3)
    ring.clear()
    expect([ring.size, ring.total, ring.last()]).toEqual([0, 0, undefined])
    ring.push(4)
    expect(ring.toArray()).toEqual([4])
  })

  test('a capacity that is not a positive integer is refused at once', () => {
    expect(() => new RingBuffer(0)).toThrow(/positive integer/)
    expect(() => new RingBuffer(1.5)).toThrow(RangeError)
  })
})
