import type {
  Broker,
  HistoryPage,
  OutgoingMessage,
  PresenceEntry,
  PresenceState,
  SinceResult,
  StreamEntry,
  StreamRetention,
  Subscription,
  TopicListener,
} from '../broker.ts'
import { MemoryHub } from './memory-hub.ts'

/**
 * Options of {@link MemoryBroker}. Liveness only matters when several brokers share
 * a hub: a node that stops beating is removed by the others within
 * `livenessTimeoutMs + livenessIntervalMs`.
 *
 * @example
 * ```ts
 * const options: MemoryBrokerOptions = { hub: new MemoryHub(), livenessIntervalMs: 100 }
 * ```
 */
export interface MemoryBrokerOptions {
  /** Shared backend; a fresh one when omitted (a single node). */
  hub?: MemoryHub
  nodeId?: string
  /**
   * How often this node beats and sweeps dead nodes. Default 1000 ms; 0 starts no
   * timer (a lone node with nobody to sweep, or a test kit under fake timers).
   */
  livenessIntervalMs?: number
  /** Silence after which a node counts as dead. Default 3000 ms. */
  livenessTimeoutMs?: number
  /** Clock for stream ids and liveness; `Date.now` by default. */
  now?: () => number
}

/**
 * The default broker: everything in this process's memory. One node on its own,
 * or several nodes sharing a {@link MemoryHub} to test cluster behaviour.
 *
 * @example
 * ```ts
 * const broker = new MemoryBroker()
 * const entry = await broker.append('room:1', { event: 'new_msg', payload: {}, from: null }, { maxLength: 100 })
 * await broker.readSince('room:1', entry.id) // { entries: [], complete: true }
 * ```
 */
export class MemoryBroker implements Broker {
  readonly nodeId: string
  #hub: MemoryHub
  #now: () => number
  #unlisteners = new Set<() => void>()
  #timer: ReturnType<typeof setInterval> | null
  #closed = false

  constructor(options: MemoryBrokerOptions = {}) {
    this.nodeId = options.nodeId ?? globalThis.crypto.randomUUID()
    this.#hub = options.hub ?? new MemoryHub()
    this.#now = options.now ?? Date.now
    const interval = options.livenessIntervalMs ?? 1000
    const timeout = options.livenessTimeoutMs ?? 3000
    this.#hub.beat(this.nodeId, this.#now())
    this.#timer = interval > 0 ? this.#beatEvery(interval, timeout) : null
  }

  #beatEvery(interval: number, timeout: number): ReturnType<typeof setInterval> {
    const timer = setInterval(() => {
      this.#hub.beat(this.nodeId, this.#now())
      this.#hub.sweep(this.#now(), timeout)
    }, interval)
    // On Node, the beat must not keep the process alive (browsers have no unref).
    ;(timer as { unref?: () => void }).unref?.()
    return timer
  }

  async subscribe(topic: string, listener: TopicListener): Promise<Subscription> {
    this.#assertOpen()
    const unlisten = this.#hub.listen(topic, listener)
    this.#unlisteners.add(unlisten)
    return {
      unsubscribe: async () => {
        unlisten()
        this.#unlisteners.delete(unlisten)
      },
    }
  }

  async publish(topic: string, message: OutgoingMessage): Promise<void> {
    this.#assertOpen()
    this.#hub.emit(topic, { type: 'message', ...message, id: null })
  }

  async append(
    topic: string,
    message: OutgoingMessage,
    retention: StreamRetention,
  ): Promise<StreamEntry> {
    this.#assertOpen()
    return this.#hub.append(topic, message, retention, this.#now())
  }

  async readSince(topic: string, sinceId: string): Promise<SinceResult> {
    return this.#hub.stream(topic)?.since(sinceId) ?? { entries: [], complete: false }
  }

  async readBefore(topic: string, beforeId: string | null, limit: number): Promise<HistoryPage> {
    return this.#hub.stream(topic)?.before(beforeId, limit) ?? { entries: [], more: false }
  }

  async track(topic: string, entry: PresenceEntry): Promise<void> {
    this.#assertOpen()
    this.#hub.track(topic, this.nodeId, entry)
  }

  async updatePresence(topic: string, ref: string, next: PresenceEntry): Promise<boolean> {
    this.#assertOpen()
    return this.#hub.update(topic, ref, next)
  }

  async untrack(topic: string, ref: string): Promise<void> {
    this.#hub.untrack(topic, ref)
  }

  async listPresence(topic: string): Promise<PresenceState> {
    return this.#hub.list(topic)
  }

  async readRecords(keys: readonly string[]): Promise<(string | null)[]> {
    this.#assertOpen()
    return this.#hub.records.read(keys, this.#now())
  }

  async swapRecord(
    key: string,
    expected: string | null,
    value: string | null,
    ttlMs: number,
  ): Promise<string | null> {
    this.#assertOpen()
    assertTtl(ttlMs)
    return this.#hub.records.swap(key, expected, value, ttlMs, this.#now())
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#stop()
    this.#hub.removeNode(this.nodeId)
  }

  /**
   * Stops this node as a crashed process would: no goodbye, its presence entries
   * stay until another node's sweep removes them. For liveness tests.
   *
   * @example
   * ```ts
   * nodeA.abandon() // nodeB removes nodeA's presence within the liveness bound
   * ```
   */
  abandon(): void {
    if (!this.#closed) this.#stop()
  }

  #stop(): void {
    this.#closed = true
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    for (const unlisten of this.#unlisteners) unlisten()
    this.#unlisteners.clear()
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('MemoryBroker is closed: create a new broker to use it again')
  }
}

function assertTtl(ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new TypeError(`ttlMs must be a whole number of ms > 0, got ${ttlMs}`)
  }
}
