import type { Server as HttpServer } from 'node:http'
import { type Broker, MemoryBroker } from '@wirestate/engine'
import { RedisBroker } from '../broker/redis/redis-broker.ts'
import { createServer, type WirestateServer } from '../server.ts'
import { LiveRoutes } from '../socket/live-routes.ts'
import {
  type SocketApp,
  type SocketDefinition,
  type SocketModule,
  socketOptions,
} from '../socket/socket-definition.ts'
import type { WirestateViteOptions } from './plugin-options.ts'

/**
 * The socket a dev or preview server hosts: its broker and its live routes, which
 * outlive the Vite server that made them. Kept on `globalThis` by key (root, path,
 * Redis choice): a config edit restarts Vite, whose new server finds the same broker
 * (the memory broker's history and records survive) and the same routes. Each Vite
 * server attaches a `WirestateServer` to its own HTTP server, and the last one to let
 * go closes what the socket owns.
 *
 * @example
 * ```ts
 * const hosted = await HostedSocket.acquire(root, options)
 * hosted.use(socketModule)
 * const server = await hosted.attach(vite.httpServer)
 * // on close:
 * await hosted.detach(server)
 * await hosted.release()
 * ```
 */
export class HostedSocket<User = unknown> {
  readonly broker: Broker
  readonly routes: LiveRoutes<User> = new LiveRoutes<User>()
  #key: string | null
  #ownsBroker: boolean
  #definition: SocketDefinition<User> = {}
  #servers = new Set<WirestateServer<User>>()
  #app: SocketApp = {
    broadcast: (topic, event, payload) => this.#server().broadcast(topic, event, payload),
    history: (topic, beforeId, limit) => this.#server().history(topic, beforeId, limit),
  }

  private constructor(key: string | null, broker: Broker, ownsBroker: boolean) {
    this.#key = key
    this.broker = broker
    this.#ownsBroker = ownsBroker
  }

  /**
   * The socket for `root` and these options: the one already hosted, or a new one.
   * A broker you pass is yours and never shared: its socket is made afresh each time.
   */
  static async acquire<User>(
    root: string,
    options: WirestateViteOptions,
  ): Promise<HostedSocket<User>> {
    if (options.broker) return new HostedSocket<User>(null, options.broker, false)
    const key = hostKey(root, options)
    const entry = registry().get(key) ?? { socket: HostedSocket.#open(key, options), users: 0 }
    registry().set(key, entry)
    entry.users++
    try {
      return (await entry.socket) as HostedSocket<User>
    } catch (error) {
      if (--entry.users === 0) registry().delete(key)
      throw error
    }
  }

  static async #open(key: string, options: WirestateViteOptions): Promise<HostedSocket> {
    const { redis } = options
    if (redis === undefined) return new HostedSocket(key, new MemoryBroker(), true)
    const broker = await RedisBroker.connect(typeof redis === 'string' ? { url: redis } : redis)
    return new HostedSocket(key, broker, true)
  }

  /** Serves `socket` from now on: new routes for joins old and new, new `authenticate`. */
  use(socket: SocketModule<User>): void {
    const definition = socketOptions(socket, () => this.#app)
    this.routes.replace(definition.channels ?? {})
    this.#definition = definition
  }

  /** Serves the socket on `http`'s upgrades of `options.path`, with the other options. */
  async attach(http: HttpServer, options: WirestateViteOptions): Promise<WirestateServer<User>> {
    const hosted = this
    const server = createServer<User>({
      server: http,
      path: options.path,
      broker: this.broker,
      routes: this.routes,
      limits: options.limits,
      logger: options.logger,
      closeRefusals: options.closeRefusals,
      // Read at each upgrade, so an edited `authenticate` decides the next connect.
      get authenticate() {
        return hosted.#definition.authenticate
      },
      get origins() {
        return hosted.#definition.origins
      },
      // `undefined` when the socket has none: the user is left out of log lines.
      describeUser: (user) => this.#definition.describeUser?.(user) as string,
    })
    await server.start()
    this.#servers.add(server)
    return server
  }

  /** Stops serving on that HTTP server (its clients get 1001; presence leaves). */
  async detach(server: WirestateServer<User>): Promise<void> {
    this.#servers.delete(server)
    await server.stop()
  }

  /** Lets go of the socket; the last user closes the broker it made. */
  async release(): Promise<void> {
    const entry = this.#key === null ? undefined : registry().get(this.#key)
    if (!entry || --entry.users > 0) return
    registry().delete(this.#key as string)
    if (this.#ownsBroker) await this.broker.close()
  }

  // The newest: during a restart the old Vite server still holds one for a moment.
  #server(): WirestateServer<User> {
    const server = [...this.#servers].at(-1)
    if (!server) throw new Error('the socket is not served by any Vite server right now')
    return server
  }
}

interface Entry {
  readonly socket: Promise<HostedSocket>
  users: number
}

const REGISTRY = Symbol.for('@wirestate/server/vite')

function registry(): Map<string, Entry> {
  const global = globalThis as { [REGISTRY]?: Map<string, Entry> }
  global[REGISTRY] ??= new Map()
  return global[REGISTRY]
}

function hostKey(root: string, options: WirestateViteOptions): string {
  const { redis = null, path = '/socket/websocket' } = options
  return `${root}\n${path}\n${JSON.stringify(redis)}`
}
