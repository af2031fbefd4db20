import type { Broker } from './broker.ts'
import { MemoryBroker } from './memory/memory-broker.ts'

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
}

/**
 * Builds the broker the CLI runs on: in-memory by default, Redis when a URL is given.
 *
 * @example
 * ```ts
 * const broker = await selectBroker({})
 * ```
 */
export async function selectBroker(choice: BrokerChoice): Promise<Broker> {
  if (choice.redis !== undefined) {
    throw new Error('--redis is not available yet: the Redis broker has not landed; run without it')
  }
  return new MemoryBroker()
}
