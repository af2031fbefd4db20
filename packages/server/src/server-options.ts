import type { Server as HttpServer, IncomingMessage } from 'node:http'
import type { Broker, ChannelRoute, Limits, Logger, RouteTable } from '@wirestate/engine'

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
  /**
   * A client that asks with `refusal=close` (the wirestate client does) gets a refused
   * connect as a close code it can read (4401 unauthorized, 4403, 4400, 1011) rather than an
   * HTTP status, which a browser sees only as 1006. phoenix.js never asks and always gets
   * HTTP, as from Phoenix. `false` answers everyone with HTTP. Default `true`.
   */
  closeRefusals?: boolean
  /** Routes by topic pattern; the first matching pattern, in order, wins. */
  channels?: Readonly<Record<string, ChannelRoute<User>>>
  /**
   * Instead of `channels`: a route table of your own, asked at each join and broadcast
   * (the Vite plugin's swaps its routes when a handler file changes).
   */
  routes?: RouteTable<User>
  /** Default: a new in-memory broker, closed by `stop()`. A broker you pass stays open. */
  broker?: Broker
  limits?: Partial<Limits>
  /** Default: quiet on routine events, problems to stderr. */
  logger?: Logger
  /** How a user appears in log lines (never log secrets here). Default: not at all. */
  describeUser?: (user: User) => string
}
