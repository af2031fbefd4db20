import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Broker } from '@wirestate/engine'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MemoryBroker, MemoryHub, RedisBroker } from '../src/index.ts'
import { type RedisServer, startRedisServer } from './redis-server.ts'

// The shared-records capability (Broker.readRecords / swapRecord) that the chat
// and notifications features need, checked on both brokers with two nodes each.

interface RecordsCluster {
  readonly nodes: readonly [Broker, Broker]
  /** Lets `ms` pass for record expiry. */
  elapse(ms: number): Promise<void>
  close(): Promise<void>
}

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(() => redis.stop())

const clusters: Record<string, () => Promise<RecordsCluster>> = {
  memory: async () => {
    const hub = new MemoryHub()
    let clock = 1_700_000_000_000
    const now = () => clock
    const nodes = [new MemoryBroker({ hub, now }), new MemoryBroker({ hub, now })] as const
    return {
      nodes,
      elapse: async (ms) => {
        clock += ms
      },
      close: async () => {
        await Promise.all(nodes.map((n) => n.close()))
      },
    }
  },
  redis: async () => {
    const prefix = `records-${randomUUID()}:`
    const connect = () => RedisBroker.connect({ url: redis.url, prefix })
    const nodes = [await connect(), await connect()] as const
    return {
      nodes,
      // Redis expires keys by its own clock; nothing to fake there.
      elapse: (ms) => sleep(ms),
      close: async () => {
        await Promise.all(nodes.map((n) => n.close()))
      },
    }
  },
}

describe.each(Object.keys(clusters))('%s broker: shared records', (name) => {
  let cluster: RecordsCluster
  let a: Broker
  let b: Broker
  beforeEach(async () => {
    cluster = await (clusters[name] as () => Promise<RecordsCluster>)()
    ;[a, b] = cluster.nodes
  })
  afterEach(() => cluster.close())

  const swap = (node: Broker, key: string, expected: string | null, value: string | null) =>
    (node.swapRecord as NonNullable<Broker['swapRecord']>).call(node, key, expected, value, 60_000)
  const read = (node: Broker, keys: string[]) =>
    (node.readRecords as NonNullable<Broker['readRecords']>).call(node, keys)

  it('swaps only from the expected value, and every node sees the result', async () => {
    expect(await read(a, ['k1', 'k2'])).toEqual([null, null])
    expect(await swap(a, 'k1', null, 'one')).toBeNull()
    expect(await read(b, ['k2', 'k1'])).toEqual([null, 'one'])
    expect(await swap(b, 'k1', null, 'other')).toBe('one')
    expect(await swap(b, 'k1', 'wrong', 'other')).toBe('one')
    expect(await read(a, ['k1'])).toEqual(['one'])
    expect(await swap(b, 'k1', 'one', 'two')).toBe('one')
    expect(await read(a, ['k1'])).toEqual(['two'])
    expect(await swap(a, 'k1', 'two', null)).toBe('two')
    expect(await read(b, ['k1'])).toEqual([null])
  })

  it('tells an empty value from an absent one', async () => {
    expect(await swap(a, 'empty', null, '')).toBeNull()
    expect(await read(b, ['empty'])).toEqual([''])
    expect(await swap(b, 'empty', null, 'x')).toBe('')
    expect(await swap(b, 'empty', '', 'x')).toBe('')
    expect(await read(a, ['empty'])).toEqual(['x'])
  })

  it('lets exactly one of many concurrent claims from both nodes win', async () => {
    const claims = Array.from({ length: 20 }, (_, i) => swap(i % 2 ? a : b, 'claim', null, `c${i}`))
    const found = await Promise.all(claims)
    const winners = found.flatMap((value, i) => (value === null ? [`c${i}`] : []))
    expect(winners).toHaveLength(1)
    expect(new Set(found.filter((v) => v !== null))).toEqual(new Set(winners))
    expect(await read(a, ['claim'])).toEqual(winners)
  })

  it('forgets a record after its expiry', async () => {
    const setWith = (node: Broker, ttlMs: number) =>
      (node.swapRecord as NonNullable<Broker['swapRecord']>).call(node, 'short', null, 'v', ttlMs)
    expect(await setWith(a, 40)).toBeNull()
    expect(await read(b, ['short'])).toEqual(['v'])
    await cluster.elapse(120)
    expect(await read(b, ['short'])).toEqual([null])
    expect(await setWith(b, 40)).toBeNull()
    await expect(setWith(a, 0)).rejects.toThrow(TypeError)
  })
})
