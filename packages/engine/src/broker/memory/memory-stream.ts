import {
  compareStreamIds,
  formatStreamId,
  nextStreamId,
  type StreamIdParts,
} from '@wirestate/core/protocol'
import type { HistoryPage, SinceResult, StreamEntry, StreamRetention } from '../broker.ts'

/**
 * One topic's history in memory, with Redis stream semantics: ids `"<ms>-<seq>"`
 * that only go up, trimming by count (`MAXLEN`) and by age (`MINID`) on append.
 *
 * @example
 * ```ts
 * const stream = new MemoryStream()
 * const entry = stream.append('new_msg', { body: 'hi' }, { maxLength: 100 }, Date.now())
 * stream.since(entry.id) // { entries: [], complete: true }
 * ```
 */
export class MemoryStream {
  #entries: StreamEntry[] = []
  #last: StreamIdParts = { ms: 0, seq: -1 }
  #firstId: string | null = null
  // The newest id ever trimmed: replay from anything older is incomplete.
  #trimmedThrough: string | null = null

  /** Stores an entry under the next id, then trims by `retention`. */
  append(event: string, payload: unknown, retention: StreamRetention, now: number): StreamEntry {
    this.#last = nextStreamId(this.#last, now)
    const entry: StreamEntry = { id: formatStreamId(this.#last), event, payload }
    this.#entries.push(entry)
    this.#firstId ??= entry.id
    this.#trim(retention, now)
    return entry
  }

  /** The retained entries, oldest first. */
  get entries(): readonly StreamEntry[] {
    return this.#entries
  }

  /** The newest id given out, or `null` before the first append. */
  get lastId(): string | null {
    return this.#last.seq < 0 ? null : formatStreamId(this.#last)
  }

  /** Keeps only the newest `keep` entries, as a trim by count would (for tests). */
  keepNewest(keep: number): void {
    this.#drop(Math.max(0, this.#entries.length - Math.max(0, keep)))
  }

  /** Entries after `sinceId`; complete when nothing after it was trimmed. */
  since(sinceId: string): SinceResult {
    const low = this.#trimmedThrough ?? this.#firstId
    const complete = low !== null && compareStreamIds(sinceId, low) >= 0
    const start = this.#entries.findIndex((e) => compareStreamIds(e.id, sinceId) > 0)
    return { entries: start < 0 ? [] : this.#entries.slice(start), complete }
  }

  /** Up to `limit` entries before `beforeId` (newest when null), oldest first. */
  before(beforeId: string | null, limit: number): HistoryPage {
    let end = this.#entries.length
    if (beforeId !== null) {
      end = this.#entries.findIndex((e) => compareStreamIds(e.id, beforeId) >= 0)
      if (end < 0) end = this.#entries.length
    }
    const start = Math.max(0, end - Math.max(0, limit))
    return { entries: this.#entries.slice(start, end), more: start > 0 }
  }

  #trim(retention: StreamRetention, now: number): void {
    let drop = 0
    const { maxLength, maxAgeMs } = retention
    if (maxLength !== undefined) drop = Math.max(0, this.#entries.length - maxLength)
    if (maxAgeMs !== undefined) {
      const oldest = now - maxAgeMs
      while (drop < this.#entries.length && this.#msOf(drop) < oldest) drop++
    }
    this.#drop(drop)
  }

  #drop(count: number): void {
    if (count === 0) return
    this.#trimmedThrough = this.#entries[count - 1]?.id ?? this.#trimmedThrough
    this.#entries = this.#entries.slice(count)
  }

  #msOf(index: number): number {
    const id = this.#entries[index]?.id ?? '0-0'
    return Number(id.slice(0, id.indexOf('-')))
  }
}
