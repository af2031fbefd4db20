import { type DecodeResult, decodeFrame } from '@wirestate/core/protocol'

/**
 * Decodes what a client sent: a text frame as v2 JSON, a binary frame as a v2
 * binary push from a client (with its ref, which the reply must carry). Never throws.
 *
 * @example
 * ```ts
 * const result = decodeInbound(Buffer.from('[null,"1","phoenix","heartbeat",{}]'), false)
 * ```
 */
export function decodeInbound(data: Buffer, isBinary: boolean): DecodeResult {
  if (!isBinary) return decodeFrame(data.toString('utf8'), 'client')
  // A Buffer may be a view into a larger pool: copy out exactly its bytes.
  const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
  return decodeFrame(buffer as ArrayBuffer, 'client')
}
