import type { Broker, HistoryPage } from './broker/broker.ts'
import type { ChannelRoute } from './channel/channel-route.ts'
import { Router, type RouteTable } from './channel/router.ts'
import { Connection } from './connection/connection.ts'
import type { Transport } from './connection/transport.ts'
import type { EngineContext } from './engine-context.ts'
import { broadcastTo } from './fanout/broadcast.ts'
import { TopicFanout } from './fanout/topic-fanout.ts'
import { DEFAULT_LIMITS, type Limits } from './limits.ts'
import { type Logger, quietLogger } from './logger.ts'
import type { EngineObserver } from './observer.ts'
import { newPresenceRef } from './presence/presence-meta.ts'

/**
 * What an {@link Engine} is made of. `User` is what the transport's authentication
 * made of a connection.
 *
 * @example
 * ```ts
 * const options: EngineOptions<{ name: string }> = {
 *   broker: new MemoryBroker(),
 *   channels: { 'room:*': { join: (topic) => replyOk({ joined: topic }) } },
 * }
 * ```
 */
export interface EngineOptions<User = unknown> {
  /** Where messages, history and presence live; the engine never closes it. */
  broker: Broker
  /** Routes by topic pattern; the first matching pattern, in order, wins. */
  channels?: Readonly<Record<string, ChannelRoute<User>>>
  /** Instead of `channels`: a route table of your own, asked at each join and broadcast. */
  routes?: RouteTable<User>
  limits?: Partial<Limits>
  /** Default: quiet on routine events, problems to the console. */
  logger?: Logger
  /** How a user appears in log lines (never log secrets here). Default: not at all. */
  describeUser?: (user: User) => string
  /** Frames and handler failures as data, for a transport that keeps a record. */
  observer?: EngineObserver
  /** Makes the `phx_ref` of each presence meta. Default: 16 random url-safe characters. */
  presenceRef?: () => string
}

/**
 * The Phoenix Channels v2 protocol, independent of what carries the sockets: joins,
 * pushes and replies, routing, presence, streams, fan-out and the per-connection
 * limits. A transport (`ws` in `@wirestate/server`, MSW in `@wirestate/testing`)
 * authenticates a socket, hands it to {@link Engine.accept} and feeds it frames.
 *
 * @example
 * ```ts
 * const engine = new Engine({ broker: new MemoryBroker(), channels: { 'room:*': {} } })
 * const connection = engine.accept(transport, user)
 * socket.onmessage = (event) => connection.receive(event.data)
 * socket.onclose = () => connection.closed()
 * ```
 */
export class Engine<User = unknown> {
  readonly broker: Broker
  readonly limits: Readonly<Limits>
  readonly logger: Logger
  #ctx: EngineContext<User>
  #connections = new Set<Connection<User>>()
  #held: { promise: Promise<void>; resume: () => void } | null = null
  #forget = (connection: Connection<User>) => this.#connections.delete(connection)

  constructor(options: EngineOptions<User>) {
    this.broker = options.broker
    this.limits = { ...DEFAULT_LIMITS, ...options.limits }
    this.logger = options.logger ?? quietLogger
    if (options.routes && options.channels) {
      throw new TypeError('give an engine either `channels` or `routes`, not both')
    }
    const router = options.routes ?? new Router(options.channels ?? {})
    const broker = options.broker
    this.#ctx = {
      broker,
      fanout: new TopicFanout(broker, this.logger),
      router,
      limits: this.limits,
      logger: this.logger,
      observer: options.observer ?? {},
      presenceRef: options.presenceRef ?? newPresenceRef,
      describeUser: (user) => options.describeUser?.(user),
      handlersHeld: () => this.#held?.promise ?? null,
      broadcast: (topic, event, payload, from) =>
        broadcastTo(broker, router, topic, event, payload, from),
    }
  }

  /** Open connections. */
  get connectionCount(): number {
    return this.#connections.size
  }

  /**
   * Takes an authenticated socket: the returned connection serves it until the
   * transport calls `connection.closed()`.
   */
  accept(transport: Transport, user: User): Connection<User> {
    const connection = new Connection(transport, user, this.#ctx, this.#forget)
    this.#connections.add(connection)
    return connection
  }

  /**
   * Sends an event to every member of a topic on every node, from outside any
   * channel (an HTTP handler, a job). Resolves to the stream id on stream topics.
   */
  broadcast(topic: string, event: string, payload: unknown): Promise<string | null> {
    return this.#ctx.broadcast(topic, event, payload, null)
  }

  /** A page of a stream topic's history, newest last; see `Broker.readBefore`. */
  history(topic: string, beforeId: string | null, limit: number): Promise<HistoryPage> {
    return this.broker.readBefore(topic, beforeId, limit)
  }

  /**
   * Ends every join of `topic` on this engine from the server side: `crash` sends
   * `phx_error` (clients rejoin), `stop` sends `phx_close` (they stay closed).
   */
  async endTopic(topic: string, reason: 'crash' | 'stop'): Promise<void> {
    const members = [...this.#connections].map((c) => c.membership(topic))
    await Promise.all(members.map((member) => member?.stop(reason)))
  }

  /**
   * Holds every join's pushes before their handlers (handlers already running finish)
   * until {@link Engine.resumeHandlers}: what a transport over its memory bound calls,
   * so that what is queued stops adding to what it has to send. Pushes keep queuing,
   * up to `limits.maxQueuedEvents` per join. Joins, leaves and heartbeats go on.
   */
  pauseHandlers(): void {
    if (this.#held) return
    let resume = () => {}
    const promise = new Promise<void>((resolve) => {
      resume = resolve
    })
    this.#held = { promise, resume }
  }

  /** Lets the pushes held by {@link Engine.pauseHandlers} run, in their order. */
  resumeHandlers(): void {
    this.#held?.resume()
    this.#held = null
  }

  /** Cuts every connection silent for longer than `limits.idleTimeoutMs`. */
  checkIdle(now: number = performance.now()): void {
    for (const connection of this.#connections) connection.checkIdle(now)
  }

  /**
   * Ends every connection: joins end (presence untracked), clients get 1001, and a
   * client that does not finish the close handshake within `graceMs` is cut.
   */
  async shutdown(graceMs: number): Promise<void> {
    await Promise.all([...this.#connections].map((c) => c.shutdown(graceMs)))
  }
}
