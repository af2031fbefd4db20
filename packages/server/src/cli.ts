#!/usr/bin/env node
import { selectBroker } from './broker/select-broker.ts'
import { consoleLogger } from './cli/console-logger.ts'
import { type CliArgs, parseCliArgs, USAGE } from './cli/parse-args.ts'
import { type DemoUser, demoSocket } from './demo/demo-socket.ts'
import { createServer, type WirestateServer } from './server.ts'
import { socketOptions } from './socket/socket-definition.ts'

// The `wirestate-server` command: the demo socket on the memory, Redis or Redis Cluster broker.
async function main(): Promise<void> {
  let args: CliArgs
  try {
    args = parseCliArgs(process.argv.slice(2))
  } catch (error) {
    console.error(`wirestate-server: ${(error as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
  if (args.help) return console.log(USAGE)
  const broker = await selectBroker({ redis: args.redis, redisCluster: args.redisCluster }).catch(
    (error: Error) => {
      console.error(`wirestate-server: ${error.message}`)
      process.exit(1)
    },
  )
  const server: WirestateServer<DemoUser> = createServer({
    ...socketOptions(demoSocket, () => server),
    port: args.port,
    host: args.host,
    broker,
    logger: consoleLogger,
    ...(args.idleTimeoutMs === undefined ? {} : { limits: { idleTimeoutMs: args.idleTimeoutMs } }),
  })
  await server.start()
  console.log(
    `wirestate-server listening on ${server.url} (${brokerName(args)}, node ${broker.nodeId})`,
  )
  const shutdown = async () => {
    await server.stop()
    await broker.close()
    process.exit(0)
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

// For the startup line: which broker, never its URLs (they may carry a password).
function brokerName(args: CliArgs): string {
  if (args.redisCluster) {
    const count = args.redisCluster.length
    return `redis cluster broker, ${count} seed node${count === 1 ? '' : 's'}`
  }
  return args.redis === undefined ? 'memory broker' : 'redis broker'
}

// Last line of defence: whatever slips past the handlers' guards is logged, and
// the server keeps serving everyone else.
process.on('uncaughtException', (error) =>
  consoleLogger.error('uncaught exception', { error: error.stack }),
)
process.on('unhandledRejection', (error) =>
  consoleLogger.error('unhandled rejection', { error: String(error) }),
)

main().catch((error) => {
  console.error(`wirestate-server: ${(error as Error).stack ?? error}`)
  process.exit(1)
})
