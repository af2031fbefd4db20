import type {
  OutgoingMessage,
  PresenceEntry,
  PresenceState,
  StreamEntry,
  StreamRetention,
  TopicEvent,
  TopicListener,
} from '../broker.ts'
import { MemoryPresence } from './memory-presence.ts'
import { MemoryRecords } from './memory-records.ts'
import { MemoryStream } from './memory-stream.ts'

/**
 * The backend that several {@link MemoryBroker} nodes share inside one process:
 * subscribers, streams, presence, node heartbeats and shared records. A single-node server gets
 * its own hub without asking; tests create one hub and several brokers on it to
 * behave like a cluster.
 *
 * @example
 * ```ts
 * const hub = new MemoryHub()
 * const nodeA = new MemoryBroker({ hub })
 * const nodeB = new MemoryBroker({ hub })
 * ```
 */
export class MemoryHub {
  /** Records shared by every broker on this hub (see `Broker.swapRecord`). */
  readonly records: MemoryRecords = new MemoryRecords()
  #listeners = new Map<string, Set<TopicListener>>()
  #streams = new Map<string, MemoryStream>()
  #presence = new MemoryPresence((topic, diff) => this.emit(topic, diff))
  #lastSeen = new Map<string, number>()

  /** Adds a listener; returns the function that removes it. */
  listen(topic: string, listener: TopicListener): () => void {
    const set = this.#listeners.get(topic) ?? new Set()
    this.#listeners.set(topic, set)
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.#listeners.get(topic) === set) this.#listeners.delete(topic)
    }
  }

  /** Delivers on a microtask, to the listeners present now, in publish order. */
  emit(topic: string, event: TopicEvent): void {
    const listeners = this.#listeners.get(topic)
    if (!listeners) return
    const snapshot = [...listeners]
    queueMicrotask(() => {
      for (const listener of snapshot) listener(event)
    })
  }

  /** The topic's stream, if any. */
  stream(topic: string): MemoryStream | undefined {
    return this.#streams.get(topic)
  }

  /** The topic's stream, created on first use. */
  streamFor(topic: string): MemoryStream {
    const stream = this.#streams.get(topic)
    if (stream) return stream
    const created = new MemoryStream()
    this.#streams.set(topic, created)
    return created
  }

  /** Stores a message in the topic's stream (created on first use) and publishes it with its id. */
  append(
    topic: string,
    message: OutgoingMessage,
    retention: StreamRetention,
    now: number,
  ): StreamEntry {
    const entry = this.streamFor(topic).append(message.event, message.payload, retention, now)
    this.emit(topic, { type: 'message', ...message, id: entry.id })
    return entry
  }

  /** Stores a presence entry owned by `nodeId` and publishes its join. */
  track(topic: string, nodeId: string, entry: PresenceEntry): void {
    this.#presence.track(topic, nodeId, entry)
  }

  /** Swaps the entry under `ref` for `next` in one diff; false if `ref` is unknown. */
  update(topic: string, ref: string, next: PresenceEntry): boolean {
    return this.#presence.update(topic, ref, next)
  }

  /** Removes the entry under `ref`, publishing its leave. */
  untrack(topic: string, ref: string): void {
    this.#presence.untrack(topic, [ref])
  }

  /** Everyone on the topic, grouped by key (a copy). */
  list(topic: string): PresenceState {
    return this.#presence.list(topic)
  }

  /** Records that `nodeId` is alive at `now`. */
  beat(nodeId: string, now: number): void {
    this.#lastSeen.set(nodeId, now)
  }

  /** Removes a node and every presence entry it owns, publishing the leaves. */
  removeNode(nodeId: string): void {
    this.#lastSeen.delete(nodeId)
    for (const [topic, refs] of this.#presence.ownedBy(nodeId)) this.#presence.untrack(topic, refs)
  }

  /** Removes every node not heard from since `now - timeoutMs`. */
  sweep(now: number, timeoutMs: number): void {
    for (const [nodeId, seen] of this.#lastSeen) {
      if (now - seen > timeoutMs) this.removeNode(nodeId)
    }
  }
}
