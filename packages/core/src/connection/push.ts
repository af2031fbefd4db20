import type { PushErrorCode } from '../codes.ts'
import { PushError, reasonOf } from '../errors.ts'
import type { EventInit } from '../events.ts'

/**
 * A push as the channel asks for it.
 *
 * @example
 * ```ts
 * const init: PushInit = { topic: 'room:1', event: 'new_msg', payload: { body: 'hi' }, timeoutMs: 10_000 }
 * ```
 */
export interface PushInit {
  topic: string
  event: string
  payload: unknown
  timeoutMs: number
  /** The server sends no reply: the push is done once written. */
  noReply?: boolean
}

/**
 * How a push ended: `ok` (the reply, or written when no reply comes), or why it failed.
 * The one encoding of an outcome: the promise and the inspect event both come from it.
 *
 * @example
 * ```ts
 * const outcome: PushOutcome = 'timeout'
 * ```
 */
export type PushOutcome = 'ok' | PushErrorCode

/**
 * One push, from `channel.push()` to its outcome: the one place its state lives. The
 * connection holds it (in the outbound buffer, then by its ref until the reply), settles
 * it once, and the client's flush delivers the outcome to its promise, after the events
 * that came before it.
 *
 * @example
 * ```ts
 * const push = new Push(1, init)
 * push.settle('ok', { id: 7 }) // true: the first outcome wins
 * push.deliver() // resolves push.promise with { id: 7 }
 * ```
 */
export class Push {
  readonly id: number
  readonly topic: string
  readonly event: string
  readonly payload: unknown
  readonly timeoutMs: number
  readonly noReply: boolean
  readonly promise: Promise<unknown>
  /** The timer of its timeout, while it waits. */
  timer: unknown
  /** Its ref once written (a reply to it is matched by this). */
  ref: string | undefined
  #outcome: PushOutcome | undefined
  #response: unknown
  #reason: string | undefined
  #resolve!: (response: unknown) => void
  #reject!: (error: PushError) => void

  constructor(id: number, init: PushInit) {
    this.id = id
    this.topic = init.topic
    this.event = init.event
    this.payload = init.payload
    this.timeoutMs = init.timeoutMs
    this.noReply = init.noReply === true
    this.promise = new Promise((resolve, reject) => {
      this.#resolve = resolve
      this.#reject = reject
    })
  }

  /** Whether it has an outcome already. */
  get settled(): boolean {
    return this.#outcome !== undefined
  }

  /**
   * Records the outcome; `false` if it had one already (a push settles once). `reason`
   * defaults to the one in `response`.
   */
  settle(outcome: PushOutcome, response?: unknown, reason?: string): boolean {
    if (this.#outcome) return false
    this.#outcome = outcome
    this.#response = response
    this.#reason = reason
    return true
  }

  /** Settles the promise with the recorded outcome. */
  deliver(): void {
    const response = this.#response
    if (this.#outcome === 'ok') this.#resolve(response)
    else {
      const code = this.#outcome as PushErrorCode
      this.#reject(new PushError(code, this, response, this.#reason ?? reasonOf(response)))
    }
  }

  /** The inspect stream's event for the recorded outcome. */
  report(): EventInit {
    const { topic, id: pushId } = this
    const outcome = this.#outcome as PushOutcome
    switch (outcome) {
      case 'ok':
      case 'error':
        return { type: 'ReplyReceived', topic, pushId, status: outcome, response: this.#response }
      case 'timeout':
        return { type: 'PushTimedOut', topic, pushId }
      case 'buffer_full':
        return { type: 'BufferOverflowed', topic, pushId }
      case 'rate_limited':
        return { type: 'RateLimited', command: 'PushMessage', topic, pushId, action: 'reject' }
      default:
        return { type: 'PushCancelled', topic, pushId, reason: outcome }
    }
  }
}
