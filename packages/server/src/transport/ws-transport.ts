import type { Connection, Engine, Logger } from '@wirestate/engine'
import type { RawData, WebSocket } from 'ws'

/**
 * Serves one `ws` socket with the engine: the socket becomes the connection's
 * transport, its frames go to `connection.receive` (binary ones as an `ArrayBuffer`
 * of exactly their bytes) and its close to `connection.closed`.
 *
 * @example
 * ```ts
 * wss.handleUpgrade(request, socket, head, (ws) => serveWebSocket(engine, ws, user))
 * ```
 */
export function serveWebSocket<User>(
  engine: Engine<User>,
  ws: WebSocket,
  user: User,
  logger: Logger = engine.logger,
): Connection<User> {
  const connection = engine.accept(
    {
      send: (frame) => ws.send(frame),
      close: (code, reason) => ws.close(code, reason),
      terminate: () => ws.terminate(),
      get bufferedAmount() {
        return ws.bufferedAmount
      },
    },
    user,
  )
  ws.on('message', (data, isBinary) =>
    connection.receive(isBinary ? toArrayBuffer(data) : rawText(data)),
  )
  ws.once('close', () => connection.closed())
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
