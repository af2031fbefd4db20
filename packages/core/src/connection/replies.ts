import type { PushErrorCode } from '../codes.ts'
import type { Timers } from '../options.ts'

/**
 * How a request ended: the server's reply (`ok` or `error`), or no reply: `timeout`, or
 * `channel_closed` (the socket dropped, or the server channel crashed or closed). The
 * same words as `PushErrorCode`, so a push's outcome needs no translation.
 *
 * @example
 * ```ts
 * const outcome: ReplyOutcome = 'timeout'
 * ```
 */
export type ReplyOutcome = 'ok' | Extract<PushErrorCode, 'error' | 'timeout' | 'channel_closed'>

/**
 * Something waiting for the reply to one ref: a join, a leave or a push.
 *
 * @example
 * ```ts
 * const waiter: ReplyWaiter = { topic: 'room:1', settle: (outcome, response) => console.log(outcome, response) }
 * ```
 */
export interface ReplyWaiter {
  topic: string
  settle(outcome: ReplyOutcome, response?: unknown): void
}

interface Waiting {
  waiter: ReplyWaiter
  timer: unknown
}

/**
 * The requests on the wire, by ref, until their reply, their timeout, or the end of their
 * socket or channel. Each settles once: it is forgotten as it settles.
 *
 * @example
 * ```ts
 * const replies = new Replies(timers)
 * replies.expect('7', { topic: 'room:1', settle: console.log }, 10_000)
 * replies.settle('7', 'ok', { id: 1 })
 * ```
 */
export class Replies {
  #waiting = new Map<string, Waiting>()
  #timers: Timers

  constructor(timers: Timers) {
    this.#timers = timers
  }

  /** Waits for the reply to `ref`; `timeoutMs` settles it with `timeout` (none: no timer). */
  expect(ref: string, waiter: ReplyWaiter, timeoutMs?: number): void {
    const timer = timeoutMs && this.#timers.setTimeout(() => this.settle(ref, 'timeout'), timeoutMs)
    this.#waiting.set(ref, { waiter, timer })
  }

  /** Settles the request of `ref`; `false` if nothing waits for it (late, or never sent). */
  settle(ref: string, outcome: ReplyOutcome, response?: unknown): boolean {
    const waiting = this.#waiting.get(ref)
    if (!waiting) return false
    this.#waiting.delete(ref)
    this.#timers.clearTimeout(waiting.timer)
    waiting.waiter.settle(outcome, response)
    return true
  }

  /** Gives up on one request without settling it (its owner settles it another way). */
  forget(ref: string): void {
    this.#timers.clearTimeout(this.#waiting.get(ref)?.timer)
    this.#waiting.delete(ref)
  }

  /** The socket or a channel is gone: its requests get no reply (`channel_closed`). */
  close(topic?: string): void {
    for (const [ref, { waiter }] of this.#waiting) {
      if (topic === undefined || waiter.topic === topic) this.settle(ref, 'channel_closed')
    }
  }
}
