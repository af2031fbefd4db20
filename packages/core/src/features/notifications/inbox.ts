import { orderStreamIds, parseStreamId } from '../stream.ts'
import type { ReadTracker } from './read-state.ts'

/**
 * One notification: whatever the application broadcast (`kind`, `from`, ... as sent),
 * its stream `id`, and whether it is `read`. Never changed in place: a change of `read`
 * makes a new object, an unchanged notification keeps its reference.
 *
 * @example
 * ```ts
 * const n: Notification = { id: '1795340290000-0', read: false, kind: 'mention', from: 'dave' }
 * ```
 */
export interface Notification {
  readonly id: string
  readonly read: boolean
  readonly [field: string]: unknown
}

interface Entry {
  readonly id: string
  readonly fields: Record<string, unknown>
  /** What a history page said (`read: true`); live ones say nothing. */
  readonly pageRead: boolean
}

/**
 * The notifications held, newest first, each id once, and how they are published: the
 * read flag comes from the read state at publish time.
 *
 * @example
 * ```ts
 * const inbox = new Inbox()
 * inbox.add(payload, false)
 * const items = inbox.publish(reads)
 * ```
 */
export class Inbox {
  #entries: Entry[] = []
  #byId = new Map<string, Entry>()
  #published = new Map<string, Notification>()

  get size(): number {
    return this.#entries.length
  }

  /** The ids held, newest first. */
  ids(): string[] {
    return this.#entries.map((e) => e.id)
  }

  /** Whether a history page said this one is read. */
  pageRead(id: string): boolean {
    return this.#byId.get(id)?.pageRead ?? false
  }

  /** Adds a notification from the wire unless its id is held or missing; says if it did. */
  add(payload: unknown, pageRead: boolean): boolean {
    const p = payload as Record<string, unknown> | null
    const id = p?.id
    if (!p || typeof id !== 'string' || !parseStreamId(id)) return false
    if (this.#byId.has(id)) return false
    const entries = this.#entries
    // Newest first; live ones land at the front, page ones (older) further back.
    let i = 0
    while (i < entries.length && orderStreamIds((entries[i] as Entry).id, id) > 0) i++
    const { read: _, ...fields } = p
    const entry = { id, fields, pageRead }
    entries.splice(i, 0, entry)
    this.#byId.set(id, entry)
    return true
  }

  /** Drops the oldest beyond `max`; returns how many. */
  trim(max: number): number {
    const excess = this.#entries.length - max
    if (excess <= 0) return 0
    for (const e of this.#entries.splice(max, excess)) this.#byId.delete(e.id)
    return excess
  }

  /** Keeps only the entries `keep` says yes to. */
  retain(keep: (id: string) => boolean): void {
    this.#entries = this.#entries.filter((e) => {
      if (keep(e.id)) return true
      this.#byId.delete(e.id)
      return false
    })
  }

  /** The notifications with their read flags, reusing the objects whose flag is unchanged. */
  publish(reads: ReadTracker): Notification[] {
    const published = new Map<string, Notification>()
    const items = this.#entries.map((e) => {
      const read = reads.readByServer(e.id) || reads.readHere(e.id, e.pageRead)
      const held = this.#published.get(e.id)
      const item = held?.read === read ? held : ({ ...e.fields, id: e.id, read } as Notification)
      published.set(e.id, item)
      return item
    })
    this.#published = published
    return items
  }
}
