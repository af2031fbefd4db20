import type { ConnectContext, ResolvedOptions, WebSocketConstructor } from '../options.ts'
import type { Frame } from '../protocol/message.ts'

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
  /**
   * The URL of the last attempt with every query value but the protocol's hidden (`***`),
   * so it can be logged: params often hold tokens.
   */
  describeUrl(): string
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
 * Creates the socket on the platform's WebSocket (or the injected one), one attempt per
 * `open()`, with a connect timeout; the URL and params are evaluated again on every attempt.
 *
 * Why not partysocket's `ReconnectingWebSocket`: the connection needs jitter, close-code
 * classes, heartbeats and half-open detection, none of which partysocket has, so its
 * reconnect loop had to be switched off and driven from outside. What was left cost
 * 2.4 KB brotli (a third of the client) and re-created every message event, which
 * halved dispatch throughput in `bench/dispatch`. These ~50 lines do the part we used.
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
  const { setTimeout: later, clearTimeout: cancel } = o.timers
  let ws: WebSocket | undefined
  let attempt = 0
  let described = typeof o.url === 'string' ? o.url : '(url not built yet)'
  return {
    async open() {
      const mine = ++attempt
      let href: URL
      try {
        const c = context()
        href = new URL(typeof o.url === 'function' ? await o.url(c) : o.url)
        const params = typeof o.params === 'function' ? await o.params(c) : o.params
        for (const [key, value] of Object.entries({ ...params, ...o.protocol.urlParams })) {
          if (value != null) href.searchParams.set(key, `${value}`)
        }
      } catch (error) {
        o.logger.error('wirestate: socket url or params failed', error)
        return on.closed(1006, `${error}`)
      }
      if (mine !== attempt) return
      described = redact(href, o.protocol.urlParams)
      const w = new (o.WebSocket as WebSocketConstructor)(href.href)
      let failed = false
      const timer = later(() => w.close(), o.connectTimeoutMs)
      ws = w
      w.binaryType = 'arraybuffer'
      w.onopen = () => {
        cancel(timer)
        on.opened()
      }
      w.onmessage = (e) => on.received(e.data)
      w.onerror = () => {
        failed = true
      }
      w.onclose = (e) => {
        cancel(timer)
        if (ws !== w) return
        ws = undefined
        on.closed(failed ? 1006 : e.code, e.reason)
      }
    },
    close() {
      attempt++
      const w = ws
      ws = undefined
      if (!w) return
      w.close()
      on.closed(1000, '')
    },
    send: (frame) => ws?.send(frame),
    isOpen: () => ws?.readyState === 1,
    describeUrl: () => described,
  }
}

function redact(href: URL, keep: Readonly<Record<string, string>>): string {
  const shown = new URL(href.href)
  for (const key of new Set(shown.searchParams.keys())) {
    if (!(key in keep)) shown.searchParams.set(key, '***')
  }
  return shown.href.replaceAll('%2A', '*')
}
