import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../eventually.ts'
import { type FaultProxy, startFaultProxy } from '../fault-proxy.ts'
import { type RedisServer, startRedisServer } from '../redis-server.ts'
import { chaosSize, reportChaos } from './chaos.ts'
import { nothingLost, publish, settleDelivery, subscribe } from './chat-clients.ts'
import { startChatNode } from './chat-node.ts'

// A stream topic on two nodes sharing Redis: a publisher on node A at 100/s, a
// subscriber on node B. Every 2 s one link of the subscriber breaks, in turn its
// WebSocket to node B and node B's connections to Redis, each through a fault
// proxy: cut, blackholed (no FIN), slow with jitter, reset mid-frame, refused.
const MESSAGES = chaosSize(600, 2000)
const PER_SECOND = 100
const FAULT_EVERY_MS = 2000
const TOPIC = 'room:faults'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
}, 15_000)
afterAll(() => redis?.stop())

describe('a stream topic while the subscriber’s links keep breaking', () => {
  it(`delivers ${MESSAGES} confirmed messages once, in order, faults every 2 s`, async () => {
    const prefix = `chaos-${randomUUID()}:`
    const redisLink = await startFaultProxy({ host: '127.0.0.1', port: redis.port })
    const liveness = { heartbeatMs: 250, nodeTtlMs: 750 }
    const nodeA = await startChatNode({ url: redis.url, prefix, ...liveness })
    const nodeB = await startChatNode({ url: redisLink.url('redis'), prefix, ...liveness })
    const wsLink = await startFaultProxy({ host: '127.0.0.1', port: nodeB.server.port })
    const subscriber = subscribe(wsLink.url('ws', '/socket/websocket'), TOPIC)
    try {
      await eventually(() => expect(subscriber.joined()).toBe(true), 5000)
      const publisher = publish(nodeA.server.url, TOPIC, { count: MESSAGES, perSecond: PER_SECOND })
      const faults = breakLinksUntil(publisher.done, wsLink, redisLink)
      await publisher.done
      const injected = await faults
      const counters = await settleDelivery(publisher, subscriber)
      reportChaos('stream topic, subscriber links faulted every 2 s', {
        ...counters,
        faults: injected.join(' '),
      })
      expect(counters).toMatchObject(nothingLost(MESSAGES))
      publisher.client.disconnect()
    } finally {
      subscriber.client.disconnect()
      await Promise.all([nodeA.stop(), nodeB.stop()])
      await Promise.all([wsLink.close(), redisLink.close()])
    }
  }, 120_000)
})

// The faults, in turn, one every FAULT_EVERY_MS while the publisher runs.
const FAULTS: [name: string, inject: (ws: FaultProxy, redis: FaultProxy) => Promise<void>][] = [
  ['ws-cut', async (ws) => ws.cut()],
  ['redis-blackhole', async (_, redis) => redis.blackhole()],
  ['ws-latency', async (ws) => slowFor(ws, 1000)],
  ['redis-cut', async (_, redis) => redis.cut()],
  ['ws-reset-mid-frame', async (ws) => ws.resetMidFrame()],
  ['ws-blackhole', async (ws) => ws.blackhole()],
  ['redis-latency', async (_, redis) => slowFor(redis, 1000)],
  ['ws-refused', async (ws) => refusedFor(ws, 1000)],
]

async function breakLinksUntil(done: Promise<void>, ws: FaultProxy, redis: FaultProxy) {
  const injected: string[] = []
  let finished = false
  void done.then(() => {
    finished = true
  })
  for (let i = 0; !finished; i++) {
    await sleep(FAULT_EVERY_MS)
    if (finished) break
    const [name, inject] = FAULTS[i % FAULTS.length] as (typeof FAULTS)[number]
    injected.push(name)
    await inject(ws, redis)
  }
  return injected
}

async function slowFor(proxy: FaultProxy, ms: number): Promise<void> {
  proxy.latency(150, 100)
  await sleep(ms)
  proxy.latency(0)
}

async function refusedFor(proxy: FaultProxy, ms: number): Promise<void> {
  proxy.refuse(true)
  proxy.cut()
  await sleep(ms)
  proxy.refuse(false)
}
