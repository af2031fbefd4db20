import type { ChannelError } from './errors.ts'
import type { Timers } from './options.ts'

type Waiter = { resolve(response: unknown): void; reject(error: ChannelError): void }

/**
 * The `join()` calls of one channel still waiting for it to be joined, each with its own
 * optional timeout.
 *
 * @example
 * ```ts
 * const waiters = new JoinWaiters(timers)
 * const joined = waiters.add(5_000, () => new ChannelError('timeout', topic), giveBack)
 * waiters.resolve({ ok: true })
 * ```
 */
export class JoinWaiters {
  #waiting: Waiter[] = []
  #timers: Timers

  constructor(timers: Timers) {
    this.#timers = timers
  }

  /**
   * A promise of the join reply's response. With `timeoutMs`, it rejects with `expired()`
   * when that time has passed, and `expired` is also where the caller gives its reference
   * back. The promise never counts as unhandled: a `join()` nobody awaits is fine.
   */
  add(timeoutMs: number | undefined, expired: () => ChannelError): Promise<unknown> {
    const promise = new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject }
      this.#waiting.push(waiter)
      if (timeoutMs === undefined) return
      const timer = this.#timers.setTimeout(() => {
        const i = this.#waiting.indexOf(waiter)
        if (i < 0) return
        this.#waiting.splice(i, 1)
        reject(expired())
      }, timeoutMs)
      const settled = () => this.#timers.clearTimeout(timer)
      waiter.resolve = (response) => {
        settled()
        resolve(response)
      }
      waiter.reject = (error) => {
        settled()
        reject(error)
      }
    })
    promise.catch(() => {})
    return promise
  }

  resolve(response: unknown): void {
    for (const w of this.#waiting.splice(0)) w.resolve(response)
  }

  /** Rejects every waiting join; returns how many there were. */
  reject(error: ChannelError): number {
    const waiting = this.#waiting.splice(0)
    for (const w of waiting) w.reject(error)
    return waiting.length
  }
}
