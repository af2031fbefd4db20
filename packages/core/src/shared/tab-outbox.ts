import type { Timers } from '../options.ts'
import type { HubItem, HubMessage } from './messages.ts'

/**
 * What the hub tells one tab, in order, as one message per flush. A flush goes at the end of
 * the task that had something to say, unless the last one went less than `batchMs` ago: then
 * at that mark. A lone event (a reply, a status) goes at once; a flood of frames costs one
 * message per `batchMs`, where a message per frame and tab (a structured clone and a post
 * each) was the worker's main cost in bench/shared.
 *
 * @example
 * ```ts
 * const outbox = new TabOutbox((message) => port.postMessage(message), timers, 8)
 * outbox.add({ kind: 'event', event: { type: 'SocketOpened' } })
 * ```
 */
export class TabOutbox {
  #post: (message: HubMessage) => void
  #timers: Timers
  #batchMs: number
  #items: HubItem[] = []
  #last = Number.NEGATIVE_INFINITY

  constructor(post: (message: HubMessage) => void, timers: Timers, batchMs: number) {
    this.#post = post
    this.#timers = timers
    this.#batchMs = batchMs
  }

  add(item: HubItem): void {
    if (this.#items.push(item) > 1) return
    const wait = this.#last + this.#batchMs - this.#timers.now()
    if (wait > 0) this.#timers.setTimeout(this.#flush, wait)
    else queueMicrotask(this.#flush)
  }

  /** Posts a message that is not an item (a question), now. */
  post(message: HubMessage): void {
    this.#post(message)
  }

  #flush = () => {
    this.#last = this.#timers.now()
    const items = this.#items
    this.#items = []
    this.#post({ type: 'items', items })
  }
}
