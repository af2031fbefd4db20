import { decodeFrame, type Frame, type Message, WIRE } from '@wirestate/core/protocol'
import type { Connection, Engine } from '@wirestate/engine'
import type { WebSocketHandlerConnection } from 'msw'
import type { ConnectionInfo } from './handler-context.ts'

/**
 * msw's handle to one intercepted client socket.
 *
 * @example
 * ```ts
 * link.addEventListener('connection', ({ client }: { client: MswClient }) => client.send('hi'))
 * ```
 */
export type MswClient = WebSocketHandlerConnection['client']

/**
 * One client socket on the mock: the engine's transport over msw's client, and the user
 * the engine sees (rules get its `info`). Every frame sent is recorded through `sent`.
 *
 * @example
 * ```ts
 * const socket = new MockSocket(1, client, (message) => record.sent.push({ connection: 1, message }))
 * socket.serve(engine)
 * ```
 */
export class MockSocket {
  readonly id: number
  readonly url: string
  readonly params: Record<string, string>
  status: ConnectionInfo['status'] = 'open'
  #client: MswClient
  #connection: Connection<MockSocket> | null = null
  #sent: (message: Message) => void
  #gone = false

  constructor(id: number, client: MswClient, sent: (message: Message) => void) {
    this.id = id
    this.#client = client
    this.#sent = sent
    this.url = client.url.href
    this.params = Object.fromEntries(client.url.searchParams)
  }

  /** A snapshot for tests and handlers. */
  get info(): ConnectionInfo {
    const { id, url, params, status } = this
    const topics = this.#connection?.topics ?? []
    return { id, url, params: { ...params }, status, topics }
  }

  /** The engine's id of this connection, once served. */
  get connectionId(): string | undefined {
    return this.#connection?.id
  }

  /** Hands the socket to the engine: frames in, frames out, and the close. */
  serve(engine: Engine<MockSocket>): void {
    const client = this.#client
    this.#connection = engine.accept(
      {
        send: (frame) => this.#send(frame),
        close: (code, reason) => this.close(code, reason),
        terminate: () => this.close(1006),
        bufferedAmount: 0,
      },
      this,
    )
    client.addEventListener('message', (event) => this.#receive(event.data))
    client.addEventListener('close', () => this.#ended())
  }

  /**
   * Refuses the connection. A client that asked for refusals as closes (`refusal=close`,
   * as the wirestate client does) gets `code` and `reason`, as `@wirestate/server` closes
   * them; any other sees 1006, as after the HTTP 403 Phoenix answers. With no `code` (the
   * network is down) every client sees 1006.
   */
  refuse(code?: number, reason = ''): void {
    this.status = 'refused'
    const asked = this.params[WIRE.refusalParam] === WIRE.refusalClose
    if (code !== undefined && asked) this.#client.close(code, reason)
    else this.#client.close(1006, '')
  }

  /** Closes the socket from the server side (1006 looks like a lost network). */
  close(code: number, reason = ''): void {
    if (this.status !== 'open') return
    this.#ended()
    this.#client.close(code, reason)
  }

  #send(frame: string | Uint8Array | ArrayBuffer): void {
    const data = frame instanceof Uint8Array ? copy(frame) : frame
    const decoded = decodeFrame(data, 'server')
    if (decoded.ok) this.#sent(decoded.message)
    this.#client.send(data)
  }

  #receive(data: unknown): void {
    if (typeof data === 'string' || data instanceof ArrayBuffer) this.#deliver(data)
    else if (ArrayBuffer.isView(data)) this.#deliver(copy(data))
    else if (data instanceof Blob) {
      // A Blob is read first, so its frame may be handled after frames that arrived
      // later; only binary pushes from a client with binaryType 'blob' can notice.
      void data.arrayBuffer().then((buffer) => this.#deliver(buffer))
    }
  }

  #deliver(frame: Frame): void {
    if (this.status === 'open') this.#connection?.receive(frame)
  }

  #ended(): void {
    if (this.status === 'open') this.status = 'closed'
    if (this.#gone) return
    this.#gone = true
    this.#connection?.closed()
  }
}

function copy(view: ArrayBufferView): ArrayBuffer {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice().buffer
}
