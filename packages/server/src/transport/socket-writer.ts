import type { Duplex } from 'node:stream'
import type { OutboundFrame, SharedFrame, Transport } from '@wirestate/engine'
import { WebSocket } from 'ws'
import { messageBytes, webSocketFrame } from './websocket-frame.ts'

/**
 * What a {@link SocketWriter} needs from the process-wide `Outbound`: to be told when
 * the socket's turn is over (its corked writes go out then).
 *
 * @example
 * ```ts
 * const turn: WriteTurn = { began: (writer) => outbound.began(writer), wrote: (n) => outbound.wrote(n) }
 * ```
 */
export interface WriteTurn {
  /** Called before the first write of a turn: `writer.flush()` runs at the turn's end. */
  began(writer: SocketWriter): void
  /** Called for every write, with its size. */
  wrote(bytes: number): void
}

/**
 * The engine's transport for one client socket: writes its frames, closes it. With no
 * extension negotiated
 * (the server offers none, so always unless configured otherwise) a frame goes to
 * the raw TCP socket as the complete WebSocket frame, built once per broadcast and
 * shared by every socket; otherwise (permessage-deflate) the shared payload bytes go
 * through `ws.send`, which compresses per socket.
 *
 * Writing next to `ws` is safe because, without extensions, `ws`'s sender never queues:
 * its pongs and close frame are written whole and synchronously to the same socket, so
 * frames reach the stream in call order and never interleave; this writer sends
 * nothing once `ws` is no longer open (as `ws.send` would drop it), so no data follows
 * the close frame.
 *
 * @example
 * ```ts
 * const writer = new SocketWriter(ws, socket, outbound)
 * const connection = engine.accept(writer, user)
 * writer.send('[null,"1","phoenix","phx_reply",{"response":{},"status":"ok"}]')
 * writer.sendShared(shared) // a broadcast: its bytes are built by the first socket only
 * ```
 */
export class SocketWriter implements Transport {
  readonly ws: WebSocket
  readonly socket: Duplex
  /** The connection's id, for log lines. */
  connectionId = ''
  /** Written to in this turn (its first frame went out at once). */
  active = false
  /** Corked for the rest of this turn (a second frame came). */
  corked = false
  /** Outbound's bookkeeping: bytes waiting when it last measured. */
  measured = 0
  /** Bytes written in this turn, 0 once the turn is flushed. */
  turnBytes = 0
  #direct: boolean
  #turn: WriteTurn

  constructor(ws: WebSocket, socket: Duplex, turn: WriteTurn) {
    this.ws = ws
    this.socket = socket
    this.#turn = turn
    // `extensions` lists what was negotiated: '' for none.
    this.#direct = ws.extensions === ''
  }

  /** Bytes waiting to reach the network (this turn's, corked, included). */
  get waiting(): number {
    return this.ws.bufferedAmount
  }

  /**
   * The client's backlog, what the slow-consumer limit is about: bytes still waiting at
   * the end of an earlier turn. This turn's writes are not in it, since the
   * socket has not been offered them yet (a burst within one turn must not look like a
   * client that stopped reading).
   */
  get bufferedAmount(): number {
    // A turn's first frame is written at once: were some of it left over, it is
    // counted in `turnBytes` as well. It is left over whole when an earlier turn's
    // bytes still wait (so the difference is exactly those), or partly when nothing
    // waited before it (so the difference is ≤ 0, meaning no backlog).
    return Math.max(0, this.ws.bufferedAmount - this.turnBytes)
  }

  /** Sends a frame for this socket only. */
  send(frame: OutboundFrame): void {
    this.#put(this.#direct ? webSocketFrame(frame) : messageBytes(frame), frame)
  }

  /** Sends a frame other sockets get too: its bytes are built once for all of them. */
  sendShared(shared: SharedFrame): void {
    this.#put(shared.prepared(this.#direct ? webSocketFrame : messageBytes), shared.frame)
  }

  /** Closes with `code` (ws writes the close frame after this turn's frames). */
  close(code: number, reason?: string): void {
    this.ws.close(code, reason)
  }

  terminate(): void {
    this.ws.terminate()
  }

  // The first frame of a turn goes out at once (a quiet turn costs what `ws.send` does,
  // with no wait for the rest of the fan-out loop); later ones are corked until the
  // turn's end, so a busy turn makes at most two writes per socket.
  #put(bytes: Buffer, frame: OutboundFrame): void {
    if (this.ws.readyState !== WebSocket.OPEN) return
    if (!this.active) {
      this.active = true
      this.#turn.began(this)
    } else if (!this.corked) {
      this.corked = true
      this.socket.cork()
    }
    this.turnBytes += bytes.byteLength
    this.#turn.wrote(bytes.byteLength)
    if (this.#direct) this.socket.write(bytes)
    else this.ws.send(bytes, { binary: typeof frame !== 'string' })
  }

  /** The turn is over: what it corked goes out, as one `writev`. */
  flush(): void {
    this.active = false
    this.turnBytes = 0
    if (!this.corked) return
    this.corked = false
    this.socket.uncork()
  }
}
