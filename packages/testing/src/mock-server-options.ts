import type { ChannelRoute, Limits } from '@wirestate/engine'
import type { ConnectionInfo } from './handler-context.ts'
import type { MockSocket } from './mock-socket.ts'

/**
 * Options of `createMockServer`.
 *
 * @example
 * ```ts
 * const options: MockServerOptions = { url: 'ws://localhost/socket', catchAll: true }
 * ```
 */
export interface MockServerOptions {
  /**
   * The socket URL the client connects to, without the query (msw matches it as a path,
   * so `*` and `:param` work): the `url` given to `createClient`.
   */
  url: string
  /**
   * A catch-all route: a join of a topic that no rule, stream, presence or `channels`
   * route is about is ok with `{}`. Off by default, as on `@wirestate/server`, where
   * such a join gets `{"reason":"unmatched topic"}`: turn it on only for tests that do
   * not care about routes.
   */
  catchAll?: boolean
  /**
   * Routes as `@wirestate/server` takes them (`chatRoute()`, `notificationsRoute()` or
   * your own), served by the same engine; rules added with `onJoin` / `onPush` win over
   * them. The user handlers see is the mock's connection (`channel.user.info`).
   */
  channels?: Readonly<Record<string, ChannelRoute<MockSocket>>>
  /** The server's limits (rate, topics, queue); defaults as on `@wirestate/server`. */
  limits?: Partial<Limits>
}

/**
 * Decides whether a connection is accepted; returning `false` refuses it as
 * `@wirestate/server` refuses a login: the wirestate client (which asks with
 * `refusal=close`) sees close code 4401 and stops as `unauthorized`; other clients see
 * 1006, as after the HTTP 403 the server answers them.
 *
 * @example
 * ```ts
 * server.onConnect(({ params }) => params.token === 'good')
 * ```
 */
export type ConnectHandler = (connection: ConnectionInfo) => boolean | undefined
