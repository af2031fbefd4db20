import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis'
import { parseClusterSeed, withoutPassword } from './redis-url.ts'

/**
 * A connection the broker talks through: one Redis, or a Redis Cluster (ioredis
 * routes each command to the shard of its keys).
 *
 * @example
 * ```ts
 * const redis: RedisClient = new Redis('redis://127.0.0.1:6379')
 * ```
 */
export type RedisClient = Redis | Cluster

/**
 * Where the broker's Redis is: `url` for one Redis, or `cluster` for the seed
 * nodes of a Redis Cluster (any few masters; the rest are discovered).
 *
 * @example
 * ```ts
 * const single: RedisTarget = { url: 'redis://127.0.0.1:6379' }
 * const cluster: RedisTarget = { cluster: ['redis://10.0.0.1:7000', 'redis://10.0.0.2:7000'] }
 * ```
 */
export interface RedisTarget {
  readonly url?: string
  readonly cluster?: readonly string[]
  /** Extra ioredis options for every connection (TLS, timeouts, ...). */
  readonly redisOptions?: RedisOptions
}

/**
 * The broker's connections: `commands` for commands and scripts, `subscriber`
 * for shard channel subscriptions (sharded pub/sub: `SSUBSCRIBE`, one subscriber
 * connection per master on a Cluster).
 *
 * @example
 * ```ts
 * const { commands, subscriber, cluster } = await openRedis({ url: 'redis://127.0.0.1:6379' })
 * ```
 */
export interface RedisConnections {
  readonly commands: RedisClient
  readonly subscriber: RedisClient
  readonly cluster: boolean
}

/**
 * Opens both connections and checks the Redis version; both up, or neither. A
 * wrong URL fails here, at startup, saying where (without the password) and why.
 *
 * @example
 * ```ts
 * const connections = await openRedis({ cluster: ['redis://127.0.0.1:7000'] })
 * ```
 */
export async function openRedis(target: RedisTarget): Promise<RedisConnections> {
  const cluster = target.cluster !== undefined
  if (cluster === (target.url !== undefined)) {
    throw new TypeError('give the Redis broker either `url` (one Redis) or `cluster` (seed nodes)')
  }
  if (cluster && target.cluster?.length === 0) {
    throw new TypeError('`cluster` needs at least one seed node URL')
  }
  const pair = [connection(target, 'commands'), connection(target, 'subscriber')] as const
  // connect() only says "Connection is closed"; the error event says why.
  let reason: unknown = null
  const remember = (error: unknown) => {
    reason ??= error
  }
  for (const redis of pair) redis.on('error', remember)
  try {
    await Promise.all(pair.map((redis) => redis.connect()))
    await assertRedisVersion(pair[0])
  } catch (error) {
    for (const redis of pair) redis.disconnect()
    const cause = reason ?? error
    throw new Error(`cannot use Redis at ${where(target)}: ${(cause as Error).message}`, { cause })
  }
  for (const redis of pair) redis.off('error', remember)
  return { commands: pair[0], subscriber: pair[1], cluster }
}

function connection(target: RedisTarget, role: 'commands' | 'subscriber'): RedisClient {
  const options = { lazyConnect: true, ...target.redisOptions }
  if (target.url !== undefined) return new Redis(target.url, options)
  const seeds = (target.cluster ?? []).map(parseClusterSeed)
  const { username, password } = seeds[0] ?? {}
  const clusterOptions: ClusterOptions = {
    lazyConnect: true,
    redisOptions: { username, password, ...target.redisOptions },
    shardedSubscribers: role === 'subscriber',
  }
  return new Cluster(
    seeds.map(({ host, port }) => ({ host, port })),
    clusterOptions,
  )
}

function where(target: RedisTarget): string {
  if (target.url !== undefined) return withoutPassword(target.url)
  return `cluster ${(target.cluster ?? []).map(withoutPassword).join(',')}`
}

// Streams need 7.0: XSETID ... MAXDELETEDID and XINFO's max-deleted-entry-id
// record what trimming removed, which `readSince` relies on; sharded pub/sub is 7.0 too.
async function assertRedisVersion(redis: RedisClient): Promise<void> {
  const info = await redis.info('server')
  const version = /redis_version:(\d+)\.(\d+)/.exec(info)
  if (!version || Number(version[1]) < 7) {
    throw new Error(`Redis 7.0 or later is needed, found ${version?.[0] ?? 'an unknown version'}`)
  }
}
