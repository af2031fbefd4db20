import { createListeners, type Listeners } from '../../listeners.ts'
import type { Logger } from '../../options.ts'
import type { ChatMessage } from './message-list.ts'

/**
 * What `chat.on(event, callback)` calls back with.
 *
 * @example
 * ```ts
 * const onEdit = (...[next, prev]: ChatEvents['edited']) => console.log(prev.body, '→', next.body)
 * ```
 */
export interface ChatEvents {
  /** A new message from the server (live or replayed after a reconnect), not one of ours. */
  message: [message: ChatMessage]
  /** A message was edited: the new version, then the old one. */
  edited: [next: ChatMessage, prev: ChatMessage]
  /** A message was deleted: the message as it was. */
  deleted: [message: ChatMessage]
}

/**
 * The chat's events. They are queued while the list changes and emitted after it is
 * published, so a listener reading `$messages` sees the change it is told about.
 *
 * @example
 * ```ts
 * const events = createChatEvents(console)
 * events.queue('deleted', message)
 * events.emit()
 * ```
 */
export interface ChatEventQueue {
  queue<E extends keyof ChatEvents>(event: E, ...args: ChatEvents[E]): void
  /** Emits what is queued. A listener that throws is logged; the others still run. */
  emit(): void
  on<E extends keyof ChatEvents>(event: E, callback: (...args: ChatEvents[E]) => void): () => void
}

/**
 * Creates the event queue.
 *
 * @example
 * ```ts
 * const events = createChatEvents(ctx.logger)
 * const off = events.on('message', (m) => console.log(m.body))
 * ```
 */
export function createChatEvents(logger: Logger): ChatEventQueue {
  const listeners: Record<keyof ChatEvents, Listeners<unknown[]>> = {
    message: createListeners(logger),
    edited: createListeners(logger),
    deleted: createListeners(logger),
  }
  let queued: Array<[keyof ChatEvents, unknown[]]> = []
  return {
    queue(event, ...args) {
      if (listeners[event].set.size) queued.push([event, args])
    },
    emit() {
      const due = queued
      queued = []
      for (const [event, args] of due) listeners[event].emit(args)
    },
    on(event, callback) {
      return listeners[event].add((args) => (callback as (...a: unknown[]) => void)(...args))
    },
  }
}
