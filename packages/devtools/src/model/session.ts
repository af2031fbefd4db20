import type { InspectEntry } from '@wirestate/core'
import { ChannelTable } from './channels.ts'
import { ConnectionHistory } from './connection-history.ts'
import { FramePairing } from './frame-pairing.ts'
import {
  type FrameRecord,
  isHeartbeatFrame,
  type TimelineRecord,
  toFrameRecord,
  toTimelineRecord,
} from './record.ts'
import { DEFAULT_SECRET_KEYS } from './redact.ts'
import { RingBuffer } from './ring-buffer.ts'

/**
 * How much a session keeps, and which keys count as secrets.
 *
 * @example
 * ```ts
 * const session = new Session({ capacity: 10_000, frameCapacity: 2_000 })
 * ```
 */
export interface SessionOptions {
  /** Commands and events kept for the timeline (default 5,000). */
  capacity?: number
  /** Raw frames kept (default 2,000). */
  frameCapacity?: number
  /** Keys whose values are redacted in views and exports (default {@link DEFAULT_SECRET_KEYS}). */
  secretKeys?: RegExp
}

/**
 * Everything the panel knows, folded from the inspect stream, with no DOM: bounded
 * buffers of timeline records and frames (frames linked push ↔ reply), channels with
 * presence, and the connection history. Views read it; a live client or an imported
 * file feeds it.
 *
 * Pausing stops adding rows to the timeline and frames; channels and the connection
 * history keep following, so they are right when recording resumes.
 *
 * @example
 * ```ts
 * const session = new Session()
 * const off = client.inspect((entry) => session.ingest(entry))
 * session.subscribe(() => requestRender())
 * ```
 */
export class Session {
  readonly timeline: RingBuffer<TimelineRecord>
  readonly frames: RingBuffer<FrameRecord>
  readonly channels: ChannelTable = new ChannelTable()
  readonly connection: ConnectionHistory = new ConnectionHistory()
  /** Topics and command/event types seen, for the filter menus. */
  readonly topics: Set<string> = new Set()
  readonly types: Set<string> = new Set()
  readonly secretKeys: RegExp
  paused = false
  /** Grows on every change; a view redraws when it differs from what it drew. */
  version = 0
  #pairing = new FramePairing()
  #seq = 0
  #listeners = new Set<() => void>()

  constructor(options: SessionOptions = {}) {
    this.timeline = new RingBuffer(options.capacity ?? 5_000)
    this.frames = new RingBuffer(options.frameCapacity ?? 2_000)
    this.secretKeys = options.secretKeys ?? DEFAULT_SECRET_KEYS
  }

  /** Takes one inspect entry. Cheap enough for tens of thousands a second: no DOM, no JSON. */
  ingest(entry: InspectEntry): void {
    this.channels.apply(entry)
    this.connection.apply(entry)
    const seq = ++this.#seq
    if (entry.kind === 'frame') {
      const record = toFrameRecord(entry, seq)
      const push = this.#pairing.add(record)
      if (push && record.pair && isHeartbeatFrame(record)) {
        this.connection.addFrameHeartbeat(record.time, record.pair.rttMs)
      }
      if (!this.paused) this.frames.push(record)
    } else if (!this.paused) {
      const record = toTimelineRecord(entry, seq)
      this.timeline.push(record)
      if (record.topic) this.topics.add(record.topic)
      this.types.add(record.type)
    }
    this.#changed()
  }

  /** The retained entries, timeline and frames merged back into their original order. */
  entries(): InspectEntry[] {
    const rows: { seq: number; entry: InspectEntry }[] = this.timeline.toArray()
    for (const f of this.frames.toArray()) {
      const { direction, size, time, frame } = f
      rows.push({ seq: f.seq, entry: { kind: 'frame', direction, size, time, frame } })
    }
    return rows.sort((a, b) => a.seq - b.seq).map((r) => r.entry)
  }

  /** The index in `frames` of the retained frame with this `seq`, or -1 (binary search). */
  frameIndex(seq: number): number {
    let low = 0
    let high = this.frames.size - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const found = (this.frames.at(mid) as FrameRecord).seq
      if (found === seq) return mid
      if (found < seq) low = mid + 1
      else high = mid - 1
    }
    return -1
  }

  /** The retained frame with this `seq` (a linked push or reply), if still kept. */
  findFrame(seq: number): FrameRecord | undefined {
    return this.frames.at(this.frameIndex(seq))
  }

  /** Empties the timeline and frames (channels and connection state stay: they are current). */
  clear(): void {
    this.timeline.clear()
    this.frames.clear()
    this.topics.clear()
    this.types.clear()
    this.#changed()
  }

  /** Calls `listener` after every change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #changed(): void {
    this.version++
    for (const listener of this.#listeners) listener()
  }
}
