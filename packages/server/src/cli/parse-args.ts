import { parseArgs } from 'node:util'
import { parseClusterSeed } from '../broker/redis/redis-url.ts'

/**
 * What the CLI was asked to do.
 *
 * @example
 * ```ts
 * const args: CliArgs = { port: 4000, host: '127.0.0.1', redis: undefined, redisCluster: undefined, idleTimeoutMs: undefined, help: false }
 * ```
 */
export interface CliArgs {
  port: number
  host: string
  /** One Redis; never set together with `redisCluster`. */
  redis: string | undefined
  /** Seed node URLs of a Redis Cluster, in the order given. */
  redisCluster: string[] | undefined
  /** Cut a connection that sent nothing (not even a heartbeat) for this long; undefined: the default. */
  idleTimeoutMs: number | undefined
  help: boolean
}

/**
 * The CLI's usage text.
 *
 * @example
 * ```ts
 * console.log(USAGE)
 * ```
 */
export const USAGE: string = `Usage: wirestate-server [--port 4000] [--host 127.0.0.1]
         [--redis redis://127.0.0.1:6379 | --redis-cluster redis://10.0.0.1:7000,redis://10.0.0.2:7000]
         [--idle-timeout 60000]

Runs the wirestate demo server (Phoenix Channels v2) at ws://HOST:PORT/socket/websocket.
  --port   port to listen on; 0 picks a free one (default 4000)
  --host   interface to listen on (default 127.0.0.1)
  --redis  share messages, history and presence with other nodes through Redis
  --redis-cluster  the same through a Redis Cluster: comma-separated seed node URLs
           (a few masters; the rest are discovered); may be repeated, the lists add up
  --idle-timeout  ms without a frame (heartbeats count) before a connection is taken for
           dead and its presence leaves (default 60000, as Phoenix)
  --help   print this text`

/**
 * Parses the command line; throws an `Error` whose message says what is wrong.
 *
 * @example
 * ```ts
 * parseCliArgs(['--port', '0']) // { port: 0, host: '127.0.0.1', redis: undefined, redisCluster: undefined, idleTimeoutMs: undefined, help: false }
 * parseCliArgs(['--redis-cluster', 'redis://h1:7000,redis://h2:7000']).redisCluster // ['redis://h1:7000', 'redis://h2:7000']
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  // `pnpm start -- --port 1` passes the `--` through; it means nothing here.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv]
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '4000' },
      host: { type: 'string', default: '127.0.0.1' },
      redis: { type: 'string' },
      'redis-cluster': { type: 'string', multiple: true },
      'idle-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, got ${JSON.stringify(values.port)}`)
  }
  const idle = values['idle-timeout']
  const idleTimeoutMs = idle === undefined ? undefined : Number(idle)
  if (idleTimeoutMs !== undefined && !(Number.isInteger(idleTimeoutMs) && idleTimeoutMs >= 1000)) {
    throw new Error(
      `--idle-timeout must be a whole number of ms, at least 1000, got ${JSON.stringify(idle)}`,
    )
  }
  const redisCluster = clusterSeeds(values['redis-cluster'])
  if (values.redis !== undefined && redisCluster !== undefined) {
    throw new Error('give --redis (one Redis) or --redis-cluster (seed nodes), not both')
  }
  return {
    port,
    host: values.host,
    redis: values.redis,
    redisCluster,
    idleTimeoutMs,
    help: values.help,
  }
}

// Each occurrence is a comma-separated list; an empty entry is a typo (`a,,b`, a
// trailing comma), not something to skip. Messages never quote a password.
function clusterSeeds(lists: string[] | undefined): string[] | undefined {
  if (lists === undefined) return undefined
  const seeds = lists.flatMap((list) => list.split(',')).map((seed) => seed.trim())
  seeds.forEach((seed, i) => {
    if (seed === '') {
      throw new Error(
        `--redis-cluster: seed ${i + 1} is empty; give redis://host:port URLs separated by commas`,
      )
    }
    try {
      parseClusterSeed(seed)
    } catch (error) {
      throw new Error(`--redis-cluster: seed ${i + 1}: ${(error as Error).message}`)
    }
  })
  return seeds
}
