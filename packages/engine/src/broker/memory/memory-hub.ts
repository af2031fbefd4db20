import type {
  OutgoingMessage,
  PresenceDiff,
  PresenceEntry,
  PresenceState,
  StreamEntry,
  StreamRetention,
  TopicEvent,
  TopicListener,
} from '../broker.ts'
import { MemoryRecords } from './memory-records.ts'
import { MemoryStream } from './memory-stream.ts'

interface OwnedEntry extends PresenceEntry {
  readonly nodeId: string
}

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
  #presence = new Map<string, Map<string, OwnedEntry>>()
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
    const entries = this.#presence.get(topic) ?? new Map<string, OwnedEntry>()
    this.#presence.set(topic, entries)
    entries.set(entry.ref, { ...entry, nodeId })
    this.emit(topic, diffOf([entry], []))
  }

  /** Swaps the entry under `ref` for `next` in one diff; false if `ref` is unknown. */
  update(topic: string, ref: string, next: PresenceEntry): boolean {
    const entries = this.#presence.get(topic)
    const previous = entries?.get(ref)
    if (!entries || !previous) return false
    entries.delete(ref)
    entries.set(next.ref, { ...next, nodeId: previous.nodeId })
    this.emit(topic, diffOf([next], [previous]))
    return true
  }

  /** Removes the entry under `ref`, publishing its leave. */
  untrack(topic: string, ref: string): void {
    const entries = this.#presence.get(topic)
    const entry = entries?.get(ref)
    if (!entries || !entry) return
    entries.delete(ref)
    if (entries.size === 0) this.#presence.delete(topic)
    this.emit(topic, diffOf([], [entry]))
  }

  /** Everyone on the topic, grouped by key. */
  list(topic: string): PresenceState {
    return groupByKey([...(this.#presence.get(topic)?.values() ?? [])])
  }

  /** Records that `nodeId` is alive at `now`. */
  beat(nodeId: string, now: number): void {
    this.#lastSeen.set(nodeId, now)
  }

  /** Removes a node and every presence entry it owns, publishing the leaves. */
  removeNode(nodeId: string): void {
    this.#lastSeen.delete(nodeId)
    for (const [topic, entries] of this.#presence) {
      const gone = [...entries.values()].filter((e) => e.nodeId === nodeId)
      if (gone.length === 0) continue
      for (const entry of gone) entries.delete(entry.ref)
      if (entries.size === 0) this.#presence.delete(topic)
      this.emit(topic, diffOf([], gone))
    }
  }

  /** Removes every node not heard from since `now - timeoutMs`. */
  sweep(now: number, timeoutMs: number): void {
    for (const [nodeId, seen] of this.#lastSeen) {
      if (now - seen > timeoutMs) this.removeNode(nodeId)
    }
  }
}

function diffOf(joins: PresenceEntry[], leaves: PresenceEntry[]): PresenceDiff {
  return { type: 'presence_diff', joins: groupByKey(joins), leaves: groupByKey(leaves) }
}

// Null prototype: keys come from applications (often user names), so a key like
// `__proto__` must be an ordinary key.
function groupByKey(entries: readonly PresenceEntry[]): PresenceState {
  const state: PresenceState = Object.create(null)
  for (const { key, ref, meta } of entries) {
    const group = state[key] ?? { metas: [] }
    group.metas.push({ ...meta, phx_ref: ref })
    state[key] = group
  }
  return state
}
