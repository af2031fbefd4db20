import type { SharedFrame } from '../wire/shared-frame.ts'

/**
 * One client socket as the engine sees it, whatever carries it (`ws` on Node, MSW's
 * `ws.link` in a test, a dev server's socket). The transport hands what the client
 * sends to `connection.receive(frame)` and says `connection.closed()` once the socket
 * is gone; the engine talks back through these four members, and `sendShared` if the
 * transport has it.
 *
 * @example
 * ```ts
 * const transport: Transport = {
 *   send: (frame) => ws.send(frame),
 *   close: (code, reason) => ws.close(code, reason),
 *   terminate: () => ws.terminate(),
 *   get bufferedAmount() { return ws.bufferedAmount },
 * }
 * const connection = engine.accept(transport, user)
 * ws.on('message', (data, isBinary) => connection.receive(isBinary ? toArrayBuffer(data) : String(data)))
 * ws.on('close', () => connection.closed())
 * ```
 */
export interface Transport {
  /** Sends one frame: text, or binary bytes. Called only while the socket is open. */
  send(frame: string | Uint8Array<ArrayBuffer> | ArrayBuffer): void
  /**
   * Optional. Sends a frame that other connections get too (a broadcast): the same
   * `SharedFrame` object goes to every member's transport, so a transport that encodes
   * frames itself does it once with `shared.prepared(encode)`. Same rules as `send`
   * (only while open, in order with `send`). Without it the engine calls
   * `send(shared.frame)`.
   */
  sendShared?(shared: SharedFrame): void
  /** Starts the close handshake with `code` (and `reason`); `closed()` follows. */
  close(code: number, reason?: string): void
  /** Cuts the socket at once, without a close handshake; `closed()` follows. */
  terminate(): void
  /** Bytes handed to `send` that have not reached the network yet. */
  readonly bufferedAmount: number
}
