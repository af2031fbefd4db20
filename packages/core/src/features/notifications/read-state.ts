import { orderStreamIds, parseStreamId } from '../stream.ts'

/**
 * A user's read state as the server keeps it (docs/protocol.md, "Notifications"): the
 * join reply, the `mark_read` / `mark_all_read` replies and `notifications_state` hold it.
 *
 * @example
 * ```ts
 * const state: NotificationState = { unread: 3, latest: '1795340299000-0', readThrough: '1795340280000-0', read: ['1795340290000-0'] }
 * ```
 */
export interface NotificationState {
  /** Unread notifications up to `latest`. */
  readonly unread: number
  /** The newest notification the state covers; `null`: none stored. */
  readonly latest: string | null
  /** Everything up to this id is read; `null`: nothing. */
  readonly readThrough: string | null
  /** Ids after `readThrough` read one by one. */
  readonly read: readonly string[]
}

/**
 * Reads a state from the wire (`unread`, `latest`, `read_through`, `read`); `undefined`
 * when the payload has none (a join reply without `state: true`).
 *
 * @example
 * ```ts
 * readState({ unread: 1, latest: '5-0', read_through: null, read: [] })?.readThrough // null
 * ```
 */
export function readState(payload: unknown): NotificationState | undefined {
  const p = payload as Record<string, unknown> | null
  if (typeof p?.unread !== 'number') return undefined
  const id = (value: unknown) => (parseStreamId(value) ? (value as string) : null)
  const read = Array.isArray(p.read) ? p.read.filter((r) => parseStreamId(r)) : []
  return { unread: p.unread, latest: id(p.latest), readThrough: id(p.read_through), read }
}

const atMost = (id: string, bound: string | null | undefined) =>
  bound != null && orderStreamIds(id, bound) <= 0

/**
 * The read state the user sees: the server's last word, notifications that came after
 * it, and marks on their way (optimistic until the server answers). Every state from the
 * server replaces the previous one; marks on their way stay applied until their reply.
 *
 * @example
 * ```ts
 * const reads = new ReadTracker()
 * reads.server({ unread: 2, latest: '9-0', readThrough: null, read: [] })
 * const done = reads.marking('9-0')
 * reads.unread(['9-0'], () => false) // 1
 * done()
 * ```
 */
export class ReadTracker {
  #state: NotificationState = { unread: 0, latest: null, readThrough: null, read: [] }
  #read = new Set<string>()
  // Notifications received after the state's `latest`: each is one more unread.
  #after = new Set<string>()
  #marks = new Map<string, number>()
  #throughs: string[] = []

  /** A state from the server replaces the one held. */
  server(state: NotificationState): void {
    this.#state = state
    this.#read = new Set(state.read)
    for (const id of this.#after) if (atMost(id, state.latest)) this.#after.delete(id)
  }

  /** A notification arrived on the channel; one after the state's `latest` is unread. */
  received(id: string): void {
    if (!atMost(id, this.#state.latest)) this.#after.add(id)
  }

  /** Marks one read until the returned function is called (its reply came). */
  marking(id: string): () => void {
    this.#marks.set(id, (this.#marks.get(id) ?? 0) + 1)
    return () => {
      const left = (this.#marks.get(id) ?? 1) - 1
      if (left) this.#marks.set(id, left)
      else this.#marks.delete(id)
    }
  }

  /** Marks everything up to `through` read until the returned function is called. */
  markingAll(through: string): () => void {
    this.#throughs.push(through)
    return () => {
      this.#throughs.splice(this.#throughs.indexOf(through), 1)
    }
  }

  /** The newest id known: the state's `latest`, or a notification after it. */
  newest(): string | null {
    let newest = this.#state.latest
    for (const id of this.#after) if (!atMost(id, newest)) newest = id
    return newest
  }

  /** Read by the server's state. */
  readByServer(id: string): boolean {
    return atMost(id, this.#state.readThrough) || this.#read.has(id)
  }

  /** Read here: a mark on its way, or what a history page said. */
  readHere(id: string, pageRead = false): boolean {
    return pageRead || this.#marks.has(id) || this.#throughs.some((t) => atMost(id, t))
  }

  /**
   * The unread count: the server's, less what it counts that is read here, plus the
   * unread ones after its `latest`. `known`: the ids held; `pageRead`: what their history
   * page said.
   */
  unread(known: Iterable<string>, pageRead: (id: string) => boolean): number {
    const { latest, unread } = this.#state
    const through = this.#throughs.reduce<string | null>((a, t) => (atMost(t, a) ? a : t), null)
    const readHere = (id: string) => this.readHere(id, pageRead(id))
    let base = unread
    if (latest !== null && atMost(latest, through)) base = 0
    else {
      const counted = new Set<string>()
      for (const ids of [known, this.#marks.keys()]) {
        for (const id of ids) {
          if (counted.has(id) || !atMost(id, latest)) continue
          counted.add(id)
          if (!this.readByServer(id) && readHere(id)) base--
        }
      }
    }
    let after = 0
    for (const id of this.#after) if (!this.readByServer(id) && !readHere(id)) after++
    return Math.max(0, base) + after
  }
}
