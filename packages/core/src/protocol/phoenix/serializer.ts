import type { DecodeResult, Frame, Message } from '../message.ts'
import { WIRE } from './wire.ts'

// Binary frame kinds of the v2 serializer (phoenix.js serializer.js).
const KIND_PUSH = 0
const KIND_REPLY = 1
const KIND_BROADCAST = 2
const textEncoder = new TextEncoder()
const textDecoder = new TextDecoder()

/**
 * Encodes a message as a Phoenix v2 frame: a JSON array
 * `[join_ref, ref, topic, event, payload]`, or the binary layout when the payload
 * is an `ArrayBuffer` (as phoenix.js does).
 *
 * @example
 * ```ts
 * encodeFrame({ joinRef: '1', ref: '1', topic: 'room:1', event: 'phx_join', payload: {} })
 * // '["1","1","room:1","phx_join",{}]'
 * ```
 */
export function encodeFrame(message: Message): Frame {
  const { joinRef, ref, topic, event, payload } = message
  if (payload instanceof ArrayBuffer)
    return encodeBinary(KIND_PUSH, message, message.event, payload)
  if (event === WIRE.reply && isBinaryReply(payload)) {
    return encodeBinary(KIND_REPLY, message, payload.status, payload.response)
  }
  return JSON.stringify([joinRef, ref, topic, event, payload])
}

function isBinaryReply(payload: unknown): payload is { status: string; response: ArrayBuffer } {
  const p = payload as { status?: unknown; response?: unknown } | null
  return typeof p?.status === 'string' && p.response instanceof ArrayBuffer
}

/**
 * Decodes a Phoenix v2 frame (JSON text or binary). Never throws: anything that is
 * not a well-formed v2 message comes back as `{ ok: false, reason }`.
 *
 * @example
 * ```ts
 * const r = decodeFrame('["1","1","room:1","phx_reply",{"status":"ok","response":{}}]')
 * r.ok && r.message.event // 'phx_reply'
 * ```
 */
export function decodeFrame(frame: Frame): DecodeResult {
  if (typeof frame !== 'string') return decodeBinary(frame)
  let parsed: unknown
  try {
    parsed = JSON.parse(frame)
  } catch {
    return { ok: false, reason: 'frame is not valid JSON' }
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) {
    return { ok: false, reason: 'frame is not a [join_ref, ref, topic, event, payload] array' }
  }
  const [joinRef, ref, topic, event, payload] = parsed as unknown[]
  if (!isRef(joinRef) || !isRef(ref))
    return { ok: false, reason: 'join_ref and ref must be strings or null' }
  if (typeof topic !== 'string' || typeof event !== 'string') {
    return { ok: false, reason: 'topic and event must be strings' }
  }
  return { ok: true, message: { joinRef, ref, topic, event, payload } }
}

function isRef(value: unknown): value is string | null {
  return value === null || typeof value === 'string'
}

// A message with neither join_ref nor ref is a broadcast; otherwise a push or reply.
function encodeBinary(
  kind: number,
  message: Message,
  fourth: string,
  data: ArrayBuffer,
): ArrayBuffer {
  const isBroadcast = kind === KIND_PUSH && message.joinRef === null && message.ref === null
  const fields = isBroadcast
    ? [message.topic, fourth]
    : [message.joinRef ?? '', message.ref ?? '', message.topic, fourth]
  const parts = fields.map((f) => textEncoder.encode(f))
  if (parts.some((p) => p.length > 255)) {
    throw new RangeError('binary frame fields must be at most 255 bytes each')
  }
  const header = Uint8Array.of(isBroadcast ? KIND_BROADCAST : kind, ...parts.map((p) => p.length))
  return concat([header, ...parts, new Uint8Array(data)])
}

// Layout (phoenix.js serializer.js): kind, then field sizes, then fields, then payload.
// push:      kind joinRefSize refSize topicSize eventSize | joinRef ref topic event | data
// reply:     kind joinRefSize refSize topicSize statusSize | joinRef ref topic status | data
// broadcast: kind topicSize eventSize | topic event | data
function decodeBinary(frame: ArrayBuffer): DecodeResult {
  const bytes = new Uint8Array(frame)
  const kind = bytes[0]
  const sizeCount = kind === KIND_BROADCAST ? 2 : 4
  if (kind === undefined || kind > KIND_BROADCAST || bytes.length < 1 + sizeCount) {
    return { ok: false, reason: 'binary frame has an unknown kind or a short header' }
  }
  const sizes = Array.from(bytes.subarray(1, 1 + sizeCount))
  let offset = 1 + sizeCount
  const fields: string[] = []
  for (const size of sizes) {
    if (offset + size > bytes.length) return { ok: false, reason: 'binary frame is truncated' }
    fields.push(textDecoder.decode(bytes.subarray(offset, offset + size)))
    offset += size
  }
  const data = frame.slice(offset)
  if (kind === KIND_BROADCAST) {
    const [topic = '', event = ''] = fields
    return { ok: true, message: { joinRef: null, ref: null, topic, event, payload: data } }
  }
  const [joinRef = '', ref = '', topic = '', fourth = ''] = fields
  if (kind === KIND_PUSH) {
    return {
      ok: true,
      message: { joinRef: joinRef || null, ref: null, topic, event: fourth, payload: data },
    }
  }
  const payload = { status: fourth, response: data }
  return {
    ok: true,
    message: { joinRef: joinRef || null, ref: ref || null, topic, event: WIRE.reply, payload },
  }
}

function concat(chunks: Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out.buffer
}
