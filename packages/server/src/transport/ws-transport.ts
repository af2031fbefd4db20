import type { Duplex } from 'node:stream'
import type { Connection, Engine } from '@wirestate/engine'
import type { RawData, WebSocket } from 'ws'
import type { Outbound } from './outbound.ts'
import { SocketWriter } from './socket-writer.ts'

/**
 * Serves one `ws` socket with the engine: the socket becomes the connection's
 * transport, its frames go to `connection.receive` (binary ones as an `ArrayBuffer`
 * of exactly their bytes) and its close to `connection.closed`. What the engine sends
 * is written by a {@link SocketWriter} to `socket` (the raw socket the upgrade was
 * made on), once per event-loop turn, under `outbound`'s bound.
 *
 * @example
 * ```ts
 * wss.handleUpgrade(request, socket, head, (ws) => serveWebSocket(engine, ws, socket, user, outbound))
 * ```
 */
export function serveWebSocket<User>(
  engine: Engine<User>,
  ws: WebSocket,
  socket: Duplex,
  user: User,
  outbound: Outbound,
): Connection<User> {
  // No parameter defaults here: with them V8 keeps the parameters in a context of their
  // own, and the listeners below would hold two contexts per socket instead of one.
  const { logger } = engine
  const writer = new SocketWriter(ws, socket, outbound)
  const connection = engine.accept(writer, user)
  writer.connectionId = connection.id
  ws.on('message', (data, isBinary) => {
    connection.receive(isBinary ? toArrayBuffer(data) : rawText(data))
    if (outbound.paused) outbound.holdReads(ws)
  })
  ws.on('close', () => {
    outbound.forget(writer)
    connection.closed()
  })
  ws.on('error', (error) =>
    logger.warn('socket error', { conn: connection.id, error: error.message }),
  )
  return connection
}

/**
 * The bytes of a binary `ws` message as an `ArrayBuffer` of exactly their length: a
 * Buffer may be a view into a larger pool, and a fragmented message is a list.
 *
 * @example
 * ```ts
 * toArrayBuffer(Buffer.from([1, 2, 3])).byteLength // 3
 * ```
 */
export function toArrayBuffer(data: RawData): ArrayBuffer {
  const buffer = toBuffer(data)
  return buffer.buffer.slice(
    buffer.byteOffset,
    buffer.byteOffset + buffer.byteLength,
  ) as ArrayBuffer
}

function rawText(data: RawData): string {
  return toBuffer(data).toString('utf8')
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)
}
