import { CHAT_EVENTS, formatStreamId, parseStreamId } from '@wirestate/core/protocol'
import type { Broker } from '../../broker/broker.ts'
import { isPlainObject } from '../../stream/stream-payload.ts'
import type { SharedRecords } from '../shared-records.ts'

/**
 * Where a message stands after its edits and deletes: its author, how many
 * changes it had (`rev`), and the latest body or the fact that it is deleted.
 *
 * @example
 * ```ts
 * const edited: Revision = { user: 'alice', rev: 1, body: 'fixed', edited_at: 1700000000000 }
 * const deleted: Revision = { user: 'alice', rev: 2, deleted: true }
 * ```
 */
export interface Revision {
  readonly user: string
  readonly rev: number
  readonly body?: string
  readonly edited_at?: number
  readonly deleted?: true
}

/**
 * Why a change was refused: the `reason` of the error reply.
 *
 * @example
 * ```ts
 * const reason: ChangeRefusal = 'forbidden'
 * ```
 */
export type ChangeRefusal = 'not found' | 'forbidden' | 'conflict'

// A change retries its compare-and-swap this often when the message keeps
// changing under it (only the author's own concurrent changes can do that).
const MAX_ATTEMPTS = 5

/**
 * Edits and deletes of chat messages, kept as one shared record per changed
 * message (unchanged messages have none). The record is what history pages show
 * and what authorship checks read; every change swaps it atomically and gets the
 * next `rev`, so concurrent changes on different nodes are ordered.
 *
 * @example
 * ```ts
 * const revisions = new MessageRevisions(records, broker, 30 * 86_400_000)
 * const result = await revisions.change('room:1', '1700000000000-0', 'alice', 'fixed')
 * ```
 */
export class MessageRevisions {
  readonly #records: SharedRecords
  readonly #broker: Broker
  readonly #ttlMs: number

  constructor(records: SharedRecords, broker: Broker, ttlMs: number) {
    this.#records = records
    this.#broker = broker
    this.#ttlMs = ttlMs
  }

  /** The revisions of those `ids` that were ever changed. */
  async of(topic: string, ids: readonly string[]): Promise<Map<string, Revision>> {
    const raw = await this.#records.read(ids.map((id) => keyOf(topic, id)))
    const found = new Map<string, Revision>()
    ids.forEach((id, i) => {
      const value = raw[i]
      if (value) found.set(id, JSON.parse(value) as Revision)
    })
    return found
  }

  /** Edits (`body`) or deletes (`null`) a message of `user`; the new revision or why not. */
  async change(
    topic: string,
    id: string,
    user: string,
    body: string | null,
  ): Promise<Revision | ChangeRefusal> {
    const key = keyOf(topic, id)
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const raw = await this.#records.get(key)
      const current = raw ? (JSON.parse(raw) as Revision) : await this.#original(topic, id)
      if (!current || current.deleted) return 'not found'
      if (current.user !== user) return 'forbidden'
      const rev = current.rev + 1
      const next: Revision =
        body === null ? { user, rev, deleted: true } : { user, rev, body, edited_at: Date.now() }
      const found = await this.#records.swap(key, raw, JSON.stringify(next), this.#ttlMs)
      if (found === raw) return next
    }
    return 'conflict'
  }

  // The stored message itself, for its author: the entry just before the next id.
  async #original(topic: string, id: string): Promise<Revision | null> {
    const parts = parseStreamId(id)
    if (!parts) return null
    const after = formatStreamId({ ms: parts.ms, seq: parts.seq + 1 })
    const [entry] = (await this.#broker.readBefore(topic, after, 1)).entries
    if (entry?.id !== id || entry.event !== CHAT_EVENTS.send) return null
    const author = isPlainObject(entry.payload) ? entry.payload.user : undefined
    return typeof author === 'string' ? { user: author, rev: 0 } : null
  }
}

function keyOf(topic: string, id: string): string {
  return `revision:${topic}\n${id}`
}
