import type { PresenceMeta, PresenceState } from '@wirestate/core/protocol'

/**
 * The seam between the protocol server and wherever messages, history and presence
 * live. The server runs one `Broker` per process ("node"); every node of a cluster
 * holds its own instance, and the instances share a backend (one in-memory hub, or
 * one Redis). Everything a broker carries is JSON-serializable and every method is
 * async, so a networked backend can implement it as well as a local one.
 *
 * Guarantees every implementation gives (checked by `test/broker-contract.ts`):
 * - Delivery: once `subscribe()` resolves, the listener receives every event
 *   published afterwards on that topic by any node, including its own node, in the
 *   order the backend accepted them, until `unsubscribe()` resolves. Listeners are
 *   called asynchronously (never inside the `publish` call).
 * - Streams: `append` assigns an id strictly greater (by `compareStreamIds`) than
 *   every earlier id of that topic, on whichever node appends, stores it once
 *   (also when the backend is asked twice because a reply was lost), and publishes
 *   the entry to subscribers in id order. Delivery of entries is gap-free: a
 *   subscriber gets every entry appended after `subscribe()` resolved, once, in id
 *   order, whatever happens to the backend's connections. Entries the backend lost
 *   for good (a Redis restarted without them) are replaced by one `gap` event
 *   ({@link StreamGap}) before what comes next; never skipped silently.
 * - Presence: every change is published once as a `presence_diff` event to the
 *   topic's subscribers on all nodes.
 * - Resumption: a backend whose subscriptions can break (a networked one, when a
 *   connection drops) may lose plain messages and presence diffs published while a
 *   subscription was down (stream entries are still caught up, or a `gap` is
 *   delivered). Once the subscription is confirmed again, it delivers a `resumed`
 *   event ({@link SubscriptionResumed}), so a listener can read afresh what it
 *   keeps (`listPresence`). A backend that cannot lose events (the memory broker)
 *   never sends it.
 * - Liveness: when a node stops without `close()` (a crash), the other nodes remove
 *   its presence entries, publishing the leaves, within the implementation's
 *   documented bound (`livenessBoundMs` of the contract harness).
 * - Records (optional, `readRecords` + `swapRecord`): one value per key shared by
 *   all nodes, compare-and-swap atomic, gone after its expiry (checked by
 *   `test/features-records.test.ts`).
 *
 * @example
 * ```ts
 * const broker: Broker = new MemoryBroker()
 * const sub = await broker.subscribe('room:1', (event) => console.log(event))
 * await broker.publish('room:1', { event: 'new_msg', payload: { body: 'hi' }, from: null })
 * await sub.unsubscribe()
 * await broker.close()
 * ```
 */
export interface Broker {
  /** Unique among the nodes sharing one backend; owns this node's presence entries. */
  readonly nodeId: string

  /** Starts delivering the topic's events to `listener`; see delivery above. */
  subscribe(topic: string, listener: TopicListener): Promise<Subscription>
  /** Fans a message out to the topic's subscribers on every node, without an id. */
  publish(topic: string, message: OutgoingMessage): Promise<void>

  /** Stores a message in the topic's stream, trims it, and publishes it with its id. */
  append(topic: string, message: OutgoingMessage, retention: StreamRetention): Promise<StreamEntry>
  /** The retained entries after `sinceId` (exclusive), oldest first; see {@link SinceResult}. */
  readSince(topic: string, sinceId: string): Promise<SinceResult>
  /** A page of history going backwards; see {@link HistoryPage}. */
  readBefore(topic: string, beforeId: string | null, limit: number): Promise<HistoryPage>

  /** Adds one presence meta (one connection) under `key`; publishes the join. */
  track(topic: string, entry: PresenceEntry): Promise<void>
  /**
   * Replaces the meta tracked under `ref` by `next` (same key, new ref; the server
   * puts `phx_ref_prev` in `next.meta`, as Phoenix does) and publishes one diff with
   * the old meta in leaves and the new one in joins. Resolves `false` (publishing
   * nothing) when `ref` is not tracked on this topic.
   */
  updatePresence(topic: string, ref: string, next: PresenceEntry): Promise<boolean>
  /** Removes the meta tracked under `ref`; publishes the leave. Unknown refs are ignored. */
  untrack(topic: string, ref: string): Promise<void>
  /** Everyone present on the topic, across all live nodes. */
  listPresence(topic: string): Promise<PresenceState>

  /**
   * Optional: small shared records (strings by key, each with its own expiry) that
   * features keep beside streams, such as chat dedup claims, edited messages and
   * notification read marks. The values of `keys`, in order, `null` for a key
   * that is absent or expired. `MemoryBroker` and `RedisBroker` implement it.
   */
  readRecords?(keys: readonly string[]): Promise<(string | null)[]>
  /**
   * Optional, with `readRecords`: atomically, across nodes, if the record under
   * `key` holds `expected` (`null`: absent), replaces it by `value` (`null`:
   * deletes it) expiring `ttlMs` from now. Resolves to the value it found, so the
   * swap happened exactly when that equals `expected`.
   */
  swapRecord?(
    key: string,
    expected: string | null,
    value: string | null,
    ttlMs: number,
  ): Promise<string | null>

  /**
   * Leaves the cluster cleanly: untracks this node's presence (publishing the
   * leaves), drops its subscriptions, stops its timers. Idempotent.
   */
  close(): Promise<void>
}

