import { describe, expect, it } from 'vitest'
import { TokenBucket } from './token-bucket.ts'

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate, never above the burst', () => {
    let now = 0
    const bucket = new TokenBucket({ perSecond: 10, burst: 3, now: () => now })
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ])
    now += 100 // one token
    expect([bucket.take(), bucket.take()]).toEqual([true, false])
    now += 60_000
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ])
  })
})
