import type { ViteDevServer } from 'vite'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { FeatureSocket } from './features-socket.ts'
import { type RedisServer, startRedisServer } from './redis-server.ts'
import { type ServedApp, ViteApp } from './vite-app.ts'
import { fixtureFiles } from './vite-fixture.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(() => redis.stop())

it('passes the Redis option through: two dev servers are two nodes of one cluster', async () => {
  const apps = [await ViteApp.create(fixtureFiles()), await ViteApp.create(fixtureFiles())]
  const servers: ServedApp<ViteDevServer>[] = []
  const sockets: FeatureSocket[] = []
  try {
    for (const app of apps) servers.push(await app.dev({ redis: redis.url }))
    const [a, b] = servers as [ServedApp<ViteDevServer>, ServedApp<ViteDevServer>]
    const alice = await FeatureSocket.connect(a.socketUrl, 'alice')
    const bob = await FeatureSocket.connect(b.socketUrl, 'bob')
    sockets.push(alice, bob)
    await alice.join('room:redis')
    await bob.join('room:redis')
    // Presence and messages cross from one dev server to the other through Redis.
    await alice.waitFor((f) => f.event === 'presence_diff' && 'bob' in (f.payload.joins as object))
    const { response } = await bob.push('room:redis', 'say', { body: 'from node b' })
    const heard = await alice.waitFor((f) => f.event === 'said')
    expect(heard.payload).toEqual({ body: 'from node b', by: 'bob', id: response.id })
  } finally {
    for (const socket of sockets) socket.close()
    for (const server of servers) await server.close()
    for (const app of apps) await app.remove()
  }
})
