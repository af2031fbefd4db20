import type { Timers } from '../options.ts'
import type { Push } from './push.ts'
import type { RateLimiter } from './rate-limiter.ts'

/**
 * Pushes not written yet, oldest first: waiting for their channel's join, or for rate-limit
 * tokens. Bounded: a full buffer refuses the new push (`buffer_full`) rather than dropping
 * an old one, so the caller learns at once which push failed.
 *
 * @example
 * ```ts
 * const outbound = new OutboundQueue(1_000, limiter, timers)
 * if (!outbound.add(push)) settle(push, 'buffer_full')
 * outbound.pump(isJoined, write)
 * ```
 */
export class OutboundQueue {
  #items: Push[] = []
  #capacity: number
  #limiter: RateLimiter
  #timers: Timers
  #wake: unknown
  #cost: number

  constructor(capacity: number, limiter: RateLimiter, timers: Timers, cost: number) {
    this.#capacity = capacity
    this.#limiter = limiter
    this.#timers = timers
    this.#cost = cost
  }

  /** Whether a push of a joined channel waits for tokens (a new one must queue behind it). */
  waiting(ready: (push: Push) => boolean): boolean {
    return this.#items.some(ready)
  }

  /** Adds a push at the end; `false` if the buffer is full. */
  add(push: Push): boolean {
    return this.#items.length < this.#capacity && this.#items.push(push) > 0
  }

  remove(push: Push): void {
    const i = this.#items.indexOf(push)
    if (i >= 0) this.#items.splice(i, 1)
  }

  /** Removes and returns a topic's pushes, in order. */
  take(topic: string): Push[] {
    const taken = this.#items.filter((p) => p.topic === topic)
    if (taken.length) this.#items = this.#items.filter((p) => p.topic !== topic)
    return taken
  }

  /**
   * Writes the pushes that are `ready` (their channel is joined), in order, while tokens
   * last; when they run out, wakes up as soon as the next one is there and goes on.
   */
  pump(ready: (push: Push) => boolean, write: (push: Push) => void): void {
    this.#timers.clearTimeout(this.#wake)
    this.#wake = undefined
    for (let i = 0; i < this.#items.length; ) {
      const push = this.#items[i] as Push
      if (!ready(push)) {
        i++
        continue
      }
      if (!this.#limiter.take(this.#cost)) {
        const ms = this.#limiter.waitMs(this.#cost)
        this.#wake = this.#timers.setTimeout(() => this.pump(ready, write), ms)
        return
      }
      this.#items.splice(i, 1)
      write(push)
    }
  }
}
