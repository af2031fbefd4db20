import type { Timers } from './options.ts'

type Waiter<T> = { resolve(value: T): void; reject(error: Error): void }

/**
 * Calls waiting for one thing to happen (a channel joined or left, the client connected),
 * each with its own optional timeout; they all settle together when it happens, or fail
 * together when it cannot. The one shape behind every awaitable call of the client.
 *
 * @example
 * ```ts
 * const joins = new Waiters<unknown>(timers)
 * const joined = joins.add(5_000, () => new ChannelError('timeout', topic))
 * joins.resolve({ ok: true }) // joined resolves with { ok: true }
 * ```
 */
export class Waiters<T> {
  #waiting: Waiter<T>[] = []
  #timers: Timers

  constructor(timers: Timers) {
    this.#timers = timers
  }

  /**
   * A promise of the value `resolve` will give. With `timeoutMs`, it rejects with
   * `expired()` once that time has passed (where the caller also undoes what the wait
   * held). It never counts as unhandled: a call nobody awaits is fine.
   */
  add(timeoutMs?: number, expired?: () => Error): Promise<T> {
    const promise = new Promise<T>((resolve, reject) => {
      const timers = this.#timers
      const timer =
        timeoutMs === undefined
          ? undefined
          : timers.setTimeout(() => {
              const i = this.#waiting.indexOf(waiter)
              if (i < 0) return
              this.#waiting.splice(i, 1)
              reject((expired as () => Error)())
            }, timeoutMs)
      const waiter: Waiter<T> = {
        resolve(value) {
          timers.clearTimeout(timer)
          resolve(value)
        },
        reject(error) {
          timers.clearTimeout(timer)
          reject(error)
        },
      }
      this.#waiting.push(waiter)
    })
    promise.catch(() => {})
    return promise
  }

  /** How many calls wait. */
  get size(): number {
    return this.#waiting.length
  }

  /** Resolves every call waiting. */
  resolve(value: T): void {
    for (const w of this.#waiting.splice(0)) w.resolve(value)
  }

  /** Rejects every call waiting; returns how many there were. */
  reject(error: Error): number {
    const waiting = this.#waiting.splice(0)
    for (const w of waiting) w.reject(error)
    return waiting.length
  }
}
