import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Broker, TopicEvent } from '@wirestate/engine'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { describeBrokerContract } from '../../../test/broker-contract.ts'
import { eventually } from '../../../test/eventually.ts'
import { type RedisServer, startRedisServer } from '../../../test/redis-server.ts'
import { RedisBroker, type RedisBrokerOptions } from './redis-broker.ts'
import { RedisKeys } from './redis-keys.ts'

let server: RedisServer
let inspector: Redis
beforeAll(async () => {
  server = await startRedisServer()
  inspector = new Redis(server.url)
}, 15_000)
afterAll(async () => {
  await inspector?.quit()
  await server?.stop()
})

// Fast liveness so crash cases finish quickly: bound 100 + 300 = 400 ms.
const FAST = { heartbeatMs: 100, nodeTtlMs: 300 }

describeBrokerContract('redis', async () => {
  const prefix = `contract:${randomUUID()}:`
  return {
    node: () => RedisBroker.connect({ url: server.url, prefix, ...FAST }),
    crash: (node) => (node as RedisBroker).abandon(),
    livenessBoundMs: FAST.heartbeatMs + FAST.nodeTtlMs,
    destroy: async () => {},
  }
})

describe('RedisBroker', () => {
  let brokers: RedisBroker[] = []
  let prefix: string
  const topic = 'room:1'
  const node = async (options: Partial<RedisBrokerOptions> = {}) => {
    const broker = await RedisBroker.connect({ url: server.url, prefix, ...FAST, ...options })
    brokers.push(broker)
    return broker
  }
  const fresh = () => {
    prefix = `t:${randomUUID()}:`
  }
  fresh()
  afterEach(async () => {
    await Promise.all(brokers.map((b) => b.close()))
    brokers = []
    fresh()
  })

  it('keeps clusters with different prefixes apart', async () => {
    const a = await node()
    const other = await node({ prefix: `${prefix}other:` })
    const seen = await record(other, topic)
    await a.track(topic, { key: 'alice', ref: 'r1', meta: {} })
    const entry = await a.append(topic, msg('x'), { maxLength: 10 })
    const witness = await record(a, topic)
    await a.publish(topic, msg('witness'))
    await eventually(() => expect(witness.length).toBe(1))
    expect(seen).toEqual([])
    expect(await other.listPresence(topic)).toEqual({})
    expect(await other.readSince(topic, entry.id)).toEqual({ entries: [], complete: false })
  })

  it('carries JSON exactly through presence and streams ([] stays [], big numbers stay)', async () => {
    const [a, b] = [await node(), await node()]
    const onB = await record(b, topic)
    const meta = { tags: [], deep: { list: [{}] }, big: 1234567890123456, s: 'é\n"\\ ✓' }
    await a.track(topic, { key: '__proto__', ref: 'r1', meta })
    const payload = { empty: [], n: 0.1, s: '\u0000 ok' }
    const entry = await a.append(topic, { event: 'e', payload, from: 'c1' }, { maxLength: 5 })
    const expectedMeta = { ...meta, phx_ref: 'r1' }
    await eventually(() => expect(onB).toHaveLength(2))
    expect(JSON.stringify(onB[0])).toBe(
      JSON.stringify({
        type: 'presence_diff',
        joins: { ['__proto__']: { metas: [expectedMeta] } },
        leaves: {},
      }),
    )
    expect(onB[1]).toEqual({ type: 'message', event: 'e', payload, from: 'c1', id: entry.id })
    const listed = await b.listPresence(topic)
    expect(JSON.stringify(listed)).toBe(
      JSON.stringify({ ['__proto__']: { metas: [expectedMeta] } }),
    )
    expect((await b.readBefore(topic, null, 1)).entries).toEqual([
      { id: entry.id, event: 'e', payload },
    ])
  })

  it('says incomplete when the stream was lost and started again', async () => {
    const a = await node()
    const before = await a.append(topic, msg(1), { maxLength: 10 })
    await inspector.del(new RedisKeys(prefix).stream(topic))
    // A stream recreated within the same millisecond restarts at the same id:
    // Redis ids cannot tell two lives of a stream apart then. Let time move on.
    await sleep(5)
    const after = await a.append(topic, msg(2), { maxLength: 10 })
    expect(await a.readSince(topic, before.id)).toEqual({ entries: [after], complete: false })
    expect(await a.readSince(topic, after.id)).toEqual({ entries: [], complete: true })
  })

  it('publishes a crashed node’s leaves once although every other node sweeps', async () => {
    const [a, b, c] = [await node(), await node(), await node()]
    await a.track(topic, { key: 'alice', ref: 'r1', meta: {} })
    const [onB, onC] = [await record(b, topic), await record(c, topic)]
    await a.abandon()
    await eventually(() => expect(onB).toHaveLength(1), 3000)
    await sleep(3 * (FAST.heartbeatMs + FAST.nodeTtlMs)) // room for late duplicates
    const leave = {
      type: 'presence_diff',
      joins: {},
      leaves: { alice: { metas: [{ phx_ref: 'r1' }] } },
    }
    expect(onB).toEqual([leave])
    expect(onC).toEqual([leave])
    expect(await inspector.smembers(`${prefix}nodes`)).toEqual(
      expect.not.arrayContaining([a.nodeId]),
    )
  })

  it('tracks its members again when the cluster took it for dead', async () => {
    // `a` beats once a second, `b` sweeps ten times a second: when a's heartbeat
    // vanishes right after a beat (as if `a` had paused past its TTL), `b` removes
    // a's members before `a` beats again and finds out.
    const a = await node({ heartbeatMs: 1000, nodeTtlMs: 5000 })
    const b = await node()
    await a.track(topic, { key: 'alice', ref: 'r1', meta: { v: 1 } })
    const onB = await record(b, topic)
    const heartbeat = new RedisKeys(prefix).heartbeat(a.nodeId)
    await eventually(async () => expect(await inspector.pttl(heartbeat)).toBeGreaterThan(4900))
    await inspector.del(heartbeat)
    const member = { alice: { metas: [{ v: 1, phx_ref: 'r1' }] } }
    await eventually(() => expect(onB).toHaveLength(2), 3000)
    expect(onB).toEqual([
      { type: 'presence_diff', joins: {}, leaves: member },
      { type: 'presence_diff', joins: member, leaves: {} },
    ])
    expect(await b.listPresence(topic)).toEqual(member)
  })

  it('clears what an earlier process with the same nodeId left behind', async () => {
    const nodeId = `fixed-${randomUUID()}`
    const first = await node({ nodeId })
    await first.track(topic, { key: 'alice', ref: 'r1', meta: {} })
    await first.abandon()
    const observer = await node()
    const seen = await record(observer, topic)
    await node({ nodeId }) // restarted before its old heartbeat expired
    expect(await observer.listPresence(topic)).toEqual({})
    await eventually(() =>
      expect(seen).toEqual([
        { type: 'presence_diff', joins: {}, leaves: { alice: { metas: [{ phx_ref: 'r1' }] } } },
      ]),
    )
  })

  it('close leaves no keys of the node behind', async () => {
    const a = await node()
    await a.track(topic, { key: 'alice', ref: 'r1', meta: {} })
    await a.close()
    expect(await inspector.keys(`${prefix}*`)).toEqual([])
    await expect(a.track(topic, { key: 'x', ref: 'r2', meta: {} })).rejects.toThrow(/connect a new/)
  })

  it('close settles, rejecting, when Redis has gone away', async () => {
    const lonely = await startRedisServer()
    try {
      const broker = await RedisBroker.connect({
        url: lonely.url,
        onError: () => {},
        redisOptions: { retryStrategy: () => null, maxRetriesPerRequest: 0 },
      })
      await broker.track(topic, { key: 'alice', ref: 'r1', meta: {} })
      await lonely.stop()
      await expect(broker.close()).rejects.toThrow()
      await expect(broker.close()).rejects.toThrow() // the same outcome, not a second attempt
    } finally {
      await lonely.stop()
    }
  })

  it('keeps delivering to other listeners when one throws', async () => {
    const errors: unknown[] = []
    const a = await node({ onError: (error) => errors.push(error) })
    await a.subscribe(topic, () => {
      throw new Error('listener bug')
    })
    const seen = await record(a, topic)
    await a.publish(topic, msg('hi'))
    await eventually(() => expect(seen).toHaveLength(1))
    expect(errors).toEqual([new Error('listener bug')])
  })

  it('rejects bad input at once and says why', async () => {
    const a = await node()
    await expect(a.readSince(topic, 'nope')).rejects.toThrow(/not a stream id/)
    await expect(a.append(topic, msg(1), { maxLength: -1 })).rejects.toThrow(/maxLength/)
    await expect(
      RedisBroker.connect({ url: server.url, heartbeatMs: 500, nodeTtlMs: 100 }),
    ).rejects.toThrow(/heartbeatMs < nodeTtlMs/)
  })

  it('fails to connect saying where and why, without the password', async () => {
    const url = 'redis://user:secret@127.0.0.1:1'
    const failure = RedisBroker.connect({ url, redisOptions: { retryStrategy: () => null } })
    await expect(failure).rejects.toThrow(
      'cannot use Redis at redis://user:***@127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1',
    )
  })
})

const msg = (payload: unknown) => ({ event: 'new_msg', payload, from: null })

async function record(broker: Broker, topic: string): Promise<TopicEvent[]> {
  const events: TopicEvent[] = []
  await broker.subscribe(topic, (event) => events.push(event))
  return events
}
