import { type Broker, MemoryBroker } from '@wirestate/engine'
import { RedisBroker } from './redis/redis-broker.ts'

/**
 * Which broker to run on, as the CLI asks for it.
 *
 * @example
 * ```ts
 * const choice: BrokerChoice = { redis: 'redis://127.0.0.1:6379' }
 * ```
 */
export interface BrokerChoice {
  /** A Redis URL for a multi-node cluster; in-memory (one node) when omitted. */
  redis?: string
  /** Seed node URLs of a Redis Cluster, instead of `redis`. */
  redisCluster?: readonly string[]
}

/**
 * Builds the broker the CLI runs on: in-memory by default, Redis when a URL is
 * given (every node started with the same URL forms one cluster), a Redis Cluster
 * when seed URLs are. Rejects with the URL and the reason when Redis cannot be
 * reached or is older than 7.0.
 *
 * @example
 * ```ts
 * const single = await selectBroker({})
 * const shared = await selectBroker({ redis: 'redis://127.0.0.1:6379' })
 * const sharded = await selectBroker({ redisCluster: ['redis://10.0.0.1:6379', 'redis://10.0.0.2:6379'] })
 * ```
 */
export async function selectBroker(choice: BrokerChoice): Promise<Broker> {
  if (choice.redis !== undefined && choice.redisCluster !== undefined) {
    throw new TypeError('choose one Redis: `redis` (one instance) or `redisCluster` (seed nodes)')
  }
  if (choice.redisCluster !== undefined)
    return RedisBroker.connect({ cluster: choice.redisCluster })
  if (choice.redis !== undefined) return RedisBroker.connect({ url: choice.redis })
  return new MemoryBroker()
}
