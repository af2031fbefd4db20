import { setTimeout as sleep } from 'node:timers/promises'
import { type Client, createClient } from '@wirestate/core'
import { describe, expect, it } from 'vitest'
import { chatRoute, createServer, silentLogger, type WirestateServer } from '../../src/index.ts'
import { eventually } from '../eventually.ts'
import { startFaultProxy } from '../fault-proxy.ts'
import { chaosSize, reportChaos } from './chaos.ts'

// Many clients joined to stream topics when their server restarts (1 s down; its
// address refuses connections meanwhile): how hard they knock (connection
// attempts per 100 ms) and how long until every one has rejoined.
const CLIENTS = chaosSize(50, 300)
const DOWN_MS = 1000
const BUCKET_MS = 100
type User = { name: string }

describe('clients reconnecting after a server restart', () => {
  it(`${CLIENTS} clients all rejoin, with backoff, once the server is back`, async () => {
    let server = await start()
    const door = await startFaultProxy({ host: '127.0.0.1', port: server.port })
    const clients = Array.from({ length: CLIENTS }, (_, n) => joined(door.url('ws'), n))
    try {
      await eventually(() => expect(rejoinedCount(clients)).toBe(CLIENTS), 30_000)
      const before = door.counters.arrivals.length
      const downAt = performance.now()
      door.refuse(true)
      await server.stop()
      await sleep(DOWN_MS)
      server = await start()
      door.retarget({ host: '127.0.0.1', port: server.port })
      door.refuse(false)
      const backAt = performance.now()
      await eventually(() => expect(rejoinedCount(clients)).toBe(CLIENTS), 30_000)
      const allRejoinedMs = performance.now() - backAt
      const attempts = door.counters.arrivals.slice(before).map((t) => t - downAt)
      const buckets = new Map<number, number>()
      for (const t of attempts) {
        const bucket = Math.floor(t / BUCKET_MS)
        buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1)
      }
      const counters = {
        clients: CLIENTS,
        attempts: attempts.length,
        maxAttemptsPer100ms: Math.max(...buckets.values()),
        allRejoinedMs: Math.round(allRejoinedMs),
      }
      reportChaos(
        '300 clients reconnecting after a server restart'.replace('300', `${CLIENTS}`),
        counters,
      )
      // Backoff, not a loop: a handful of tries each over 1 s down; all back within
      // the longest backoff delay (10 s) of the server's return.
      expect(counters.attempts).toBeLessThanOrEqual(CLIENTS * 6)
      expect(counters.allRejoinedMs).toBeLessThanOrEqual(10_000)
    } finally {
      for (const client of clients) client.client.disconnect()
      await server.stop()
      await door.close()
    }
  }, 120_000)
})

interface Joined {
  client: Client
  joined: () => boolean
}

function joined(url: string, n: number): Joined {
  const client = createClient({
    url: `${url}/socket/websocket`,
    params: { user: `user-${n}` },
    WebSocket: globalThis.WebSocket,
  })
  const channel = client.channel(`room:${n % 10}`)
  channel.join()
  return { client, joined: () => channel.$state.get().status === 'joined' }
}

function rejoinedCount(clients: Joined[]): number {
  return clients.filter((c) => c.joined()).length
}

async function start(): Promise<WirestateServer<User>> {
  const server = createServer<User>({
    port: 0,
    logger: silentLogger,
    authenticate: (params) => (params.user ? { name: params.user } : null),
    channels: { 'room:*': chatRoute<User>({ userId: (channel) => channel.user.name }) },
  })
  await server.start()
  return server
}
