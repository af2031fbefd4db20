import type { OutboundFrame } from './outbound-frames.ts'

/**
 * One encoded message that several connections get (a broadcast): the fan-out hands
 * the same object to every member's transport. A transport that turns a frame into
 * something of its own (the bytes of a whole WebSocket frame, say) makes it once with
 * {@link SharedFrame.prepared} and every other connection reuses it, so the cost of a
 * broadcast does not grow with its encoding per member.
 *
 * It keeps one prepared form: transports of two kinds fanning out the same frame stay
 * correct, each just prepares it again when it finds the other's form.
 *
 * @example
 * ```ts
 * const transport: Transport = {
 *   send: (frame) => socket.send(frame),
 *   sendShared: (shared) => socket.send(shared.prepared(toBytes)), // toBytes runs once per broadcast
 *   close: (code, reason) => socket.close(code, reason),
 *   terminate: () => socket.close(),
 *   get bufferedAmount() { return socket.bufferedAmount },
 * }
 * ```
 */
export class SharedFrame {
  /** The message as the engine encoded it: text, or bytes. */
  readonly frame: OutboundFrame
  #preparedBy: ((frame: OutboundFrame) => unknown) | null = null
  #prepared: unknown

  constructor(frame: OutboundFrame) {
    this.frame = frame
  }

  /**
   * What `prepare` makes of the frame: made by the first call, returned as is by every
   * later call with the same `prepare` (pass the same function each time, not a new
   * arrow). What it returns is shared: do not change it.
   */
  prepared<T>(prepare: (frame: OutboundFrame) => T): T {
    if (this.#preparedBy !== prepare) {
      this.#prepared = prepare(this.frame)
      this.#preparedBy = prepare
    }
    return this.#prepared as T
  }
}
