import {
  compareStreamIds,
  nextStreamId,
  parseStreamId,
  type StreamIdParts,
} from '@wirestate/core/protocol'

/**
 * One stored stream message: what `append` was given, under its id.
 *
 * @example
 * ```ts
 * const entry: StreamEntry = { id: '1700000000000-0', event: 'new_msg', payload: { body: 'hi' } }
 * ```
 */
export interface StreamEntry {
  id: string
  event: string
  payload: Record<string, unknown>
}

/**
 * What a join with `since` gets: the entries after it, and whether history still
 * reaches back that far (the join reply's `recovered`).
 *
 * @example
 * ```ts
 * const { entries, recovered } = stream.since('1700000000000-0')
 * ```
 */
export interface Replay {
  entries: StreamEntry[]
  recovered: boolean
}

/**
 * One stream topic of the mock server: ordered ids, a history that tests can trim, and
 * the replay a rejoin with `since` gets. Get it with `server.stream(topic)`.
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
  #entries: StreamEntry[] = []
  #last: StreamIdParts = { ms: 0, seq: -1 }
  #lastId: string | null = null
  #firstId: string | null = null
  // The newest id ever trimmed: a replay from anything older is incomplete.
  #trimmedThrough: string | null = null
  #publish: (entry: StreamEntry) => void

  constructor(topic: string, publish: (entry: StreamEntry) => void) {
    this.topic = topic
    this.#publish = publish
  }

  /** The stored entries, oldest first. */
  get entries(): readonly StreamEntry[] {
    return this.#entries
  }

  /** The newest id given out, or `null` before the first append. */
  get lastId(): string | null {
    return this.#lastId
  }

  /**
   * Stores a message under the next id (`"<Date.now()>-<seq>"`) and sends it to every
   * member with the id added to its payload; returns the id. Payloads must be objects,
   * as on `@wirestate/server`'s stream topics.
   */
  append(event: string, payload: Record<string, unknown> = {}): string {
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new TypeError(`stream payloads must be JSON objects (the id is added to them)`)
    }
    this.#last = nextStreamId(this.#last, Date.now())
    const entry: StreamEntry = { id: format(this.#last), event, payload }
    this.#entries.push(entry)
    this.#lastId = entry.id
    this.#firstId ??= entry.id
    this.#publish(entry)
    return entry.id
  }

  /** Keeps only the newest `keep` entries, as a bounded history would. */
  trim(keep: number): void {
    const drop = Math.max(0, this.#entries.length - Math.max(0, keep))
    if (drop === 0) return
    this.#trimmedThrough = this.#entries[drop - 1]?.id ?? this.#trimmedThrough
    this.#entries = this.#entries.slice(drop)
  }

  /**
   * What a join with `since` replays. Not recovered when `since` is not an id, when
   * the stream never stored anything, or when entries after `since` were trimmed.
   */
  since(since: unknown): Replay {
    if (!parseStreamId(since)) return { entries: [], recovered: false }
    const id = since as string
    const low = this.#trimmedThrough ?? this.#firstId
    const recovered = low !== null && compareStreamIds(id, low) >= 0
    return { entries: this.#entries.filter((e) => compareStreamIds(e.id, id) > 0), recovered }
  }
}

function format(id: StreamIdParts): string {
  return `${id.ms}-${id.seq}`
}
