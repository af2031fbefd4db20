import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { eventually } from '../eventually.ts'
import { type FaultProxy, startFaultProxy } from '../fault-proxy.ts'
import { type ServerNode, startNodeScript } from '../multi-node-process.ts'
import { type RedisServer, startRedisServer } from '../redis-server.ts'
import { chaosSize, reportChaos } from './chaos.ts'
import { nothingLost, publish, settleDelivery, subscribe } from './chat-clients.ts'

// Two server processes on one Redis (AOF, fsync always: a confirmed append is on
// disk). A publisher on node A sends chat messages at 100/s; a subscriber sits on
// node B. Redis is killed and started again twice mid-stream, then node B is
// SIGKILLed and the subscriber moves to node A. Every confirmed message must reach
// the subscriber once, in order, with no gap signalled. Node B reaches Redis through
// a proxy that lets it back in 300 ms after node A: the publisher's node appends
// while the subscriber's node is still resubscribing, as happens when their
// reconnect attempts fall differently.
const RUNS = chaosSize(1, 5)
const MESSAGES = chaosSize(300, 2000)
const PER_SECOND = 100
const DOWN_MS = chaosSize(500, 1000)
const LATE_MS = 300
const NODE = fileURLToPath(new URL('./chaos-node.ts', import.meta.url))
const TOPIC = 'room:restarts'

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {})
  cleanup = []
})

describe('two nodes, Redis restarted twice mid-stream, then a node killed', () => {
  for (let run = 1; run <= RUNS; run++) {
    it(`run ${run} of ${RUNS}: ${MESSAGES} messages at ${PER_SECOND}/s, 0 lost, 0 duplicated, 0 out of order`, async () => {
      const redis = await startRedisServer({ persistence: 'aof' })
      cleanup.push(() => redis.stop())
      const lateLink = await startFaultProxy({ host: '127.0.0.1', port: redis.port })
      cleanup.push(() => lateLink.close())
      const [nodeA, nodeB] = await Promise.all([node(redis.url), node(lateLink.url('redis'))])
      let subscriberNode = nodeB
      const subscriber = subscribe(() => url(subscriberNode), TOPIC)
      cleanup.push(async () => subscriber.client.disconnect())
      await eventually(() => expect(subscriber.joined()).toBe(true), 5000)
      const publisher = publish(url(nodeA), TOPIC, { count: MESSAGES, perSecond: PER_SECOND })
      cleanup.push(async () => publisher.client.disconnect())

      const seconds = MESSAGES / PER_SECOND
      await sleep(seconds * 250)
      await restart(redis, lateLink)
      await sleep(seconds * 300)
      await restart(redis, lateLink)
      await sleep(seconds * 250)
      await nodeB.kill('SIGKILL')
      subscriberNode = nodeA
      await publisher.done

      const counters = await settleDelivery(publisher, subscriber)
      reportChaos(`two nodes, 2 Redis restarts + SIGKILL (run ${run})`, counters)
      expect(counters).toMatchObject(nothingLost(MESSAGES))
    }, 120_000)
  }
})

async function node(redisUrl: string): Promise<ServerNode> {
  const started = await startNodeScript(NODE, [redisUrl])
  cleanup.push(() => started.kill('SIGKILL'))
  return started
}

function url(node: ServerNode): string {
  return `${node.socketUrl}/websocket`
}

async function restart(redis: RedisServer, late: FaultProxy): Promise<void> {
  late.refuse(true)
  await redis.kill('SIGKILL')
  await sleep(DOWN_MS)
  await redis.start()
  await sleep(LATE_MS)
  late.refuse(false)
}
