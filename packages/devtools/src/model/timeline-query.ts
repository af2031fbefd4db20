import type { TimelineRecord } from './record.ts'
import { redact } from './redact.ts'
import type { RingBuffer } from './ring-buffer.ts'

/**
 * What the timeline shows: one topic, one type and a text (case-insensitive, searched in
 * the redacted JSON of each entry). An empty string matches everything.
 *
 * @example
 * ```ts
 * const filter: TimelineFilter = { topic: 'room:1', type: '', text: 'hello' }
 * ```
 */
export interface TimelineFilter {
  topic: string
  type: string
  text: string
}

/**
 * Whether a record passes a filter. The search text is built on first use and kept on
 * the record, so typing into the search box does not stringify the whole buffer again.
 *
 * @example
 * ```ts
 * matchesFilter(record, { topic: '', type: 'MessageReceived', text: '' })
 * ```
 */
export function matchesFilter(record: TimelineRecord, filter: TimelineFilter): boolean {
  if (filter.topic && record.topic !== filter.topic) return false
  if (filter.type && record.type !== filter.type) return false
  if (!filter.text) return true
  record.search ??= JSON.stringify(redact(record.entry)).toLowerCase()
  return record.search.includes(filter.text.toLowerCase())
}

/**
 * The timeline's rows under a filter, kept up to date incrementally: each `refresh()`
 * looks only at records added since the last one and drops those the ring evicted, so
 * a filtered view costs O(new records) per frame, not O(buffer).
 *
 * @example
 * ```ts
 * const query = new TimelineQuery(session.timeline)
 * query.setFilter({ topic: 'room:1', type: '', text: '' })
 * query.refresh()
 * for (let i = 0; i < query.count; i++) draw(query.at(i))
 * ```
 */
export class TimelineQuery {
  #ring: RingBuffer<TimelineRecord>
  #filter: TimelineFilter = { topic: '', type: '', text: '' }
  #matches: TimelineRecord[] = []
  #head = 0
  #lastSeq = 0
  #dropped = 0

  constructor(ring: RingBuffer<TimelineRecord>) {
    this.#ring = ring
  }

  get filter(): TimelineFilter {
    return this.#filter
  }

  /** Whether any part of the filter is set. */
  get active(): boolean {
    const f = this.#filter
    return Boolean(f.topic || f.type || f.text)
  }

  /** Sets the filter; the matches are rebuilt on the next `refresh()`. */
  setFilter(filter: TimelineFilter): void {
    this.#filter = { ...filter }
    this.#matches = []
    this.#head = 0
    this.#lastSeq = 0
    this.#dropped = 0
  }

  /**
   * How many rows have left the top of the result since the filter was set (evicted
   * from the ring), so a list scrolled up can hold its place. Goes back when cleared.
   */
  get removed(): number {
    return this.active ? this.#dropped : this.#ring.total - this.#ring.size
  }

  /** Brings the matches up to date with the ring. */
  refresh(): void {
    if (!this.active) return
    const ring = this.#ring
    const oldest = ring.at(0)?.seq ?? Number.POSITIVE_INFINITY
    while (this.#head < this.#matches.length && (this.#matches[this.#head]?.seq ?? 0) < oldest) {
      this.#head++
      this.#dropped++
    }
    // Compact now and then so dropped matches do not pile up at the front.
    if (this.#head > 1_024 && this.#head > this.#matches.length / 2) {
      this.#matches = this.#matches.slice(this.#head)
      this.#head = 0
    }
    let start = ring.size
    while (start > 0 && (ring.at(start - 1)?.seq ?? 0) > this.#lastSeq) start--
    for (let i = start; i < ring.size; i++) {
      const record = ring.at(i) as TimelineRecord
      if (matchesFilter(record, this.#filter)) this.#matches.push(record)
    }
    this.#lastSeq = ring.last()?.seq ?? this.#lastSeq
  }

  /** How many rows pass the filter (all retained rows when no filter is set). */
  get count(): number {
    return this.active ? this.#matches.length - this.#head : this.#ring.size
  }

  /** The row at `index` among those that pass, oldest first. */
  at(index: number): TimelineRecord | undefined {
    if (!this.active) return this.#ring.at(index)
    if (index < 0 || index >= this.count) return undefined
    return this.#matches[this.#head + index]
  }
}
