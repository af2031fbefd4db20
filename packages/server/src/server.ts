import {
  createServer as createHttpServer,
  type Server as HttpServer,
  type IncomingMessage,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { type Broker, Engine, type HistoryPage, MemoryBroker, quietLogger } from '@wirestate/engine'
import { WebSocketServer } from 'ws'
import type { ServerOptions } from './server-options.ts'
import { Outbound, type OutboundStats } from './transport/outbound.ts'
import { serveWebSocket } from './transport/ws-transport.ts'
import { checkHandshake } from './upgrade/handshake.ts'
import { refuse, refuseUpgrade } from './upgrade/refuse-upgrade.ts'

// How long a client has to answer the 1001 close before its socket is cut.
const SHUTDOWN_GRACE_MS = 1000

/**
 * A Phoenix Channels v2 server. Create it with {@link createServer}.
 *
 * @example
 * ```ts
 * const server = createServer({ port: 0, channels: { 'room:*': {} } })
 * await server.start()
 * console.log(server.url) // ws://127.0.0.1:54321/socket/websocket
 * await server.stop()
 * ```
 */
export class WirestateServer<User = unknown> {
  readonly broker: Broker
  #options: ServerOptions<User>
  #engine: Engine<User>
  #wss: WebSocketServer
  #outbound: Outbound
  #http: HttpServer
  #ownsHttp: boolean
  #ownsBroker: boolean
  #idleTimer: ReturnType<typeof setInterval> | null = null
  #onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) =>
    void this.#upgrade(request, socket, head)

  constructor(options: ServerOptions<User> = {}) {
    this.#options = options
    this.#ownsBroker = options.broker === undefined
    this.broker = options.broker ?? new MemoryBroker()
    this.#ownsHttp = options.server === undefined
    this.#http = options.server ?? createHttpServer((_req, res) => res.writeHead(404).end())
    this.#engine = new Engine({
      broker: this.broker,
      channels: options.channels,
      routes: options.routes,
      limits: options.limits,
      logger: options.logger ?? quietLogger,
      describeUser: options.describeUser,
    })
    const { maxFrameBytes, highWaterBytes, maxPauseMs } = this.#engine.limits
    // No permessage-deflate (ws's default, and Phoenix's): broadcasts are then written as
    // whole frames built once (transport/socket-writer.ts).
    // No client tracking: the engine and Outbound keep their own lists.
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: maxFrameBytes,
      clientTracking: false,
    })
    this.#outbound = new Outbound({ highWaterBytes, maxPauseMs }, this.#engine.logger, this.#engine)
  }

  /** The port listened on (the real one when started with port 0); 0 before `start()`. */
  get port(): number {
    const address = this.#http.address() as AddressInfo | null
    return typeof address === 'object' && address ? address.port : 0
  }

  /** The WebSocket URL clients connect to (add `?vsn=2.0.0` and params). */
  get url(): string {
    const host = this.#options.host ?? '127.0.0.1'
    return `ws://${host.includes(':') ? `[${host}]` : host}:${this.port}${this.#path}`
  }

  /** Open connections on this node. */
  get connectionCount(): number {
    return this.#engine.connectionCount
  }

  /**
   * What waits to be written to this node's clients (`waitingBytes`, `peakWaitingBytes`),
   * whether reads from clients are paused over `limits.highWaterBytes` (`readsPaused`,
   * `pauses`), and how many clients a pause cut (`slowConsumersCut`).
   */
  get outboundStats(): OutboundStats {
    return this.#outbound.stats
  }

  /** Starts serving: listens (unless attached to a given HTTP server) and takes upgrades. */
  async start(): Promise<void> {
    this.#http.on('upgrade', this.#onUpgrade)
    this.#startIdleChecks()
    if (!this.#ownsHttp) return
    const { port = 4000, host = '127.0.0.1' } = this.#options
    await new Promise<void>((resolve, reject) => {
      this.#http.once('error', reject)
      this.#http.listen(port, host, () => {
        this.#http.off('error', reject)
        resolve()
      })
    })
  }

  /**
   * Closes every connection (1001, presence untracked), stops listening (when the
   * server owns the HTTP server) and closes the broker it created.
   */
  async stop(): Promise<void> {
    this.#http.off('upgrade', this.#onUpgrade)
    if (this.#idleTimer) clearInterval(this.#idleTimer)
    this.#outbound.close()
    await this.#engine.shutdown(SHUTDOWN_GRACE_MS)
    if (this.#ownsHttp && this.#http.listening) {
      this.#http.closeAllConnections()
      await new Promise<void>((resolve) => this.#http.close(() => resolve()))
    }
    if (this.#ownsBroker) await this.broker.close()
  }

  /**
   * Sends an event to every member of a topic on every node, from outside any
   * channel (an HTTP handler, a job). Resolves to the stream id on stream topics.
   */
  broadcast(topic: string, event: string, payload: unknown): Promise<string | null> {
    return this.#engine.broadcast(topic, event, payload)
  }

  /** A page of a stream topic's history, newest last; see `Broker.readBefore`. */
  history(topic: string, beforeId: string | null, limit: number): Promise<HistoryPage> {
    return this.#engine.history(topic, beforeId, limit)
  }

  // One sweep for all connections instead of a timer per connection reset per frame.
  #startIdleChecks(): void {
    const every = Math.max(10, Math.min(this.#engine.limits.idleTimeoutMs / 4, 5000))
    this.#idleTimer = setInterval(() => this.#engine.checkIdle(performance.now()), every)
    this.#idleTimer.unref()
  }

  get #path(): string {
    return this.#options.path ?? '/socket/websocket'
  }

  async #upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // A client vanishing mid-handshake must not become an unhandled 'error' (once
    // upgraded, ws listens for errors: this listener is removed).
    const onError = () => socket.destroy()
    socket.on('error', onError)
    try {
      const url = new URL(request.url ?? '/', 'http://localhost')
      if (url.pathname !== this.#path) {
        if (this.#http.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404, 'not found')
        return
      }
      const verdict = await checkHandshake(request, url, this.#options, this.#engine.logger)
      if (!verdict.ok) return refuse(this.#wss, request, socket, head, verdict)
      this.#wss.handleUpgrade(request, socket, head, (ws) => {
        socket.off('error', onError)
        serveWebSocket(this.#engine, ws, socket, verdict.user, this.#outbound)
      })
    } catch (error) {
      this.#engine.logger.error('upgrade failed', { error: String(error) })
      refuseUpgrade(socket, 500, 'internal error')
    }
  }
}

/**
 * Creates a server; call `start()` to serve.
 *
 * @example
 * ```ts
 * import { createServer, replyOk, replyError } from '@wirestate/server'
 *
 * const server = createServer({
 *   port: 4000,
 *   authenticate: (params) => (params.user ? { name: params.user } : null),
 *   channels: {
 *     'room:*': {
 *       join: (topic) => (topic === 'room:private' ? replyError({ reason: 'unauthorized' }) : replyOk()),
 *       events: { ping: () => replyOk({ pong: true }) },
 *       presence: { key: (channel) => channel.user.name },
 *     },
 *   },
 * })
 * await server.start()
 * ```
 */
export function createServer<User = unknown>(
  options: ServerOptions<User> = {},
): WirestateServer<User> {
  return new WirestateServer(options)
}
