import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  type Broker,
  createServer,
  MemoryBroker,
  MemoryHub,
  notificationsRoute,
  RedisBroker,
  silentLogger,
  type WirestateServer,
} from '../src/index.ts'
import { FeatureSocket } from './features-socket.ts'
import { type RedisServer, startRedisServer } from './redis-server.ts'

type User = { name: string }
const TOPIC = 'user:carol:notifications'
const RETENTION = { maxLength: 50, maxAgeMs: 3_600_000 }

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(() => redis.stop())

// Two nodes on one backend: read state must not depend on the node a tab is on.
const backends: Record<string, () => Promise<[Broker, Broker]>> = {
  memory: async () => {
    const hub = new MemoryHub()
    return [new MemoryBroker({ hub }), new MemoryBroker({ hub })]
  },
  redis: async () => {
    const prefix = `notifications-${randomUUID()}:`
    return Promise.all([
      RedisBroker.connect({ url: redis.url, prefix }),
      RedisBroker.connect({ url: redis.url, prefix }),
    ])
  },
}

describe.each(Object.keys(backends))('notificationsRoute on the %s broker', (backend) => {
  let brokers: Broker[]
  let nodes: WirestateServer<User>[]
  let sockets: FeatureSocket[]

  beforeEach(async () => {
    brokers = await (backends[backend] as () => Promise<Broker[]>)()
    nodes = brokers.map((broker) =>
      createServer<User>({
        port: 0,
        broker,
        logger: silentLogger,
        authenticate: (params) => (params.user ? { name: params.user } : null),
        channels: { 'user:*:notifications': notificationsRoute({ retention: RETENTION }) },
      }),
    )
    await Promise.all(nodes.map((n) => n.start()))
    sockets = []
  })
  afterEach(async () => {
    for (const socket of sockets) socket.close()
    await Promise.all(nodes.map((n) => n.stop()))
    await Promise.all(brokers.map((b) => b.close()))
  })

  async function tab(node: number, user = 'carol'): Promise<FeatureSocket> {
    const socket = await FeatureSocket.connect((nodes[node] as WirestateServer<User>).url, user)
    sockets.push(socket)
    return socket
  }

  async function stateOnJoin(node: number): Promise<Record<string, unknown>> {
    const socket = await tab(node)
    const reply = await socket.join(TOPIC, { state: true })
    socket.close()
    expect(reply.status).toBe('ok')
    return reply.response
  }

  const notify = (node: number, n: number) =>
    (nodes[node] as WirestateServer<User>).broadcast(TOPIC, 'notification', { kind: 'test', n })

  it('keeps read state in the broker: across tabs, reconnects and nodes', async () => {
    expect(await stateOnJoin(0)).toEqual({ unread: 0, latest: null, read_through: null, read: [] })
    const first = await tab(0)
    expect(await first.join(TOPIC)).toEqual({ status: 'ok', response: {} })
    const [n1, n2, n3] = [await notify(0, 1), await notify(1, 2), await notify(0, 3)] as string[]
    const second = await tab(1)
    expect((await second.join(TOPIC, { state: true })).response).toEqual({
      unread: 3,
      latest: n3,
      read_through: null,
      read: [],
    })

    const afterOne = { unread: 2, latest: n3, read_through: null, read: [n2] }
    expect(await first.push(TOPIC, 'mark_read', { id: n2 })).toEqual({
      status: 'ok',
      response: afterOne,
    })
    const announced = await second.waitFor((f) => f.event === 'notifications_state')
    expect([announced.joinRef, announced.payload]).toEqual([null, afterOne])
    for (const id of [n2, '1-0']) {
      expect((await first.push(TOPIC, 'mark_read', { id })).response).toEqual(afterOne)
    }
    expect((await first.push(TOPIC, 'mark_read', { id: 'n2' })).response).toEqual({
      reason: 'invalid id',
    })
    const page = await first.push(TOPIC, 'history', { limit: 10 })
    expect(page.response).toEqual({
      notifications: [
        { kind: 'test', n: 1, id: n1, read: false },
        { kind: 'test', n: 2, id: n2, read: true },
        { kind: 'test', n: 3, id: n3, read: false },
      ],
      more: false,
    })
    first.close()
    second.close()
    expect(await stateOnJoin(1)).toEqual(afterOne)
    expect(await stateOnJoin(0)).toEqual(afterOne)
  })

  it('marks all read up to an id, only forward, and counts what came later', async () => {
    const [, n2, n3] = [await notify(0, 1), await notify(0, 2), await notify(1, 3)] as string[]
    const carol = await tab(1)
    await carol.join(TOPIC)
    await carol.push(TOPIC, 'mark_read', { id: n3 })
    expect((await carol.push(TOPIC, 'mark_all_read', { through: n2 })).response).toEqual({
      unread: 0,
      latest: n3,
      read_through: n2,
      read: [n3],
    })
    const n4 = (await notify(0, 4)) as string
    expect(await stateOnJoin(0)).toEqual({ unread: 1, latest: n4, read_through: n2, read: [n3] })
    // Backwards is no change; a `through` beyond what is stored stops at the newest.
    expect((await carol.push(TOPIC, 'mark_all_read', { through: '1-0' })).response).toMatchObject({
      unread: 1,
      read_through: n2,
    })
    const all = { unread: 0, latest: n4, read_through: n4, read: [] }
    expect(
      (await carol.push(TOPIC, 'mark_all_read', { through: '99999999999999-0' })).response,
    ).toEqual(all)
    const n5 = (await notify(1, 5)) as string
    expect((await carol.push(TOPIC, 'mark_all_read', {})).response).toEqual({
      ...all,
      latest: n5,
      read_through: n5,
    })
    expect(await stateOnJoin(0)).toEqual({ ...all, latest: n5, read_through: n5 })
    expect((await carol.push(TOPIC, 'mark_all_read', { through: 7 })).response).toEqual({
      reason: 'invalid id',
    })
  })

  it('adds the state to a resuming join, and lets only that user join', async () => {
    const n1 = (await notify(0, 1)) as string
    const n2 = (await notify(0, 2)) as string
    const carol = await tab(1)
    expect((await carol.join(TOPIC, { since: n1, state: true })).response).toEqual({
      unread: 2,
      latest: n2,
      read_through: null,
      read: [],
      recovered: true,
    })
    const replayed = await carol.waitFor((f) => f.event === 'notification')
    expect(replayed.payload).toEqual({ kind: 'test', n: 2, id: n2 })
    const dave = await tab(0, 'dave')
    expect(await dave.join(TOPIC, { state: true })).toEqual({
      status: 'error',
      response: { reason: 'unauthorized' },
    })
  })
})

