import { createServer, silentLogger } from '@wirestate/server'

/** The topic the fan-out subscribers join. */
export const TOPIC = 'bench:fanout'

/**
 * @wirestate/server with one pubsub route: a `publish` push is broadcast to every
 * member as `new_msg`, unanswered (like the naive loop). The rate and queue limits are
 * lifted (the publisher pushes far above them on purpose); the memory bound and the
 * slow-consumer limit are the defaults, as in production. `presence: true` also
 * tracks every member (for the idle cost of presence alone).
 */
export async function startWirestateServer(options: { presence?: boolean } = {}): Promise<{
  url: string
  stats: () => unknown
  close(): Promise<void>
}> {
  let member = 0
  const server = createServer({
    port: 0,
    logger: silentLogger,
    limits: {
      ratePerSecond: 1_000_000,
      rateBurst: 1_000_000,
      maxQueuedEvents: 1_000_000,
    },
    channels: {
      'bench:*': {
        events: {
          publish: async (payload, channel) => {
            await channel.broadcast('new_msg', payload)
            return undefined
          },
        },
        ...(options.presence ? { presence: { key: () => `member-${member++}` } } : {}),
      },
    },
  })
  await server.start()
  return {
    url: `${server.url}?vsn=2.0.0`,
    stats: () => server.outboundStats,
    close: () => server.stop(),
  }
}
