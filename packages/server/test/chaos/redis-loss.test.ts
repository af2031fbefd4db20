import { randomUUID } from 'node:crypto'
import { createClient } from '@wirestate/core'
import { type Chat, chat } from '@wirestate/core/chat'
import { stream } from '@wirestate/core/stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../eventually.ts'
import { type RedisServer, startRedisServer } from '../redis-server.ts'
import { chaosSize, reportChaos } from './chaos.ts'
import { startChatNode } from './chat-node.ts'

// Redis restarted without persistence: every stream, head and presence key is
// gone. Loss that cannot be prevented must be signalled: every chat client on
// either node gets the gap within 5 s (default broker settings), then its chat
// shows the latest page — what the server holds now.
const CLIENTS = chaosSize(10, 50)
const TOPIC = 'room:loss'
const GAP_WITHIN_MS = 5000

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
}, 15_000)
afterAll(() => redis?.stop())

describe('Redis losing every key', () => {
  it(`signals the gap to all ${CLIENTS} chat clients within 5 s, then shows the latest page`, async () => {
    const prefix = `loss-${randomUUID()}:`
    const nodes = [
      await startChatNode({ url: redis.url, prefix }),
      await startChatNode({ url: redis.url, prefix }),
    ]
    const clients = Array.from({ length: CLIENTS }, (_, n) => {
      const client = createClient({
        // Node has no window: a client there opens a socket only when given one.
        WebSocket: globalThis.WebSocket,
        url: (nodes[n % 2] as (typeof nodes)[number]).server.url,
        params: { user: `user-${n}` },
        reconnect: { minDelayMs: 50, maxDelayMs: 500 },
      })
      const channel = client.channel(TOPIC)
      const room = chat(channel, { user: `user-${n}` })
      const gaps: number[] = []
      stream(channel).onGap(() => gaps.push(performance.now()))
      const off = room.$messages.subscribe(() => {})
      return { client, room, gaps, off }
    })
    try {
      for (const [n, { room }] of clients.entries()) {
        await eventually(() => expect(room.$hasMore.get()).toBe(false), 5000)
        room.send(`before ${n}`)
      }
      for (const { room } of clients) {
        await eventually(() => expect(confirmed(room)).toHaveLength(CLIENTS), 10_000)
      }
      const lostAt = performance.now()
      await redis.kill('SIGKILL')
      await redis.start()
      for (const { gaps } of clients) {
        await eventually(() => expect(gaps.length).toBeGreaterThan(0), 15_000).catch(() => {})
      }
      const delays = clients.map(({ gaps }) => (gaps[0] ?? Number.NaN) - lostAt)
      const slowest = Math.max(...delays)
      ;(clients[0] as (typeof clients)[number]).room.send('after the loss')
      const latest = async () =>
        (await (nodes[0] as (typeof nodes)[number]).server.history(TOPIC, null, 50)).entries.map(
          (e) => (e.payload as { body: string }).body,
        )
      await eventually(async () => expect(await latest()).toEqual(['after the loss']), 10_000)
      for (const { room } of clients) {
        await eventually(() => expect(confirmed(room)).toEqual(['after the loss']), 10_000)
      }
      reportChaos('Redis restarted without persistence (every key lost)', {
        clients: CLIENTS,
        signalled: delays.filter((d) => d <= GAP_WITHIN_MS).length,
        slowestGapMs: Math.round(slowest),
      })
      expect(delays.every((d) => d <= GAP_WITHIN_MS)).toBe(true)
    } finally {
      for (const { client, off } of clients) {
        off()
        client.disconnect()
      }
      await Promise.all(nodes.map((n) => n.stop()))
    }
  }, 120_000)
})

function confirmed(room: Chat): string[] {
  return room.$messages
    .get()
    .filter((m) => m.status === 'confirmed')
    .map((m) => m.body)
}
