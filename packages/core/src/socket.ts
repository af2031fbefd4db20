import ReconnectingWebSocket from 'partysocket/ws'
import type { ConnectContext, ResolvedOptions, WebSocketConstructor } from './options.ts'
import type { Frame } from './protocol/message.ts'

/**
 * The socket as the connection drives it: one attempt per `open()`, no reconnects of its own.
 *
 * @example
 * ```ts
 * socket.open()
 * if (socket.isOpen()) socket.send(frame)
 * ```
 */
export interface Socket {
  /** Builds the URL (url and params evaluated again) and opens a new WebSocket. */
  open(): void
  /** Closes the WebSocket, or stops an attempt; nothing happens if there is none. */
  close(): void
  send(frame: Frame): void
  isOpen(): boolean
}

/**
 * What the socket reports. `closed` also reports an attempt that failed, with 1006 (also
 * when building the URL failed).
 *
 * @example
 * ```ts
 * const events: SocketEvents = { opened, received: (frame) => decode(frame), closed: (code) => retry(code) }
 * ```
 */
export interface SocketEvents {
  opened(): void
  received(frame: Frame): void
  closed(code: number, reason: string): void
}

/**
 * Creates the socket on partysocket's `ReconnectingWebSocket`, driven from outside.
 *
 * partysocket has no jitter and no close-code policy, and its own loop retries a failing
 * URL provider at once, forever. So it is told never to reconnect by itself
 * (`shouldReconnectOnClose: () => false`) and the connection's `backoff` state calls
 * `open()` (its `reconnect()`) when the jittered, close-code-aware delay is over. It still
 * gives us the URL provider, the connect timeout and the same events from browsers, Node
 * and `ws`.
 *
 * @example
 * ```ts
 * const socket = createSocket(options, () => ({ attempt: 0, reauthenticate: false }), events)
 * socket.open()
 * ```
 */
export function createSocket(
  o: ResolvedOptions,
  context: () => ConnectContext,
  on: SocketEvents,
): Socket {
  const WS = o.WebSocket as WebSocketConstructor
  let failed = false
  const rws = new ReconnectingWebSocket(url, undefined, {
    // partysocket reports a socket that failed to open as a clean 1000 close (its error
    // handler closes it first); the raw socket's error event says it was abnormal (1006).
    WebSocket: class extends WS {
      constructor(url: string) {
        super(url)
        this.addEventListener('error', () => {
          failed = true
        })
      }
    },
    startClosed: true,
    maxEnqueuedMessages: 0,
    connectionTimeout: o.connectTimeoutMs,
    shouldReconnectOnClose: () => false,
  })
  rws.binaryType = 'arraybuffer'
  rws.onopen = on.opened
  rws.onmessage = (e) => on.received(e.data)
  rws.onclose = (e) => closed(failed ? 1006 : e.code, e.reason)

  function closed(code: number, reason: string) {
    failed = false
    on.closed(code, reason)
  }

  /** partysocket's URL provider, so the URL and params are evaluated on every connect. */
  async function url(): Promise<string> {
    try {
      const c = context()
      const href = new URL(typeof o.url === 'function' ? await o.url(c) : o.url)
      const params = typeof o.params === 'function' ? await o.params(c) : o.params
      for (const [key, value] of Object.entries({ ...params, ...o.protocol.urlParams })) {
        if (value != null) href.searchParams.set(key, `${value}`)
      }
      return href.href
    } catch (error) {
      // Keep partysocket from opening anything; the backoff decides, as for a failed connect.
      rws.close()
      o.logger.error('wirestate: socket url or params failed', error)
      closed(1006, `${error}`)
      return ''
    }
  }

  return {
    open: () => rws.reconnect(),
    close: () => rws.close(),
    send: (frame) => rws.send(frame),
    isOpen: () => rws.readyState === 1,
  }
}
