const KIND_PUSH = 0
const encoder = new TextEncoder()

/**
 * Encodes a binary push from the server to one member. Server-to-client pushes
 * have no ref, so their header has three sizes (phoenix.js `decodePush`):
 * `0, joinRefSize, topicSize, eventSize, joinRef, topic, event, data`. The core
 * codec (0.1.0) writes the client-to-server layout (four sizes), which phoenix.js
 * would misread, hence this encoder.
 *
 * @example
 * ```ts
 * ws.send(encodeBinaryPush('1', 'room:1', 'chunk', new Uint8Array([1, 2]).buffer))
 * ```
 */
export function encodeBinaryPush(
  joinRef: string,
  topic: string,
  event: string,
  data: ArrayBuffer,
): Uint8Array {
  const fields = [joinRef, topic, event].map((f) => encoder.encode(f))
  if (fields.some((f) => f.length > 255)) {
    throw new RangeError('binary push fields (join_ref, topic, event) must be at most 255 bytes')
  }
  const header = Uint8Array.of(KIND_PUSH, ...fields.map((f) => f.length))
  const out = new Uint8Array(
    header.length + fields.reduce((n, f) => n + f.length, 0) + data.byteLength,
  )
  let offset = 0
  for (const part of [header, ...fields, new Uint8Array(data)]) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
