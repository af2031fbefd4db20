import type { ResolvedOptions } from '../options.ts'

/**
 * Exponential backoff with jitter, for reconnects and channel rejoins.
 *
 * @example
 * ```ts
 * const backoff = createBackoff(resolveOptions({ url }).reconnect)
 * setTimeout(reconnect, backoff.next())
 * ```
 */
export interface Backoff {
  /** Attempts since the last `reset()`. */
  attempt: number
  /** The delay before the next attempt, in ms; counts the attempt. `slow`: the longest delay. */
  next(slow?: boolean): number
  reset(): void
}

/**
 * Creates a backoff. Delay for attempt `n` (from 0) is `min(maxDelayMs, minDelayMs *
 * factor ** n)`, less a random share of up to `jitter` of it ("equal jitter"), so clients
 * dropped together do not all come back in the same instant.
 *
 * @example
 * ```ts
 * const b = createBackoff({ minDelayMs: 250, maxDelayMs: 10_000, factor: 2, jitter: 0, maxRetries: 5, random: Math.random })
 * b.next() // 250
 * b.next() // 500
 * ```
 */
export function createBackoff(o: ResolvedOptions['reconnect']): Backoff {
  const backoff: Backoff = {
    attempt: 0,
    next(slow) {
      const max = o.maxDelayMs
      const delay = slow ? max : Math.min(max, o.minDelayMs * o.factor ** backoff.attempt)
      backoff.attempt++
      return Math.round(delay * (1 - o.jitter * o.random()))
    },
    reset() {
      backoff.attempt = 0
    },
  }
  return backoff
}