/**
 * A message handed to a broker. `payload` must survive `JSON.stringify`.
 * `from` tags the sending connection so that node can skip it (`broadcastFrom`);
 * `null` when nobody is to be skipped.
 *
 * @example
 * ```ts
 * const message: OutgoingMessage = { event: 'new_msg', payload: { body: 'hi' }, from: 'conn-7' }
 * ```
 */
export interface OutgoingMessage {
  readonly event: string
  readonly payload: unknown
  readonly from: string | null
}

/**
 * A message as subscribers receive it. `id` is the stream id for messages appended
 * to a stream, `null` for plain publishes.
 *
 * @example
 * ```ts
 * const event: TopicMessage = { type: 'message', event: 'new_msg', payload: {}, from: null, id: '1700000000000-0' }
 * ```
 */
export interface TopicMessage extends OutgoingMessage {
  readonly type: 'message'
  readonly id: string | null
}

/**
 * A presence change, in the Phoenix `presence_diff` shape.
 *
 * @example
 * ```ts
 * const diff: PresenceDiff = { type: 'presence_diff', joins: { alice: { metas: [{ phx_ref: 'a1' }] } }, leaves: {} }
 * ```
 */
export interface PresenceDiff {
  readonly type: 'presence_diff'
  readonly joins: PresenceState
  readonly leaves: PresenceState
}

/**
 * Stream entries of the topic were lost by the backend before the next event (it
 * restarted without them, the stream was deleted, or trimmed before this node
 * could read it): members must be told that what they hold has a hole.
 *
 * @example
 * ```ts
 * const gap: StreamGap = { type: 'gap' }
 * ```
 */
export interface StreamGap {
  readonly type: 'gap'
}

/**
 * The subscription was down (the backend's connection dropped) and is confirmed
 * live again: events published meanwhile, other than stream entries, may be lost.
 * Every event published from now on is delivered; what a listener keeps from
 * earlier events (a presence view) must be read again.
 *
 * @example
 * ```ts
 * const listener: TopicListener = (e) => {
 *   if (e.type === 'resumed') void broker.listPresence('room:1').then(showPresence)
 * }
 * ```
 */
export interface SubscriptionResumed {
  readonly type: 'resumed'
}

/**
 * Whatever a topic subscriber can receive.
 *
 * @example
 * ```ts
 * const listener: TopicListener = (e: TopicEvent) => (e.type === 'message' ? onMessage(e) : onDiff(e))
 * ```
 */
export type TopicEvent = TopicMessage | PresenceDiff | StreamGap | SubscriptionResumed

/**
 * Receives a topic's events. It must not throw (the broker does not guard it).
 *
 * @example
 * ```ts
 * const listener: TopicListener = (event) => queue.push(event)
 * ```
 */
export type TopicListener = (event: TopicEvent) => void

/**
 * A live subscription.
 *
 * @example
 * ```ts
 * const sub: Subscription = await broker.subscribe('room:1', listener)
 * await sub.unsubscribe()
 * ```
 */
export interface Subscription {
  /** Stops delivery; idempotent. */
  unsubscribe(): Promise<void>
}

/**
 * How much history a stream keeps; at least one bound should be set. Entries are
 * trimmed when appending (a stream nobody appends to keeps what it has).
 * `maxAgeMs` compares against the millisecond part of the id.
 *
 * @example
 * ```ts
 * const retention: StreamRetention = { maxLength: 1000, maxAgeMs: 24 * 3600_000 }
 * ```
 */
export interface StreamRetention {
  readonly maxLength?: number
  readonly maxAgeMs?: number
}

/**
 * One stored stream message.
 *
 * @example
 * ```ts
 * const entry: StreamEntry = { id: '1700000000000-0', event: 'new_msg', payload: { body: 'hi' } }
 * ```
 */
export interface StreamEntry {
  readonly id: string
  readonly event: string
  readonly payload: unknown
}

/**
 * What `readSince` found. `complete` is true only when the backend knows that
 * `entries` are all the messages appended after `sinceId`: the stream exists and
 * nothing after `sinceId` was trimmed. It is false when history no longer reaches
 * that far back, or when the stream is unknown (lost, expired, never existed) —
 * a client only holds an id it saw on this stream. An id later than the newest
 * entry gives `{ entries: [], complete: true }` if the stream exists.
 *
 * @example
 * ```ts
 * const { entries, complete } = await broker.readSince('room:1', '1700000000000-0')
 * ```
 */
export interface SinceResult {
  readonly entries: readonly StreamEntry[]
  readonly complete: boolean
}

/**
 * Up to `limit` entries just before `beforeId` (or the newest ones when it is
 * `null`), oldest first; `more` says whether older retained entries exist. Paging:
 * pass the first entry's id as the next `beforeId`.
 *
 * @example
 * ```ts
 * let page = await broker.readBefore('room:1', null, 50)
 * while (page.more) page = await broker.readBefore('room:1', page.entries[0]!.id, 50)
 * ```
 */
export interface HistoryPage {
  readonly entries: readonly StreamEntry[]
  readonly more: boolean
}

/**
 * One presence meta: who (`key`), which connection (`ref`, unique, sent as
 * `phx_ref`), and what the application says about it (`meta`, JSON).
 *
 * @example
 * ```ts
 * const entry: PresenceEntry = { key: 'alice', ref: 'F3kq9aZ1', meta: { online_at: '1700000000' } }
 * ```
 */
export interface PresenceEntry {
  readonly key: string
  readonly ref: string
  readonly meta: Readonly<Record<string, unknown>>
}

// Presence shapes (`PresenceState`: per key, one meta per connection, each with its
// `phx_ref`) are the app protocol's, in `@wirestate/core/protocol`.
export type { PresenceMeta, PresenceState }
