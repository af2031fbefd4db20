import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { createClient } from '@wirestate/core'
import { presence } from '@wirestate/core/presence'
import { type Broker, MemoryBroker } from '@wirestate/engine'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisBroker } from '../../src/broker/redis/redis-broker.ts'
import { createServer, silentLogger, type WirestateServer } from '../../src/index.ts'
import { eventually } from '../eventually.ts'
import { RawClient } from '../raw-client.ts'
import { type RedisClusterServer, startRedisCluster } from '../redis-cluster.ts'
import { type RedisServer, startRedisServer } from '../redis-server.ts'
import { chaosSize, reportChaos } from './chaos.ts'

// A `presence_update` racing the end of its join must not leave an entry behind,
// on any broker: the socket closes right after the update, or the same socket
// joins the topic again, or the public client updates and disconnects. Counters:
// entries left once every socket is gone (ghosts), entries of one socket at once.
const RACES = chaosSize(10, 60)
const TOPIC = 'room:race'

let redis: RedisServer
let cluster: RedisClusterServer
beforeAll(async () => {
  ;[redis, cluster] = await Promise.all([startRedisServer(), startRedisCluster()])
}, 40_000)
afterAll(async () => {
  await Promise.all([redis?.stop(), cluster?.stop()])
})

const brokers: Record<string, () => Promise<Broker>> = {
  memory: async () => new MemoryBroker(),
  redis: () => RedisBroker.connect({ url: redis.url, prefix: `race-${randomUUID()}:` }),
  cluster: () => RedisBroker.connect({ cluster: cluster.urls, prefix: `race-${randomUUID()}:` }),
}

for (const [kind, makeBroker] of Object.entries(brokers)) {
  describe(`presence update races on the ${kind} broker`, () => {
    it(`leaves no entry when the socket closes right after an update (${RACES} races)`, async () => {
      await withServer(makeBroker, async (server) => {
        await inBatches(RACES, async (n) => {
          const client = await joinedRaw(server, `closer-${n}`, '1')
          client.send(['1', '2', TOPIC, 'presence_update', { status: 'away' }])
          client.ws.terminate()
        })
        const ghosts = await entriesLeft(server)
        reportChaos(`presence: update then close (${kind})`, { races: RACES, ghosts })
        expect(ghosts).toBe(0)
      })
    }, 60_000)

    it(`keeps one entry per socket when it joins again right after an update (${RACES} races)`, async () => {
      await withServer(makeBroker, async (server) => {
        const client = await joinedRaw(server, 'rejoiner', '1')
        let most = 0
        for (let n = 0; n < RACES; n++) {
          const joinRef = String(n + 2)
          client.send([String(n + 1), `u${n}`, TOPIC, 'presence_update', { n }])
          // Let the update reach the broker (0-2 ms), so the join ends while it is in flight.
          await sleep(n % 3)
          client.send([joinRef, joinRef, TOPIC, 'phx_join', {}])
          await nextPresenceState(client, joinRef)
          const metas = (await server.broker.listPresence(TOPIC)).rejoiner?.metas ?? []
          most = Math.max(most, metas.length)
        }
        await eventually(async () => {
          expect((await server.broker.listPresence(TOPIC)).rejoiner?.metas).toHaveLength(1)
        })
        client.ws.terminate()
        const ghosts = await entriesLeft(server)
        reportChaos(`presence: update then rejoin (${kind})`, {
          races: RACES,
          mostEntriesOfOneSocket: most,
          ghosts,
        })
        expect({ most, ghosts }).toEqual({ most: 1, ghosts: 0 })
      })
    }, 60_000)

    it(`leaves no entry after presence.update() then client.disconnect() (${RACES} clients)`, async () => {
      await withServer(makeBroker, async (server) => {
        await inBatches(RACES, async (n) => {
          const client = createClient({
            url: server.url,
            params: { user: `client-${n}` },
            WebSocket: globalThis.WebSocket,
          })
          const room = presence(client.channel(TOPIC), { meta: { status: 'here' } })
          const off = room.$members.subscribe(() => {})
          await eventually(() => expect(room.$count.get()).toBeGreaterThan(0), 5000)
          void room.update({ status: 'away' }).catch(() => {})
          client.disconnect()
          off()
        })
        const ghosts = await entriesLeft(server)
        reportChaos(`presence: public client update then disconnect (${kind})`, {
          clients: RACES,
          ghosts,
        })
        expect(ghosts).toBe(0)
      })
    }, 60_000)
  })
}

async function withServer(
  makeBroker: () => Promise<Broker>,
  run: (server: WirestateServer<{ name: string }>) => Promise<void>,
): Promise<void> {
  const broker = await makeBroker()
  const server = createServer<{ name: string }>({
    port: 0,
    broker,
    logger: silentLogger,
    authenticate: (params) => (params.user ? { name: params.user } : null),
    channels: { 'room:*': { presence: { key: (channel) => channel.user.name } } },
  })
  await server.start()
  try {
    await run(server)
  } finally {
    await server.stop()
    await broker.close()
  }
}

// Joined with presence tracked: its `presence_state` arrived.
async function joinedRaw(
  server: WirestateServer<{ name: string }>,
  user: string,
  joinRef: string,
): Promise<RawClient> {
  const client = await RawClient.connect(`${server.url}?vsn=2.0.0&user=${user}`)
  client.send([joinRef, joinRef, TOPIC, 'phx_join', { presence: { status: 'here' } }])
  await nextPresenceState(client, joinRef)
  return client
}

async function nextPresenceState(client: RawClient, joinRef: string): Promise<void> {
  for (;;) {
    const [ref, , , event] = JSON.parse(String(await client.next(5000))) as unknown[]
    if (event === 'presence_state' && ref === joinRef) return
  }
}

// Every socket gone from the server, then what the broker still lists.
async function entriesLeft(server: WirestateServer<{ name: string }>): Promise<number> {
  await eventually(() => expect(server.connectionCount).toBe(0), 5000)
  let left = 0
  await eventually(async () => {
    const state = await server.broker.listPresence(TOPIC)
    left = Object.values(state).reduce((sum, { metas }) => sum + metas.length, 0)
    expect(left).toBe(0)
  }, 3000).catch(() => {})
  return left
}

async function inBatches(count: number, run: (n: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, i) => run(start + i))
    await Promise.all(batch)
  }
}
