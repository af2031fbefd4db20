import type { ResolvedOptions } from '../options.ts'

/**
 * A token bucket: it holds up to `capacity` tokens and refills `perSecond` of them a second.
 *
 * @example
 * ```ts
 * if (!limiter.take(1)) setTimeout(retry, limiter.waitMs(1))
 * ```
 */
export interface RateLimiter {
  /** Spends `cost` tokens if there are that many; `false` (and nothing spent) otherwise. */
  take(cost: number): boolean
  /** How long until `cost` tokens are there (0: now). */
  waitMs(cost: number): number
}

/**
 * Creates a token bucket. What the connection does with a command that finds too few
 * tokens is its `rateLimit.onLimit` policy, not the bucket's: by default it waits.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ capacity: 50, perSecond: 50 }, Date.now)
 * limiter.take(1) // true
 * ```
 */
export function createRateLimiter(
  { capacity, perSecond }: Pick<ResolvedOptions['rateLimit'], 'capacity' | 'perSecond'>,
  now: () => number,
): RateLimiter {
  let tokens = capacity
  let at = now()
  const refill = () => {
    const time = now()
    tokens = Math.min(capacity, tokens + ((time - at) * perSecond) / 1000)
    at = time
  }
  return {
    take(cost) {
      refill()
      if (tokens < cost) return false
      tokens -= cost
      return true
    },
    waitMs(cost) {
      refill()
      return tokens >= cost ? 0 : Math.ceil(((cost - tokens) * 1000) / perSecond)
    },
  }
}
