import { randomUUID } from 'node:crypto'
import { type Client, createClient } from '@wirestate/core'
import { type Presence, presence } from '@wirestate/core/presence'
import { Presence as PhoenixPresence, type Socket } from 'phoenix'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RedisBroker, type RedisBrokerOptions } from '../../src/broker/redis/redis-broker.ts'
import { createServer, silentLogger, type WirestateServer } from '../../src/index.ts'
import { eventually } from '../eventually.ts'
import { type FaultProxy, startFaultProxy } from '../fault-proxy.ts'
import { openPhoenixSocket, settle } from '../phoenix-socket.ts'
import { type RedisServer, startRedisServer } from '../redis-server.ts'
import { reportChaos } from './chaos.ts'

// Presence diffs published while a node's Redis subscription is down never reach
// it; once it is back, the node re-sends its members the whole presence_state.
// Node A reaches Redis through a fault proxy; X (@wirestate/core) and P
// (phoenix.js) are on A; while A's link is cut (and refused), Y on node B leaves,
// Z joins, W joins and leaves. Healed, X and P must see exactly the truth (p, x,
// z) without rejoining, within 3 s of A's reconnect.
type User = { name: string }
const TOPIC = 'room:resync'
const CONVERGE_WITHIN_MS = 3000
const TRUTH = ['p', 'x', 'z']

let redis: RedisServer
let proxy: FaultProxy
let brokers: RedisBroker[] = []
let servers: WirestateServer<User>[] = []
let clients: Client[] = []
let phoenixSockets: Socket[] = []

beforeAll(async () => {
  redis = await startRedisServer()
}, 15_000)
afterAll(() => redis?.stop())
afterEach(async () => {
  proxy?.refuse(false) // a failed run may leave node A cut off: let it leave cleanly
  for (const client of clients) client.disconnect()
  for (const socket of phoenixSockets) socket.disconnect()
  await Promise.all(servers.map((s) => s.stop()))
  await Promise.all(brokers.map((b) => b.close().catch(() => {})))
  await proxy?.close()
  ;[brokers, servers, clients, phoenixSockets] = [[], [], [], []]
}, 20_000)

async function node(options: RedisBrokerOptions): Promise<WirestateServer<User>> {
  const broker = await RedisBroker.connect({ onError: () => {}, ...options })
  brokers.push(broker)
  const server = createServer<User>({
    port: 0,
    broker,
    logger: silentLogger,
    authenticate: (params) => (params.user ? { name: String(params.user) } : null),
    channels: { 'room:*': { presence: { key: (channel) => channel.user.name } } },
  })
  servers.push(server)
  await server.start()
  return server
}

function member(
  server: WirestateServer<User>,
  user: string,
  leaveDelayMs = 0,
): { client: Client; room: Presence } {
  const client = createClient({
    url: server.url,
    params: { user },
    WebSocket: globalThis.WebSocket,
  })
  clients.push(client)
  const room = presence(client.channel(TOPIC), { leaveDelayMs })
  room.$members.subscribe(() => {})
  return { client, room }
}

// A phoenix.js client on the topic: its Presence's keys, as that library lists them.
async function phoenixMember(server: WirestateServer<User>, user: string) {
  const socket = await openPhoenixSocket(server, { user })
  phoenixSockets.push(socket)
  const channel = socket.channel(TOPIC, {})
  const tracked = new PhoenixPresence(channel)
  expect((await settle(channel.join())).status).toBe('ok')
  return () => tracked.list((key) => key).sort()
}

const keys = (room: Presence) => [...(room.$members.get()?.keys() ?? [])].sort()
const listed = async (server: WirestateServer<User>) =>
  Object.keys(await server.broker.listPresence(TOPIC)).sort()

