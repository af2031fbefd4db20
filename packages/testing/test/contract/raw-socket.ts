import { decodeFrame, encodeFrame, type Message } from '@wirestate/core/protocol'

/** A frame as the contract compares it: `[join_ref, ref, topic, event, payload]`. */
export type FrameTuple = [string | null, string | null, string, string, unknown]

/**
 * A bare client on the platform's `WebSocket` (msw intercepts it in the mock's suites;
 * in the server's it reaches the server): sends exactly what it is told and keeps
 * every frame it receives, decoded, in order.
 *
 * @example
 * ```ts
 * const socket = await RawSocket.open('ws://localhost/socket?vsn=2.0.0')
 * socket.send('1', '1', 'room:1', 'phx_join', {})
 * await socket.waitFor((f) => f[1] === '1')
 * ```
 */
export class RawSocket {
  readonly socket: WebSocket
  readonly received: FrameTuple[] = []
  readonly closed: Promise<CloseEvent>
  #waiters = new Set<() => void>()

  private constructor(socket: WebSocket) {
    this.socket = socket
    socket.binaryType = 'arraybuffer'
    socket.addEventListener('message', (event) => {
      const result = decodeFrame(event.data)
      if (result.ok) this.received.push(tuple(result.message))
      for (const wake of this.#waiters) wake()
    })
    this.closed = new Promise((resolve) => socket.addEventListener('close', resolve))
  }

  /** Opens a socket; resolves once it is open or closed (a refused one closes at once). */
  static async open(url: string): Promise<RawSocket> {
    const raw = new RawSocket(new WebSocket(url))
    await new Promise((resolve) => {
      raw.socket.addEventListener('open', resolve)
      raw.socket.addEventListener('close', resolve)
    })
    return raw
  }

  /** Sends one v2 frame (binary when the payload is an `ArrayBuffer`). */
  send(...frame: FrameTuple): void {
    const [joinRef, ref, topic, event, payload] = frame
    this.socket.send(encodeFrame({ joinRef, ref, topic, event, payload }))
  }

  /** Sends raw text or bytes, as they are. */
  sendRaw(data: string | ArrayBuffer): void {
    this.socket.send(data)
  }

  /** Resolves with the first frame received so far or later that `match` accepts. */
  waitFor(match: (frame: FrameTuple) => boolean, timeoutMs = 2_000): Promise<FrameTuple> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.find(match)
        if (!found) return
        this.#waiters.delete(check)
        clearTimeout(timer)
        resolve(found)
      }
      const timer = setTimeout(() => {
        this.#waiters.delete(check)
        reject(
          new Error(`no such frame within ${timeoutMs} ms; got ${JSON.stringify(this.received)}`),
        )
      }, timeoutMs)
      this.#waiters.add(check)
      check()
    })
  }

  /** The reply to `ref` on `topic`. */
  reply(topic: string, ref: string): Promise<FrameTuple> {
    return this.waitFor((f) => f[2] === topic && f[1] === ref && f[3] === 'phx_reply')
  }

  /** The `count`th frame (from 1) of `event` on `topic`. */
  nth(topic: string, event: string, count = 1): Promise<FrameTuple> {
    return this.waitFor(
      (f) =>
        f[2] === topic &&
        f[3] === event &&
        this.received.filter((g) => g[2] === topic && g[3] === event).indexOf(f) === count - 1,
    )
  }

  close(): void {
    this.socket.close()
  }
}

function tuple(message: Message): FrameTuple {
  return [message.joinRef, message.ref, message.topic, message.event, message.payload]
}
