import {
  chatRoute,
  createServer,
  RedisBroker,
  type RedisBrokerOptions,
  silentLogger,
  type WirestateServer,
} from '../../src/index.ts'

/**
 * A server node of the chaos scenarios: `chatRoute` on `room:*` (history of
 * 10,000, users by the `user` connect param), limits lifted for a 100 msg/s
 * publisher, on a Redis broker.
 *
 * @example
 * ```ts
 * const node = await startChatNode({ url: redis.url, prefix })
 * await node.stop()
 * ```
 */
export interface ChatNode {
  readonly server: WirestateServer<{ name: string }>
  readonly broker: RedisBroker
  /** Stops the server, then closes the broker (ignoring a Redis that is gone). */
  stop(): Promise<void>
}

/**
 * Connects a Redis broker with `options` (errors kept quiet) and serves on a free port.
 *
 * @example
 * ```ts
 * const node = await startChatNode({ url: proxy.url('redis'), prefix, heartbeatMs: 250, nodeTtlMs: 750 })
 * ```
 */
export async function startChatNode(options: RedisBrokerOptions): Promise<ChatNode> {
  const broker = await RedisBroker.connect({ onError: () => {}, ...options })
  const server = createServer<{ name: string }>({
    port: 0,
    broker,
    logger: silentLogger,
    authenticate: (params) => (params.user ? { name: params.user } : null),
    limits: { ratePerSecond: 10_000, rateBurst: 10_000, maxQueuedEvents: 10_000 },
    channels: {
      'room:*': chatRoute<{ name: string }>({
        userId: (channel) => channel.user.name,
        retention: { maxLength: 10_000 },
      }),
    },
  })
  await server.start()
  return {
    server,
    broker,
    stop: async () => {
      await server.stop()
      await broker.close().catch(() => {})
    },
  }
}