describe('presence after a node resubscribes to Redis', () => {
  it('re-sends the whole state: a client sees who left and who came while its node was cut off', async () => {
    const prefix = `resync-${randomUUID()}:`
    proxy = await startFaultProxy({ host: '127.0.0.1', port: redis.port })
    const a = await node({ url: proxy.url('redis'), prefix })
    const b = await node({ url: redis.url, prefix })
    const x = member(a, 'x')
    const statuses: string[] = []
    x.client.channel(TOPIC).$state.subscribe((s) => statuses.push(s.status))
    const p = await phoenixMember(a, 'p')
    const y = member(b, 'y')
    await eventually(() => expect(keys(x.room)).toEqual(['p', 'x', 'y']), 5000)
    await eventually(() => expect(p()).toEqual(['p', 'x', 'y']), 5000)

    proxy.refuse(true)
    proxy.cut()
    y.client.disconnect()
    const z = member(b, 'z')
    const w = member(b, 'w')
    await eventually(() => expect(keys(w.room)).toEqual(['p', 'w', 'x', 'z']), 5000)
    w.client.disconnect()
    await eventually(async () => expect(await listed(b)).toEqual(['p', 'x', 'z']), 5000)
    await eventually(() => expect(keys(z.room)).toEqual(['p', 'x', 'z']), 5000)
    expect([keys(x.room), p()]).toEqual([
      ['p', 'x', 'y'],
      ['p', 'x', 'y'],
    ]) // A heard nothing

    const accepted = proxy.counters.accepted
    const healedAt = performance.now()
    proxy.refuse(false)
    await eventually(() => expect([keys(x.room), p()]).toEqual([TRUTH, TRUTH]), 10_000)
    const convergedAt = performance.now()
    const back = proxy.counters.arrivals.find((at) => at >= healedAt) ?? Number.NaN
    const figures = {
      reconnectedMs: Math.round(back - healedAt),
      convergedAfterReconnectMs: Math.round(convergedAt - back),
      convergedAfterHealMs: Math.round(convergedAt - healedAt),
    }
    reportChaos('presence resync after a cut Redis link (redis)', figures)
    expect(proxy.counters.accepted).toBeGreaterThan(accepted)
    expect(figures.convergedAfterReconnectMs).toBeLessThanOrEqual(CONVERGE_WITHIN_MS)
    // X never rejoined: once joined, its channel stayed so.
    expect(statuses.slice(statuses.indexOf('joined'))).toEqual(['joined'])
    expect(await listed(a)).toEqual(TRUTH)
  }, 30_000)

  it('ends on the whole truth when Redis restarted without its keys (entries re-tracked, state re-sent)', async () => {
    const prefix = `resync-loss-${randomUUID()}:`
    const [a, b] = [await node({ url: redis.url, prefix }), await node({ url: redis.url, prefix })]
    // x shows a leave at once; x2 with the default anti-flap delay (1 s).
    const [x, x2] = [member(a, 'x'), member(a, 'x2', 1000)]
    const leaves: string[] = []
    const leaves2: string[] = []
    x.room.onLeave((gone) => leaves.push(gone.id))
    x2.room.onLeave((gone) => leaves2.push(gone.id))
    member(b, 'q')
    const truth = ['q', 'x', 'x2']
    await eventually(() => expect([keys(x.room), keys(x2.room)]).toEqual([truth, truth]), 5000)
    const lostAt = performance.now()
    await redis.kill('SIGKILL')
    await redis.start()
    await eventually(async () => expect(await listed(a)).toEqual(truth), 10_000)
    await eventually(() => expect(keys(x.room)).toEqual(truth), 10_000)
    const convergedAt = performance.now()
    // The last state re-sent comes after both nodes wrote their entries back, and
    // nothing changes the view afterwards.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect([keys(x.room), keys(x2.room)]).toEqual([truth, truth])
    reportChaos('presence after Redis lost every key (redis)', {
      convergedAfterLossMs: Math.round(convergedAt - lostAt),
      transientLeavesShown: leaves.length,
      transientLeavesShownWithDefaultDelay: leaves2.length,
    })
  }, 30_000)
})
