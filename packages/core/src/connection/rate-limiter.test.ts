import { expect, test } from 'vitest'
import { createRateLimiter } from './rate-limiter.ts'

test('spends tokens, refuses when empty, refills with time up to the capacity', () => {
  let now = 0
  const take = createRateLimiter({ capacity: 3, perSecond: 2 }, () => now)
  expect([take(1), take(2), take(1)]).toEqual([true, true, false])
  now = 500
  expect([take(1), take(1)]).toEqual([true, false])
  now = 60_000
  expect([take(3), take(1)]).toEqual([true, false])
  expect(take(0)).toBe(true)
})