describe('notificationsRoute read marks', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('count a notification older than the retention as read', async () => {
    let clock = 1_700_000_000_000
    const broker = new MemoryBroker({ now: () => clock })
    const server = createServer<User>({
      port: 0,
      broker,
      logger: silentLogger,
      authenticate: (params) => (params.user ? { name: params.user } : null),
      channels: { 'user:*:notifications': notificationsRoute({ retention: RETENTION }) },
    })
    await server.start()
    try {
      const old = await server.broadcast(TOPIC, 'notification', { n: 1 })
      clock += 600_000
      const fresh = await server.broadcast(TOPIC, 'notification', { n: 2 })
      // The stream ids come from the broker's clock; the route reads Date.
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(clock)
      const carol = await FeatureSocket.connect(server.url, 'carol')
      expect((await carol.join(TOPIC, { state: true })).response).toMatchObject({ unread: 2 })
      await carol.push(TOPIC, 'mark_read', { id: fresh as string })
      vi.setSystemTime(1_700_000_000_000 + RETENTION.maxAgeMs + 1)
      expect((await carol.join(TOPIC, { state: true })).response).toEqual({
        unread: 0,
        latest: fresh,
        read_through: old,
        read: [fresh],
      })
      carol.close()
    } finally {
      await server.stop()
      await broker.close()
    }
  })
})
