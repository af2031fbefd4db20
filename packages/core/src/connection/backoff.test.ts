import { describe, expect, test } from 'vitest'
import { createBackoff } from './backoff.ts'

const options = { minDelayMs: 250, maxDelayMs: 2_000, factor: 2, maxRetries: 5 }

describe('createBackoff', () => {
  test('grows by the factor up to the maximum; reset starts over', () => {
    const b = createBackoff({ ...options, jitter: 0, random: () => 0.5 })
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([250, 500, 1000, 2000, 2000])
    expect(b.attempt).toBe(5)
    b.reset()
    expect(b.next()).toBe(250)
  })

  test('jitter takes up to its share off each delay', () => {
    const low = createBackoff({ ...options, jitter: 0.5, random: () => 1 })
    const high = createBackoff({ ...options, jitter: 0.5, random: () => 0 })
    expect([low.next(), low.next()]).toEqual([125, 250])
    expect([high.next(), high.next()]).toEqual([250, 500])
  })

  test('a slow delay is the maximum from the first attempt', () => {
    const b = createBackoff({ ...options, jitter: 0, random: Math.random })
    expect(b.next(true)).toBe(2_000)
  })
})
