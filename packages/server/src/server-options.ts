import type { Server as HttpServer, IncomingMessage } from 'node:http'
import type { Broker } from './broker/broker.ts'
import type { ChannelRoute } from './channel/channel-route.ts'
import type { Logger } from './logger.ts'

/**
 * Protection against abusive or broken clients. Every field has a default.
 *
 * @example
 * ```ts
 * const limits: Partial<Limits> = { maxFrameBytes: 16 * 1024, ratePerSecond: 20 }
 * ```
 */
export interface Limits {
  /**
   * Largest frame a client may send; larger ones close the socket with 1009. Default
   * 1 MiB: a 64 KiB payload takes at most 384 KiB as JSON text (6 bytes per byte when
   * every byte is escaped as `\u00XX`) plus the envelope, so it passes with room to
   * spare, while one frame still cannot make the server parse megabytes. Phoenix has
   * no limit by default.
   */
  maxFrameBytes: number
  /** Topics one connection may have joined at once; more are refused. Default 100. */
  maxTopicsPerConnection: number
  /**
   * Pushes per second a connection may send, on average (token bucket). Joins, leaves
   * and heartbeats are not counted. Default 100.
   */
  ratePerSecond: number
  /** Pushes a connection may send in a burst: 200 in a row pass. Default 200. */
  rateBurst: number
  /** Bytes waiting to be sent to one client before it counts as too slow and is dropped. Default 1 MiB. */
  maxBufferedBytes: number
  /** Pushes waiting for one join's handlers; more get `{"reason":"overloaded"}`. Default 100. */
  maxQueuedEvents: number
  /**
   * A connection that sends nothing (not even a heartbeat) for this long is cut, so
   * a peer that vanished without closing does not linger in presence. Default
   * 60 s, as Phoenix; clients heartbeat every 30 s.
   */
  idleTimeoutMs: number
}

/**
 * Everything `createServer` accepts. `User` is what `authenticate` returns.
 *
 * @example
 * ```ts
 * const options: ServerOptions<{ name: string }> = {
 *   port: 0,
 *   authenticate: (params) => (params.user ? { name: params.user } : null),
 *   channels: { 'room:*': { join: (topic) => replyOk({ joined: topic }) } },
 * }
 * ```
 */
export interface ServerOptions<User = unknown> {
  /** Port to listen on; 0 picks a free one (read it back from `server.port`). Default 4000. */
  port?: number
  /** Default `127.0.0.1`. */
  host?: string
  /** WebSocket path, as Phoenix's `socket "/socket"` makes it. Default `/socket/websocket`. */
  path?: string
  /** Attach to this HTTP server instead of listening on `port`/`host`. */
  server?: HttpServer
  /**
   * Decides who connects, from the URL's query params (`vsn` included) and the
   * request. Return the user, or `null`/`false`/`undefined` to refuse with HTTP
   * 403. Throwing answers 500. Without it everyone connects with user `null`.
   */
  authenticate?: (
    params: Readonly<Record<string, string>>,
    request: IncomingMessage,
  ) => User | null | false | undefined | Promise<User | null | false | undefined>
  /**
   * Allowed `Origin` headers (exact match, e.g. `https://app.example.com`), or a
   * predicate. Requests with another origin get 403; requests without an `Origin`
   * header (non-browser clients) are let through, as Phoenix's `check_origin` does.
   * Default: any origin.
   */
  origins?: readonly string[] | ((origin: string, request: IncomingMessage) => boolean)
  /** Routes by topic pattern; the first matching pattern, in order, wins. */
  channels?: Readonly<Record<string, ChannelRoute<User>>>
  /** Default: a new in-memory broker, closed by `stop()`. A broker you pass stays open. */
  broker?: Broker
  limits?: Partial<Limits>
  /** Default: quiet on routine events, problems to stderr. */
  logger?: Logger
  /** How a user appears in log lines (never log secrets here). Default: not at all. */
  describeUser?: (user: User) => string
}

/**
 * The default limits.
 *
 * @example
 * ```ts
 * createServer({ limits: { ...DEFAULT_LIMITS, ratePerSecond: 10 } })
 * ```
 */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxFrameBytes: 1024 * 1024,
  maxTopicsPerConnection: 100,
  ratePerSecond: 100,
  rateBurst: 200,
  maxBufferedBytes: 1024 * 1024,
  maxQueuedEvents: 100,
  idleTimeoutMs: 60_000,
}
