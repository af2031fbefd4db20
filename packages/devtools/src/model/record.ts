import type { Command, ConnectionEvent, Frame, InspectEntry } from '@wirestate/core'
import { decodeFrame, WIRE } from '@wirestate/core/protocol'

/**
 * How a timeline row is coloured: what the user sends, what the server says, the
 * life of channels and of the socket, and things that went wrong.
 *
 * @example
 * ```ts
 * toneOf({ kind: 'event', event: { type: 'PushTimedOut', time: 0, topic: 'a', pushId: 1 } }) // 'problem'
 * ```
 */
export type Tone = 'command' | 'message' | 'channel' | 'connection' | 'problem'

/**
 * A command or an event as the timeline keeps it: the entry plus what the list shows
 * and filters on, computed once.
 *
 * @example
 * ```ts
 * const row = toTimelineRecord({ kind: 'command', command }, 1)
 * row.type // 'PushMessage'
 * ```
 */
export interface TimelineRecord {
  seq: number
  time: number
  kind: 'command' | 'event'
  type: string
  /** The channel topic, or '' for socket-wide entries. */
  topic: string
  tone: Tone
  entry: Extract<InspectEntry, { kind: 'command' | 'event' }>
  /** Lower-case JSON of the entry, built on the first text search and kept. */
  search?: string
}

/**
 * A raw frame as the frames view keeps it: the frame text, its protocol fields (when it
 * decodes), and, once its reply (or push) is seen, the frame at the other end.
 *
 * @example
 * ```ts
 * const row = toFrameRecord({ kind: 'frame', direction: 'out', size: 30, time: 5, frame }, 2)
 * row.ref // '7'
 * ```
 */
export interface FrameRecord {
  seq: number
  time: number
  direction: 'in' | 'out'
  size: number
  frame: Frame
  topic: string
  event: string
  ref: string | null
  joinRef: string | null
  /** The linked push or reply and the round trip between them. */
  pair?: { seq: number; rttMs: number }
}

const PROBLEMS = new Set([
  'SocketClosed',
  'HeartbeatMissed',
  'ChannelJoinRejected',
  'ChannelErrored',
  'PushTimedOut',
  'PushCancelled',
  'RateLimited',
  'BufferOverflowed',
  'FrameRejected',
])
const MESSAGES = new Set(['PushMessage', 'MessageReceived', 'ReplyReceived'])

/**
 * The colour group of a command or event.
 *
 * @example
 * ```ts
 * toneOf({ kind: 'event', event: { type: 'SocketOpened', time: 0 } }) // 'connection'
 * ```
 */
export function toneOf(entry: TimelineRecord['entry']): Tone {
  const item: Command | ConnectionEvent = entry.kind === 'command' ? entry.command : entry.event
  if (entry.kind === 'event' && PROBLEMS.has(item.type)) return 'problem'
  if (MESSAGES.has(item.type)) return entry.kind === 'command' ? 'command' : 'message'
  if ('topic' in item && item.topic !== undefined) return 'channel'
  return entry.kind === 'command' ? 'command' : 'connection'
}

/**
 * Builds the timeline record of a command or event.
 *
 * @example
 * ```ts
 * toTimelineRecord({ kind: 'event', event: { type: 'ChannelJoined', time: 1, topic: 'room:1', response: {} } }, 9).topic // 'room:1'
 * ```
 */
export function toTimelineRecord(entry: TimelineRecord['entry'], seq: number): TimelineRecord {
  const item: Command | ConnectionEvent = entry.kind === 'command' ? entry.command : entry.event
  const topic = 'topic' in item && typeof item.topic === 'string' ? item.topic : ''
  return {
    seq,
    time: item.time,
    kind: entry.kind,
    type: item.type,
    topic,
    tone: toneOf(entry),
    entry,
  }
}

/**
 * Builds the frame record of a raw frame, decoding its protocol fields (Phoenix v2, text
 * or binary). A frame that does not decode (another protocol, a broken peer) is kept
 * with empty fields.
 *
 * @example
 * ```ts
 * toFrameRecord({ kind: 'frame', direction: 'in', size: 2, time: 0, frame: '[]' }, 1).event // ''
 * ```
 */
export function toFrameRecord(
  entry: Extract<InspectEntry, { kind: 'frame' }>,
  seq: number,
): FrameRecord {
  const { direction, size, time, frame } = entry
  const record: FrameRecord = {
    seq,
    time,
    direction,
    size,
    frame,
    topic: '',
    event: '',
    ref: null,
    joinRef: null,
  }
  // A binary push is laid out differently by each side: decode it as its sender wrote it.
  const decoded = decodeFrame(frame, direction === 'out' ? 'client' : 'server')
  if (!decoded.ok) return record
  const { topic, event, ref, joinRef } = decoded.message
  return Object.assign(record, { topic, event, ref, joinRef })
}

/**
 * Whether a frame is a heartbeat or its reply (Phoenix topic `phoenix`).
 *
 * @example
 * ```ts
 * if (isHeartbeatFrame(row)) chart.add(row.pair?.rttMs)
 * ```
 */
export function isHeartbeatFrame(record: FrameRecord): boolean {
  return record.topic === WIRE.heartbeatTopic
}

/**
 * Whether a frame is a reply (Phoenix `phx_reply`), which carries the ref of its push.
 *
 * @example
 * ```ts
 * isReplyFrame(row) && pairing.link(row)
 * ```
 */
export function isReplyFrame(record: FrameRecord): boolean {
  return record.event === WIRE.reply
}
