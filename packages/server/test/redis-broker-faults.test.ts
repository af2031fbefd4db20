import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { TopicEvent, TopicMessage } from '@wirestate/engine'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RedisBroker, type RedisBrokerOptions } from '../src/broker/redis/redis-broker.ts'
import { RedisKeys } from '../src/broker/redis/redis-keys.ts'
import { tally } from './chaos/tally.ts'
import { eventually } from './eventually.ts'
import { type FaultProxy, startFaultProxy } from './fault-proxy.ts'
import { type RedisServer, startRedisServer } from './redis-server.ts'

// The Redis broker when its link to Redis breaks: every confirmed stream entry
// reaches every subscribed node once, in order; an append whose reply was lost is
// stored once. Fast liveness, so a silent link is noticed in a few hundred ms.
const FAST = { heartbeatMs: 100, nodeTtlMs: 300 }

let redis: RedisServer
let inspector: Redis
let proxy: FaultProxy
let brokers: RedisBroker[] = []
let prefix: string
const topic = 'room:faults'

beforeAll(async () => {
  redis = await startRedisServer()
  inspector = new Redis(redis.url)
}, 15_000)
afterAll(async () => {
  await inspector?.quit()
  await redis?.stop()
})
afterEach(async () => {
  await Promise.all(brokers.map((b) => b.close().catch(() => {})))
  brokers = []
  await proxy?.close()
})

async function node(options: Partial<RedisBrokerOptions> = {}): Promise<RedisBroker> {
  const broker = await RedisBroker.connect({
    url: redis.url,
    prefix,
    onError: () => {},
    ...FAST,
    ...options,
  })
  brokers.push(broker)
  return broker
}

async function throughProxy(options: Partial<RedisBrokerOptions> = {}): Promise<RedisBroker> {
  proxy = await startFaultProxy({ host: '127.0.0.1', port: redis.port })
  return node({ url: proxy.url('redis'), ...options })
}

// What the subscriber got, by id, against what the appender was confirmed.
function counted(confirmed: string[], events: TopicEvent[]) {
  const ids = events.flatMap((e) => (e.type === 'message' && e.id ? [e.id] : []))
  const { lost, duplicated, outOfOrder } = tally(confirmed, ids)
  return { lost, duplicated, outOfOrder }
}

async function appendPaced(
  broker: RedisBroker,
  count: number,
  everyMs: number,
  during: () => void,
) {
  const confirmed: string[] = []
  for (let n = 0; n < count; n++) {
    if (n % 20 === 10) during()
    const entry = await broker.append(topic, { event: 'e', payload: { n }, from: null }, {})
    confirmed.push(entry.id)
    await sleep(everyMs)
  }
  return confirmed
}

describe('RedisBroker when the link to Redis breaks', () => {
  it('a subscriber whose connection is killed mid-stream still delivers every entry once, in order', async () => {
    prefix = `faults-${randomUUID()}:`
    const [appender, subscriber] = [await node(), await node()]
    const events: TopicEvent[] = []
    await subscriber.subscribe(topic, (e) => events.push(e))
    // CLIENT KILL TYPE pubsub drops every subscribed connection (Redis forgets its
    // subscriptions): whatever is published until ioredis resubscribes is lost to pub/sub.
    const confirmed = await appendPaced(appender, 120, 2, () => {
      void inspector.call('CLIENT', 'KILL', 'TYPE', 'pubsub')
    })
    await eventually(() => expect(counted(confirmed, events).lost).toBe(0), 5000)
    expect(counted(confirmed, events)).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 })
    // No gap: nothing was lost. Each resubscription is announced (presence diffs
    // published meanwhile may be lost; listeners read presence again).
    const others = events.filter((e) => e.type !== 'message').map((e) => e.type)
    expect(new Set(others)).toEqual(new Set(['resumed']))
  })

  it('a link that goes silent (blackholed, no FIN) is noticed, dropped, and caught up', async () => {
    prefix = `faults-${randomUUID()}:`
    const appender = await node()
    const subscriber = await throughProxy()
    const events: TopicEvent[] = []
    await subscriber.subscribe(topic, (e) => events.push(e))
    const confirmed = await appendPaced(appender, 60, 5, () => proxy.blackhole())
    await eventually(() => expect(counted(confirmed, events).lost).toBe(0), 5000)
    expect(counted(confirmed, events)).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 })
    expect(proxy.counters.faults).toBeGreaterThan(0)
    expect(proxy.counters.accepted).toBeGreaterThan(2) // it came back on new connections
  })

  it('stores an append once when its reply was lost and ioredis sent it again', async () => {
    prefix = `faults-${randomUUID()}:`
    const appender = await throughProxy({ heartbeatMs: 1000, nodeTtlMs: 3000 })
    const watcher = await node()
    const events: TopicEvent[] = []
    await watcher.subscribe(topic, (e) => events.push(e))
    const stream = new RedisKeys(prefix).stream(topic)
    proxy.latency(200)
    const appending = appender.append(topic, { event: 'e', payload: { n: 1 }, from: null }, {})
    // Stored by Redis, its reply still on the way back: cut the link under it.
    await eventually(async () => expect(await inspector.xlen(stream)).toBe(1))
    proxy.latency(0)
    proxy.cut()
    const entry = await appending
    await sleep(100) // a second copy would be published right behind the first
    expect(await inspector.xlen(stream)).toBe(1)
    expect(await inspector.xrange(stream, '-', '+')).toEqual([
      [entry.id, ['event', 'e', 'payload', '{"n":1}', 'seq', '1']],
    ])
    // (Under load a heartbeat may lapse: the watcher then resubscribes, `resumed`.)
    const messages = events.filter((e): e is TopicMessage => e.type === 'message')
    expect(messages.map((e) => e.id)).toEqual([entry.id])
  })

  it('Redis emptied: every node writes its presence back, and the lost stream is a gap', async () => {
    prefix = `faults-${randomUUID()}:`
    const [a, b] = [await node(), await node()]
    await a.track(topic, { key: 'alice', ref: 'r1', meta: { v: 1 } })
    const events: TopicEvent[] = []
    await b.subscribe(topic, (e) => events.push(e))
    const before = await a.append(topic, { event: 'e', payload: { n: 1 }, from: null }, {})
    await eventually(() => expect(events).toHaveLength(1))
    await inspector.flushall()
    const alice = { alice: { metas: [{ v: 1, phx_ref: 'r1' }] } }
    // Liveness bounds: a loaded machine stretches the 100/300 ms heartbeat and TTL.
    await eventually(async () => expect(await b.listPresence(topic)).toEqual(alice), 10_000)
    await eventually(() => expect(events.map((e) => e.type)).toContain('gap'), 10_000)
    const after = await a.append(topic, { event: 'e', payload: { n: 2 }, from: null }, {})
    // b resubscribed after finding its heartbeat gone: announced, in no fixed place.
    const delivered = () => events.filter((e) => e.type !== 'resumed')
    await eventually(() => expect(delivered()).toHaveLength(4))
    expect(events.some((e) => e.type === 'resumed')).toBe(true)
    expect(delivered().slice(1)).toEqual([
      { type: 'presence_diff', joins: alice, leaves: {} },
      { type: 'gap' },
      { type: 'message', event: 'e', payload: { n: 2 }, from: null, id: after.id },
    ])
    expect(await b.readSince(topic, before.id)).toEqual({
      entries: [{ id: after.id, event: 'e', payload: { n: 2 } }],
      complete: false,
    })
  }, 30_000)
})
