import type { HistoryPage } from '@wirestate/engine'
import type { ServerOptions } from '../server-options.ts'

/**
 * What an application's socket is: who connects, the routes, and how users appear in
 * logs. A module's default export (see {@link SocketModule}) that the Vite plugin loads
 * and reloads in development and `createServer` serves in production.
 *
 * @example
 * ```ts
 * const socket: SocketDefinition<{ name: string }> = {
 *   authenticate: (params) => (params.user ? { name: params.user } : null),
 *   channels: { 'room:*': { events: { ping: () => replyOk({ pong: true }) } } },
 * }
 * ```
 */
export type SocketDefinition<User = unknown> = Pick<
  ServerOptions<User>,
  'authenticate' | 'origins' | 'channels' | 'describeUser'
>

/**
 * The server a socket module's handlers may reach beyond their own channel: to notify
 * another topic (a mention to a user's notifications), or read a topic's history.
 *
 * @example
 * ```ts
 * const notify = (app: SocketApp, name: string) =>
 *   app.broadcast(`user:${name}:notifications`, 'notification', { kind: 'mention' })
 * ```
 */
export interface SocketApp {
  broadcast(topic: string, event: string, payload: unknown): Promise<string | null>
  history(topic: string, beforeId: string | null, limit: number): Promise<HistoryPage>
}

/**
 * A socket module's default export: a {@link SocketDefinition}, or a function of the
 * {@link SocketApp} returning one (for handlers that broadcast to other topics).
 *
 * @example
 * ```ts
 * const socket: SocketModule = (app) => ({
 *   channels: { 'room:*': { events: { ping: () => replyOk({ nodes: 1 }) } } },
 * })
 * ```
 */
export type SocketModule<User = unknown> =
  | SocketDefinition<User>
  | ((app: SocketApp) => SocketDefinition<User>)

/**
 * Types a socket module's default export; returns it unchanged.
 *
 * @example
 * ```ts
 * // server/socket.ts, loaded by `wirestate({ socket: './server/socket.ts' })`
 * import { defineSocket, replyOk } from '@wirestate/server'
 *
 * export default defineSocket<{ name: string }>({
 *   authenticate: (params) => (params.user ? { name: params.user } : null),
 *   channels: { 'room:*': { events: { ping: () => replyOk({ pong: true }) } } },
 * })
 * ```
 */
export function defineSocket<User = unknown>(socket: SocketModule<User>): SocketModule<User> {
  return socket
}

/**
 * The server options of a socket module, for `createServer` (production, the CLI).
 * `app` is read when a handler first reaches for it, so it may name a server that
 * the options are still building.
 *
 * @example
 * ```ts
 * import socket from './server/socket.ts'
 *
 * // The return type breaks the cycle: `server` is inferred, with the socket's user type.
 * const server = createServer({ port: 4000, ...socketOptions(socket, (): SocketApp => server) })
 * await server.start()
 * ```
 */
export function socketOptions<User>(
  socket: SocketModule<User>,
  app: () => SocketApp,
): SocketDefinition<User> {
  if (typeof socket !== 'function') return checkDefinition(socket)
  return checkDefinition(
    socket({
      broadcast: (topic, event, payload) => app().broadcast(topic, event, payload),
      history: (topic, beforeId, limit) => app().history(topic, beforeId, limit),
    }),
  )
}

/**
 * Whether `value` can be a socket module's default export; throws saying what is
 * wrong otherwise (a module edited into a shape the server cannot serve).
 *
 * @example
 * ```ts
 * const socket = checkSocketModule(module.default, 'server/socket.ts')
 * ```
 */
export function checkSocketModule<User>(value: unknown, where: string): SocketModule<User> {
  if (typeof value === 'function') return value as SocketModule<User>
  try {
    return checkDefinition(value as SocketDefinition<User>)
  } catch (error) {
    throw new TypeError(`${where}: ${(error as Error).message}`)
  }
}

function checkDefinition<User>(definition: SocketDefinition<User>): SocketDefinition<User> {
  if (typeof definition !== 'object' || definition === null) {
    throw new TypeError(
      'the default export must be a socket definition ({ channels, authenticate?, ... }) or a function returning one: export default defineSocket({ ... })',
    )
  }
  const { channels } = definition
  if (channels !== undefined && (typeof channels !== 'object' || channels === null)) {
    throw new TypeError('`channels` must be an object of routes by topic pattern')
  }
  return definition
}
