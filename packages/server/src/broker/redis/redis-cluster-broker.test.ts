import { randomUUID } from 'node:crypto'
import type { TopicEvent } from '@wirestate/engine'
import { Cluster, Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeBrokerContract } from '../../../test/broker-contract.ts'
import { eventually } from '../../../test/eventually.ts'
import { type RedisClusterServer, startRedisCluster } from '../../../test/redis-cluster.ts'
import { selectBroker } from '../select-broker.ts'
import { RedisBroker } from './redis-broker.ts'
import { RedisKeys } from './redis-keys.ts'

// Three masters on loopback (no replicas): every topic's keys live on one of them.
let cluster: RedisClusterServer
let inspector: Cluster
beforeAll(async () => {
  cluster = await startRedisCluster()
  inspector = new Cluster(
    cluster.urls.map((url) => ({ host: '127.0.0.1', port: Number(new URL(url).port) })),
  )
}, 30_000)
afterAll(async () => {
  await inspector?.quit()
  await cluster?.stop()
})

const FAST = { heartbeatMs: 100, nodeTtlMs: 300 }

describeBrokerContract('redis cluster', async () => {
  const prefix = `contract:${randomUUID()}:`
  return {
    node: () => RedisBroker.connect({ cluster: cluster.urls, prefix, ...FAST }),
    crash: (node) => (node as RedisBroker).abandon(),
    livenessBoundMs: FAST.heartbeatMs + FAST.nodeTtlMs,
    destroy: async () => {},
  }
})

describe('RedisBroker on a Redis Cluster', () => {
  it('spreads topics over every master and serves each from its shard', async () => {
    const prefix = `spread:${randomUUID()}:`
    const [a, b] = (await Promise.all(
      [0, 1].map(() => RedisBroker.connect({ cluster: cluster.urls, prefix, ...FAST })),
    )) as [RedisBroker, RedisBroker]
    try {
      const keys = new RedisKeys(prefix)
      const topics = Array.from({ length: 12 }, (_, n) => `room:${n}`)
      const seen = new Map<string, TopicEvent[]>()
      for (const topic of topics) {
        const events: TopicEvent[] = []
        seen.set(topic, events)
        await b.subscribe(topic, (event) => events.push(event))
      }
      for (const topic of topics) {
        await a.append(topic, { event: 'e', payload: { topic }, from: null }, { maxLength: 10 })
        await a.track(topic, { key: 'alice', ref: `r-${topic}`, meta: {} })
      }
      for (const topic of topics) {
        await eventually(() => expect(seen.get(topic)).toHaveLength(2))
        expect(seen.get(topic)?.[0]).toMatchObject({ type: 'message', payload: { topic } })
        expect(await b.listPresence(topic)).toEqual({
          alice: { metas: [{ phx_ref: `r-${topic}` }] },
        })
      }
      const shards = new Set<string>()
      for (const topic of topics) {
        const slot = Number(await inspector.cluster('KEYSLOT', keys.stream(topic)))
        expect(Number(await inspector.cluster('KEYSLOT', keys.presence(topic)))).toBe(slot)
        expect(Number(await inspector.cluster('KEYSLOT', keys.channel(topic)))).toBe(slot)
        shards.add(slot <= 5460 ? 'first' : slot <= 10922 ? 'second' : 'third')
      }
      expect(shards.size).toBe(3)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  it("tells a topic's listeners it resumed once a shard's subscriber came back (subscribersReady)", async () => {
    const prefix = `resume:${randomUUID()}:`
    const broker = await RedisBroker.connect({ cluster: cluster.urls, prefix, ...FAST })
    try {
      const events: TopicEvent[] = []
      await broker.subscribe('room:r', (event) => events.push(event))
      const slot = Number(
        await inspector.cluster('KEYSLOT', new RedisKeys(prefix).channel('room:r')),
      )
      const shard = cluster.masters[slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2]
      const master = new Redis(shard?.url as string)
      // Only that shard drops its subscribers; ioredis rebuilds them, then says so.
      await master.call('CLIENT', 'KILL', 'TYPE', 'pubsub')
      await master.quit()
      await eventually(() => expect(events).toContainEqual({ type: 'resumed' }), 5000)
      await broker.track('room:r', { key: 'alice', ref: 'a1', meta: {} })
      await eventually(() => expect(events.at(-1)).toMatchObject({ type: 'presence_diff' }))
    } finally {
      await broker.close()
    }
  })

  it('is what selectBroker builds from seed URLs, and refuses two kinds of Redis at once', async () => {
    const broker = await selectBroker({ redisCluster: [cluster.urls[1] as string] })
    try {
      const entry = await broker.append('room:seed', { event: 'e', payload: {}, from: null }, {})
      expect(await broker.readSince('room:seed', entry.id)).toEqual({ entries: [], complete: true })
    } finally {
      await broker.close()
    }
    await expect(selectBroker({ redis: 'redis://x', redisCluster: cluster.urls })).rejects.toThrow(
      /choose one Redis/,
    )
  })
})
