// One server node for the multi-process chaos scenarios: chatRoute on `room:*`
// over the Redis broker at argv[2], limits lifted for a 100 msg/s publisher.
// Prints `listening on <url>` once it serves; SIGTERM stops it cleanly.
import { chatRoute, createServer, RedisBroker, silentLogger } from '../../src/index.ts'

const url = process.argv[2]
if (!url) throw new Error('usage: chaos-node.ts <redis url>')
const broker = await RedisBroker.connect({ url, onError: () => {} })
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
console.log(`listening on ${server.url} (node ${broker.nodeId})`)
process.once('SIGTERM', async () => {
  await server.stop()
  await broker.close().catch(() => {})
  process.exit(0)
})
