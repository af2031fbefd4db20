import { type DecodeResult, decodeFrame } from '@wirestate/core/protocol'

const KIND_PUSH = 0

/**
 * Decodes what a client sent: a text frame as v2 JSON, a binary frame as a v2
 * binary push. Never throws.
 *
 * The core codec (0.1.0) drops the `ref` of binary pushes (it reads the field but
 * returns `ref: null`), and a server must answer with that ref, so it is read back
 * from the header here. Layout (phoenix.js `binaryEncode`):
 * `0, joinRefSize, refSize, topicSize, eventSize, joinRef, ref, topic, event, data`.
 *
 * @example
 * ```ts
 * const result = decodeInbound(Buffer.from('[null,"1","phoenix","heartbeat",{}]'), false)
 * ```
 */
export function decodeInbound(data: Buffer, isBinary: boolean): DecodeResult {
  if (!isBinary) return decodeFrame(data.toString('utf8'))
  const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
  const result = decodeFrame(buffer as ArrayBuffer)
  if (!result.ok || data[0] !== KIND_PUSH) return result
  const joinRefSize = data[1] ?? 0
  const refSize = data[2] ?? 0
  const refStart = 5 + joinRefSize
  const ref = data.subarray(refStart, refStart + refSize).toString('utf8')
  return { ok: true, message: { ...result.message, ref: ref || null } }
}
