import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocketServer } from 'ws'
import type { Handshake } from './handshake.ts'

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
}

/**
 * Answers an upgrade request with a plain HTTP error and closes the socket, as
 * Phoenix answers a refused connect (the browser then sees close code 1006).
 *
 * @example
 * ```ts
 * refuseUpgrade(socket, 403, 'forbidden')
 * ```
 */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) return void socket.destroy()
  const body = `${reason}\n`
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}

/**
 * Refuses an upgrade the way the verdict says: with HTTP (as Phoenix does), or, for a
 * client that asked for it, by accepting and closing at once with the verdict's close
 * code and reason, which a browser can read.
 *
 * @example
 * ```ts
 * if (!verdict.ok) return refuse(wss, request, socket, head, verdict)
 * ```
 */
export function refuse(
  wss: WebSocketServer,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  verdict: Extract<Handshake<unknown>, { ok: false }>,
): void {
  const { closeCode, status, reason } = verdict
  if (closeCode === undefined) refuseUpgrade(socket, status, reason)
  else wss.handleUpgrade(request, socket, head, (ws) => ws.close(closeCode, reason))
}
