// Child process: one @wirestate/server node on Redis for bench/fanout's two-node
// run. Its CPU time is its own, so the subscribing node's cost per delivery can be
// read apart from the publisher's, the clients' and Redis's.
//   argv[2]: JSON { mode: 'pubsub' | 'stream' | 'xread', redisUrl, prefix }
import { type Broker, createServer, RedisBroker, silentLogger } from '@wirestate/server'
import { XreadBroker } from './xread-broker.ts'

/** How the node's topic is delivered: see `redis-two-nodes.ts`. */
export type DeliveryMode = 'pubsub' | 'stream' | 'xread'

const { mode, redisUrl, prefix } = JSON.parse(process.argv[2] ?? '{}') as {
  mode: DeliveryMode
  redisUrl: string
  prefix: string
}
const send = (message: object) => process.send?.(message)

let broker: Broker
let closeBroker: () => Promise<void>
if (mode === 'xread') {
  const reader = await XreadBroker.connect(redisUrl, prefix)
  broker = reader.broker
  closeBroker = () => reader.close()
} else {
  const redis = await RedisBroker.connect({ url: redisUrl, prefix })
  broker = redis
  closeBroker = () => redis.close()
}
const server = createServer({
  port: 0,
  broker,
  logger: silentLogger,
  limits: {
    ratePerSecond: 1_000_000,
    rateBurst: 1_000_000,
    maxQueuedEvents: 1_000_000,
    maxBufferedBytes: 64 * 1024 * 1024,
  },
  channels: {
    'bench:*': {
      ...(mode === 'pubsub' ? {} : { stream: { maxLength: 10_000 } }),
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
process.on('message', async (message: { type: string }) => {
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage()
    send({ type: 'cpu', micros: user + system })
  } else if (message.type === 'stop') {
    await server.stop()
    await closeBroker()
    process.exit(0)
  }
})
send({ type: 'ready', url: `${server.url}?vsn=2.0.0` })
