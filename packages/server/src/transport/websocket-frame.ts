import type { OutboundFrame } from '@wirestate/engine'

const FIN = 0x80
const OPCODE_TEXT = 0x01
const OPCODE_BINARY = 0x02

/**
 * The bytes of one whole WebSocket message as a server sends it (RFC 6455 §5.2): a
 * single unfragmented frame (FIN set), unmasked (only clients mask), no extension bits
 * (nothing like permessage-deflate negotiated), text for a string, binary for bytes,
 * the payload length in 7, 16 or 64 bits. The same bytes `ws` would write for
 * `ws.send(frame)`, made once, so one broadcast can be written to every socket as is.
 *
 * @example
 * ```ts
 * webSocketFrame('hi') // <Buffer 81 02 68 69>
 * ```
 */
export function webSocketFrame(frame: OutboundFrame): Buffer {
  const text = typeof frame === 'string'
  const payload = text ? null : asBuffer(frame)
  const length = payload ? payload.byteLength : Buffer.byteLength(frame as string)
  const header = length < 126 ? 2 : length < 0x10000 ? 4 : 10
  const bytes = Buffer.allocUnsafe(header + length)
  bytes[0] = FIN | (text ? OPCODE_TEXT : OPCODE_BINARY)
  if (header === 2) {
    bytes[1] = length
  } else if (header === 4) {
    bytes[1] = 126
    bytes.writeUInt16BE(length, 2)
  } else {
    bytes[1] = 127
    bytes.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2)
    bytes.writeUInt32BE(length >>> 0, 6)
  }
  if (payload) payload.copy(bytes, header)
  else bytes.write(frame as string, header, 'utf8')
  return bytes
}

/**
 * The payload bytes of a frame without any framing (text as UTF-8): what goes to
 * `ws.send` when `ws` must frame it itself (permessage-deflate negotiated), shared by
 * every socket of a broadcast instead of one UTF-8 copy each.
 *
 * @example
 * ```ts
 * ws.send(messageBytes(frame), { binary: typeof frame !== 'string' })
 * ```
 */
export function messageBytes(frame: OutboundFrame): Buffer {
  return typeof frame === 'string' ? Buffer.from(frame, 'utf8') : asBuffer(frame)
}

// A view of the same memory, not a copy.
function asBuffer(bytes: ArrayBuffer | Uint8Array): Buffer {
  return bytes instanceof ArrayBuffer
    ? Buffer.from(bytes)
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
