import type { WebSocketConstructor } from '../src/options.ts'
import type { Frame } from '../src/protocol/message.ts'

/**
 * A WebSocket stand-in for tests: no network, everything synchronous. The test plays the
 * server through `open()`, `receive()`, `serverClose()` and `fail()`, and reads what the
 * client sent in `sent`.
 */
export class FakeSocket extends EventTarget {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  readonly url: string
  readyState = 0
  binaryType: BinaryType = 'blob'
  bufferedAmount = 0
  extensions = ''
  protocol = ''
  /** Frames the client sent, in order. */
  readonly sent: Frame[] = []
  /** The code and reason the client closed with, if it did. */
  closedWith: { code: number; reason: string } | undefined
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onclose: ((event: Event) => void) | null = null
  onerror: ((event: Event) => void) | null = null

  constructor(url: string | URL) {
    super()
    this.url = String(url)
  }

  /** Like a browser's WebSocket: listeners, then the `on<type>` handler. */
  override dispatchEvent(event: Event): boolean {
    const result = super.dispatchEvent(event)
    const handler = this[`on${event.type}` as 'onopen']
    handler?.call(this, event)
    return result
  }

  send(data: Frame): void {
    if (this.readyState !== 1) throw new Error('FakeSocket: send() on a socket that is not open')
    this.sent.push(data)
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState >= 2) return
    this.closedWith = { code, reason }
    this.readyState = 3
    this.dispatchEvent(closeEvent(code, reason))
  }

  /** Server side: accept the connection. */
  open(): void {
    this.readyState = 1
    this.dispatchEvent(new Event('open'))
  }

  /** Server side: send a frame to the client. */
  receive(data: Frame): void {
    this.dispatchEvent(new MessageEvent('message', { data }))
  }

  /** Server side: close the connection with a code. */
  serverClose(code: number, reason = ''): void {
    this.readyState = 3
    this.dispatchEvent(closeEvent(code, reason))
  }

  /** The connection failed (refused upgrade, network down): error, then close 1006. */
  fail(): void {
    this.readyState = 3
    this.dispatchEvent(new Event('error'))
    this.dispatchEvent(closeEvent(1006, ''))
  }
}

function closeEvent(code: number, reason: string): Event {
  return Object.assign(new Event('close'), { code, reason, wasClean: code === 1000 })
}

/**
 * A fresh fake WebSocket class with its own list of the sockets it made, so tests do not
 * share state.
 */
export function createFakeWebSocket(): {
  WebSocket: WebSocketConstructor
  sockets: FakeSocket[]
  last(): FakeSocket
} {
  const sockets: FakeSocket[] = []
  class WebSocket extends FakeSocket {
    constructor(url: string | URL) {
      super(url)
      sockets.push(this)
    }
  }
  return {
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    sockets,
    last() {
      const socket = sockets.at(-1)
      if (!socket) throw new Error('no socket was created')
      return socket
    },
  }
}
