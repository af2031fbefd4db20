import type { Broker, Limits, Logger } from '@wirestate/engine'
import type { RedisBrokerOptions } from '../broker/redis/redis-broker-options.ts'

/**
 * What the Vite plugin serves, and on what.
 *
 * @example
 * ```ts
 * const options: WirestateViteOptions = {
 *   socket: './server/socket.ts',
 *   limits: { idleTimeoutMs: 15_000 },
 * }
 * ```
 */
export interface WirestateViteOptions {
  /**
   * The socket module, from Vite's root: its default export is `defineSocket({ ... })`
   * (routes, `authenticate`, `origins`, `describeUser`). Loaded through Vite's module
   * graph; an edit to it or to a file it imports applies from the next event on.
   */
  socket: string
  /** WebSocket path on Vite's server. Default `/socket/websocket` (phoenix.js's `/socket`). */
  path?: string
  /**
   * Share messages, history and presence with other nodes (other dev servers, the
   * standalone server) through Redis: a URL, or the options of `RedisBroker.connect`.
   * Default: the in-memory broker, kept across config reloads.
   */
  redis?: string | RedisBrokerOptions
  /** A broker of your own instead (the plugin never closes it). */
  broker?: Broker
  limits?: Partial<Limits>
  /** See `ServerOptions.closeRefusals`. Default `true`. */
  closeRefusals?: boolean
  /** Default: quiet on routine events, problems to stderr, as the server. */
  logger?: Logger
}

/**
 * What happened when the socket module was loaded again: the file whose change caused
 * it, when the plugin saw that change, and the error if the new module could not be
 * used (the previous one stays). A reload reads the files as they were when it started,
 * at or after `seenAt`.
 *
 * @example
 * ```ts
 * plugin.api.onReload(({ file, error }) => console.log(file, error ? 'kept the old routes' : 'reloaded'))
 * ```
 */
export interface SocketReload {
  readonly file: string
  /** `performance.now()` when the change reached the plugin. */
  readonly seenAt: number
  readonly error?: unknown
}
