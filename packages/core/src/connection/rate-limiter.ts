import type { ResolvedOptions } from '../options.ts'

/**
 * Creates a token bucket: it holds up to `capacity` tokens, refills `perSecond` of them a
 * second, and the returned `take(cost)` spends them. A command that finds too few tokens
 * is refused (`RateLimited`), never delayed: a queue would only hide a runaway loop.
 *
 * @example
 * ```ts
 * const take = createRateLimiter({ capacity: 50, perSecond: 50 }, Date.now)
 * if (!take(1)) reject('rate_limited')
 * ```
 */
export function createRateLimiter(
  { capacity, perSecond }: Pick<ResolvedOptions['rateLimit'], 'capacity' | 'perSecond'>,
  now: () => number,
): (cost: number) => boolean {
  let tokens = capacity
  let at = now()
  return (cost) => {
    const time = now()
    tokens = Math.min(capacity, tokens + ((time - at) * perSecond) / 1000)
    at = time
    if (tokens < cost) return false
    tokens -= cost
    return true
  }
}
