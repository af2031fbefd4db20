import type { DecodeResult, Frame, Message } from '../message.ts'
import { REPLY } from './wire.ts'

// Binary frame kinds of the v2 serializer (phoenix.js serializer.js).
const KIND_PUSH = 0
const KIND_REPLY = 1
const KIND_BROADCAST = 2
const textEncoder = new TextEncoder()
const textDecoder = new TextDecoder()

/**
 * Who sent a frame. The binary layout of a push depends on it: a client's push carries
 * a ref (four field sizes), a server's push does not (three), as in phoenix.js.
 *
 * @example
 * ```ts
 * decodeFrame(bytes, 'client') // on the server
 * ```
 */
export type Sender = 'client' | 'server'

/**
 * Encodes a message as a Phoenix v2 frame: a JSON array
 * `[join_ref, ref, topic, event, payload]`, or the binary layout when the payload
 * (or a reply's response) is an `ArrayBuffer`. `sender` is who sends it (default
 * `client`); it only matters for binary pushes.
 *
 * @example
 * ```ts
 * encodeFrame({ joinRef: '1', ref: '1', topic: 'room:1', event: 'phx_join', payload: {} })
 * // '["1","1","room:1","phx_join",{}]'
 * ```
 */
export function encodeFrame(message: Message, sender: Sender = 'client'): Frame {
  const { joinRef, ref, topic, event, payload } = message
  if (event === REPLY && isBinaryReply(payload)) {
    return encodeBinary(KIND_REPLY, [joinRef, ref, topic, payload.status], payload.response)
  }
  return encodeRequest(message, sender)
}

/**
 * `encodeFrame` for anything but a reply: a join, leave, heartbeat, push or broadcast.
 * A client sends no replies, so its adapter encodes with this one and a client bundle
 * leaves the binary reply layout out.
 *
 * @example
 * ```ts
 * encodeRequest({ joinRef: '1', ref: '2', topic: 'room:1', event: 'new_msg', payload: bytes })
 * ```
 */
export function encodeRequest(message: Message, sender: Sender = 'client'): Frame {
  const { joinRef, ref, topic, event, payload } = message
  if (payload instanceof ArrayBuffer) {
    if (joinRef === null && ref === null)
      return encodeBinary(KIND_BROADCAST, [topic, event], payload)
    const fields = sender === 'client' ? [joinRef, ref, topic, event] : [joinRef, topic, event]
    return encodeBinary(KIND_PUSH, fields, payload)
  }
  return JSON.stringify([joinRef, ref, topic, event, payload])
}

function isBinaryReply(payload: unknown): payload is { status: string; response: ArrayBuffer } {
  const p = payload as { status?: unknown; response?: unknown } | null
  return typeof p?.status === 'string' && p.response instanceof ArrayBuffer
}

/**
 * Decodes a Phoenix v2 frame (JSON text or binary) sent by `sender` (default `server`:
 * what a client receives). Never throws: anything that is not a well-formed v2 message
 * comes back as `{ ok: false, reason }`.
 *
 * @example
 * ```ts
 * const r = decodeFrame('["1","1","room:1","phx_reply",{"status":"ok","response":{}}]')
 * r.ok && r.message.event // 'phx_reply'
 * ```
 */
export function decodeFrame(frame: Frame, sender: Sender = 'server'): DecodeResult {
  const fields = parseFrame(frame, sender)
  if (typeof fields === 'string') return { ok: false, reason: fields }
  const [joinRef, ref, topic, event, payload] = fields
  return { ok: true, message: { joinRef, ref, topic, event, payload } }
}

/**
 * Parses a v2 frame, text or binary, into its five fields (a binary reply's payload is
 * `{ status, response }`, as in a text one), or says why it is not one. Never throws.
 *
 * @example
 * ```ts
 * const fields = parseFrame(frame)
 * if (typeof fields === 'string') reject(fields)
 * ```
 */
export function parseFrame(frame: Frame, sender: Sender = 'server'): TextFields | string {
  return typeof frame === 'string' ? parseText(frame) : parseBinary(frame, sender)
}

/** The fields of a v2 frame, in wire order. */
export type TextFields = [string | null, string | null, string, string, unknown]

/**
 * Parses a v2 text frame into its five fields, or says why it is not one. The array
 * `JSON.parse` made is returned as is: decoding allocates nothing more on the hot path.
 *
 * @example
 * ```ts
 * const fields = parseText('[null,null,"room:1","ping",{}]') // [null, null, 'room:1', 'ping', {}]
 * ```
 */
export function parseText(frame: string): TextFields | string {
  let a: unknown
  try {
    a = JSON.parse(frame)
  } catch {
    return 'not JSON'
  }
  if (!Array.isArray(a) || a.length !== 5) {
    return 'not a v2 array'
  }
  if (!isRef(a[0]) || !isRef(a[1])) return 'bad join_ref or ref'
  if (typeof a[2] !== 'string' || typeof a[3] !== 'string') return 'bad topic or event'
  return a as TextFields
}

function isRef(value: unknown): value is string | null {
  return value === null || typeof value === 'string'
}

function encodeBinary(kind: number, fields: Array<string | null>, data: ArrayBuffer): ArrayBuffer {
  const parts = fields.map((f) => textEncoder.encode(f ?? ''))
  if (parts.some((p) => p.length > 255)) {
    throw new RangeError('binary field over 255 bytes')
  }
  const header = Uint8Array.of(kind, ...parts.map((p) => p.length))
  return concat([header, ...parts, new Uint8Array(data)])
}

// Layout (phoenix.js serializer.js): kind, then field sizes, then fields, then data.
//   push from a client: joinRef ref topic event | push from a server: joinRef topic event
//   reply: joinRef ref topic status            | broadcast: topic event
function parseBinary(frame: ArrayBuffer, sender: Sender): TextFields | string {
  const bytes = new Uint8Array(frame)
  const kind = bytes[0]
  const count = kind === KIND_BROADCAST ? 2 : kind === KIND_PUSH && sender === 'server' ? 3 : 4
  if (kind === undefined || kind > KIND_BROADCAST || bytes.length < 1 + count) {
    return 'bad binary header'
  }
  let offset = 1 + count
  const fields: string[] = []
  for (const size of bytes.subarray(1, 1 + count)) {
    if (offset + size > bytes.length) return 'truncated binary'
    fields.push(textDecoder.decode(bytes.subarray(offset, offset + size)))
    offset += size
  }
  const data = frame.slice(offset)
  // The loop read `count` fields: every one below is there.
  if (kind === KIND_BROADCAST) return [null, null, fields[0] as string, fields[1] as string, data]
  if (count === 3) fields.splice(1, 0, '')
  const [joinRef, ref, topic, fourth] = fields as [string, string, string, string]
  return kind === KIND_PUSH
    ? [joinRef || null, ref || null, topic, fourth, data]
    : [joinRef || null, ref || null, topic, REPLY, { status: fourth, response: data }]
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
