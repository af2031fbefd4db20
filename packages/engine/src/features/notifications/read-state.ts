import {
  compareStreamIds,
  NOTIFICATION_EVENTS,
  type NotificationStatePayload,
} from '@wirestate/core/protocol'
import type { Broker, StreamEntry } from '../../broker/broker.ts'
import type { SharedRecords } from '../shared-records.ts'

/**
 * A user's notification read state, as the join reply, `mark_read` /
 * `mark_all_read` replies and `notifications_state` carry it
 * (`NotificationStatePayload` of `@wirestate/core/protocol`, where the notifications'
 * wire names and payloads live).
 *
 * @example
 * ```ts
 * const state: NotificationState = { unread: 1, latest: '1700000000002-0', read_through: '1700000000000-0', read: ['1700000000001-0'] }
 * ```
 */
export type NotificationState = NotificationStatePayload

interface Snapshot {
  readonly through: string | null
  /** Notification ids after `through`, ascending. */
  readonly ids: readonly string[]
  /** The suffix of `ids` that counts: not older than marks live. */
  readonly current: ReadonlySet<string>
  readonly marked: Set<string>
}

const MAX_ATTEMPTS = 5

/**
 * Read state kept in the broker's shared records, per notifications topic: a
 * `through` id (everything up to it is read) that only moves forward, and one mark
 * per notification read on its own. Marks live `ttlMs` (the topic's retention);
 * a notification older than that counts as read, as it is due for trimming.
 *
 * @example
 * ```ts
 * const reads = new ReadState(records, broker, 30 * 86_400_000)
 * const state = await reads.markRead('user:bob:notifications', '1700000000001-0')
 * ```
 */
export class ReadState {
  readonly #records: SharedRecords
  readonly #broker: Broker
  readonly #ttlMs: number

  constructor(records: SharedRecords, broker: Broker, ttlMs: number) {
    this.#records = records
    this.#broker = broker
    this.#ttlMs = ttlMs
  }

  /** The current state. */
  async state(topic: string): Promise<NotificationState> {
    return stateOf(await this.#snapshot(topic))
  }

  /** Marks one notification read (a stored, unread one; anything else changes nothing). */
  async markRead(topic: string, id: string): Promise<NotificationState> {
    const snapshot = await this.#snapshot(topic)
    if (snapshot.current.has(id) && !snapshot.marked.has(id)) {
      await this.#records.swap(markKey(topic, id), null, '1', this.#ttlMs)
      snapshot.marked.add(id)
    }
    return stateOf(snapshot)
  }

  /** Marks everything up to `through` (`null`: all stored now) read. */
  async markAllRead(topic: string, through: string | null): Promise<NotificationState> {
    const snapshot = await this.#snapshot(topic)
    const upTo = through ?? snapshot.ids.at(-1) ?? null
    const target = snapshot.ids.filter((id) => upTo && compareStreamIds(id, upTo) <= 0).at(-1)
    if (target === undefined) return stateOf(snapshot)
    await this.#advance(topic, snapshot.through, target)
    return this.state(topic)
  }

  /** Whether each of `entries` is read, for history pages. */
  async readFlags(topic: string, entries: readonly StreamEntry[]): Promise<boolean[]> {
    const through = await this.#records.get(throughKey(topic))
    const oldest = Date.now() - this.#ttlMs
    const marks = await this.#records.read(entries.map((e) => markKey(topic, e.id)))
    return entries.map(
      (e, i) =>
        (through !== null && compareStreamIds(e.id, through) <= 0) ||
        marks[i] !== null ||
        msOf(e.id) < oldest,
    )
  }

  async #snapshot(topic: string): Promise<Snapshot> {
    const through = await this.#records.get(throughKey(topic))
    const { entries } = await this.#broker.readSince(topic, through ?? '0-0')
    const ids = entries.filter((e) => e.event === NOTIFICATION_EVENTS.notification).map((e) => e.id)
    const oldest = Date.now() - this.#ttlMs
    const current = ids.filter((id) => msOf(id) >= oldest)
    const marks = await this.#records.read(current.map((id) => markKey(topic, id)))
    const marked = new Set(current.filter((_, i) => marks[i] !== null))
    return { through, ids, current: new Set(current), marked }
  }

  // Compare-and-swap forward: a concurrent mark_all_read further on wins.
  async #advance(topic: string, seen: string | null, target: string): Promise<void> {
    let expected = seen
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (expected !== null && compareStreamIds(expected, target) >= 0) return
      const found = await this.#records.swap(throughKey(topic), expected, target, this.#ttlMs)
      if (found === expected) return
      expected = found
    }
  }
}

// Notifications too old to hold marks are reported as read by moving read_through
// past them, so a client needs no clock to agree with the server.
function stateOf({ through, ids, current, marked }: Snapshot): NotificationState {
  const read = ids.filter((id) => marked.has(id))
  const expired = ids[ids.length - current.size - 1]
  return {
    unread: current.size - read.length,
    latest: ids.at(-1) ?? through,
    read_through: expired ?? through,
    read,
  }
}

function throughKey(topic: string): string {
  return `through:${topic}`
}

function markKey(topic: string, id: string): string {
  return `read:${topic}\n${id}`
}

function msOf(id: string): number {
  return Number(id.slice(0, id.indexOf('-')))
}
