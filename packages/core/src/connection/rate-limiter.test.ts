import { expect, test } from 'vitest'
import { createRateLimiter } from './rate-limiter.ts'

test('spends tokens, refuses when empty, refills with time up to the capacity', () => {
  let now = 0
  const { take } = createRateLimiter({ capacity: 3, perSecond: 2 }, () => now)
  expect([take(1), take(2), take(1)]).toEqual([true, true, false])
  now = 500
  expect([take(1), take(1)]).toEqual([true, false])
  now = 60_000
  expect([take(3), take(1)]).toEqual([true, false])
  expect(take(0)).toBe(true)
})

test('says how long until enough tokens are back', () => {
  let now = 0
  const limiter = createRateLimiter({ capacity: 2, perSecond: 4 }, () => now)
  expect(limiter.waitMs(1)).toBe(0)
  limiter.take(2)
  expect(limiter.waitMs(1)).toBe(250)
  now = 100
  expect(limiter.waitMs(1)).toBe(150)
  now = 250
  expect(limiter.take(1)).toBe(true)
})
