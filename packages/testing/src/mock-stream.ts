import { isPlainObject, type MemoryHub } from '@wirestate/engine'

/**
 * One stored stream message: what `append` was given, under its id.
 *
 * @example
 * ```ts
 * const entry: StreamEntry = { id: '1700000000000-0', event: 'new_msg', payload: { body: 'hi' } }
 * ```
 */
export interface StreamEntry {
  readonly id: string
  readonly event: string
  readonly payload: Record<string, unknown>
}

/**
 * One stream topic of the mock server, stored where the mock's engine keeps streams, so
 * a rejoin with `since` is answered as on `@wirestate/server` (`recovered`, then the
 * missed entries). Get it with `server.stream(topic)`; from then on the topic is a
 * stream.
 *
 * @example
 * ```ts
 * const room = server.stream('room:1')
 * const id = room.append('new_msg', { body: 'hi' }) // broadcast as { body: 'hi', id }
 * room.trim(0) // forget history: a rejoin with since gets recovered: false
 * ```
 */
export class MockStream {
  readonly topic: string
  #hub: MemoryHub

  constructor(topic: string, hub: MemoryHub) {
    this.topic = topic
    this.#hub = hub
    hub.streamFor(topic)
  }

  /** The stored entries, oldest first. */
  get entries(): readonly StreamEntry[] {
    return this.#hub.streamFor(this.topic).entries as readonly StreamEntry[]
  }

  /** The newest id given out, or `null` before the first append. */
  get lastId(): string | null {
    return this.#hub.streamFor(this.topic).lastId
  }

  /**
   * Stores a message under the next id (`"<Date.now()>-<seq>"`) and sends it to every
   * member with the id added to its payload; returns the id. Payloads must be objects,
   * as on `@wirestate/server`'s stream topics.
   */
  append(event: string, payload: Record<string, unknown> = {}): string {
    if (!isPlainObject(payload)) {
      throw new TypeError(`stream payloads must be JSON objects (the id is added to them)`)
    }
    const message = { event, payload, from: null }
    return this.#hub.append(this.topic, message, {}, Date.now()).id
  }

  /** Keeps only the newest `keep` entries, as a bounded history would. */
  trim(keep: number): void {
    this.#hub.streamFor(this.topic).keepNewest(keep)
  }
}
