/**
 * A token bucket: `burst` tokens to start with, refilled at `perSecond`. Each push
 * a client sends takes one; an empty bucket means the client is over its rate.
 *
 * @example
 * ```ts
 * const bucket = new TokenBucket({ perSecond: 50, burst: 100 })
 * if (!bucket.take()) dropFrame()
 * ```
 */
export class TokenBucket {
  #tokens: number
  #last: number
  #perSecond: number
  #burst: number
  #now: () => number

  constructor(options: { perSecond: number; burst: number; now?: () => number }) {
    this.#perSecond = options.perSecond
    this.#burst = options.burst
    this.#now = options.now ?? performance.now.bind(performance)
    this.#tokens = options.burst
    this.#last = this.#now()
  }

  /** Takes a token if there is one. */
  take(): boolean {
    const now = this.#now()
    const refill = ((now - this.#last) / 1000) * this.#perSecond
    this.#tokens = Math.min(this.#burst, this.#tokens + refill)
    this.#last = now
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }
}
