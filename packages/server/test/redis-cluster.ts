import { execFile } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { Redis } from 'ioredis'
import { freePort } from '../../../free-port.ts'
import { type RedisServer, startRedisServer } from './redis-server.ts'

/**
 * A throwaway Redis Cluster of three masters (no replicas) on loopback, each on a
 * free port with its cluster bus on another free port, for the tests of the
 * Cluster broker. Stopped in `afterAll`.
 *
 * @example
 * ```ts
 * let cluster: RedisClusterServer
 * beforeAll(async () => { cluster = await startRedisCluster() }, 30_000)
 * afterAll(() => cluster.stop())
 * ```
 */
export interface RedisClusterServer {
  /** The three masters, in the order their slot ranges go (0-5460, 5461-10922, 10923-16383). */
  readonly masters: readonly RedisServer[]
  /** `redis://127.0.0.1:<port>` of every master: seed nodes for `RedisBroker.connect({ cluster })`. */
  readonly urls: readonly string[]
  /** Stops every master and removes their data. */
  stop(): Promise<void>
}

const run = promisify(execFile)
const MASTERS = 3
const READY_TIMEOUT_MS = 15_000

/**
 * Starts three `redis-server --cluster-enabled yes` processes, joins them with
 * `redis-cli --cluster create`, and waits until every node reports
 * `cluster_state:ok`. Fails (never skips) when the binaries are missing.
 *
 * @example
 * ```ts
 * const cluster = await startRedisCluster()
 * const broker = await RedisBroker.connect({ cluster: cluster.urls })
 * ```
 */
export async function startRedisCluster(
  options: { persistence?: 'none' | 'aof' } = {},
): Promise<RedisClusterServer> {
  const masters: RedisServer[] = []
  const stop = async () => {
    await Promise.all(masters.map((m) => m.stop()))
  }
  try {
    for (let i = 0; i < MASTERS; i++) {
      // The bus port is given explicitly: the default (port + 10000) may be taken.
      const bus = await freePort()
      const args = [
        ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'],
        ...['--cluster-port', String(bus), '--cluster-node-timeout', '2000'],
      ]
      masters.push(await startRedisServer({ ...options, args }))
    }
    const addresses = masters.map((m) => `127.0.0.1:${m.port}`)
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-yes'], {
      timeout: READY_TIMEOUT_MS,
    })
    await Promise.all(masters.map((m) => clusterReady(m.port)))
    return { masters, urls: masters.map((m) => m.url), stop }
  } catch (error) {
    await stop()
    throw error
  }
}

// `--cluster create` returns once slots are assigned; the nodes agree a moment later.
async function clusterReady(port: number): Promise<void> {
  const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true })
  const deadline = Date.now() + READY_TIMEOUT_MS
  try {
    await redis.connect()
    let info = ''
    while (Date.now() < deadline) {
      info = await redis.cluster('INFO')
      if (info.includes('cluster_state:ok')) return
      await sleep(50)
    }
    throw new Error(`cluster node ${port} not ok after ${READY_TIMEOUT_MS} ms:\n${info}`)
  } finally {
    redis.disconnect()
  }
}
