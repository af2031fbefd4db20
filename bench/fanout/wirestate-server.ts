import { createServer, silentLogger } from '@wirestate/server'

/** The topic the fan-out subscribers join. */
export const TOPIC = 'bench:fanout'

/**
 * @wirestate/server with one pubsub route: a `publish` push is broadcast to every
 * member as `new_msg`, unanswered (like the raw loop). Limits are lifted: the
 * publisher pushes in bursts far above the per-connection rate limit on purpose.
 */
export async function startWirestateServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer({
    port: 0,
    logger: silentLogger,
    limits: {
      ratePerSecond: 1_000_000,
      rateBurst: 1_000_000,
      maxQueuedEvents: 1_000_000,
      maxBufferedBytes: 64 * 1024 * 1024,
      maxTopicsPerConnection: 10,
    },
    channels: {
      'bench:*': {
        events: {
          publish: async (payload, channel) => {
            await channel.broadcast('new_msg', payload)
            return undefined
          },
        },
      },
    },
  })
  await server.start()
  return { url: `${server.url}?vsn=2.0.0`, close: () => server.stop() }
}
